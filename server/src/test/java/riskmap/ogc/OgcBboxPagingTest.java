package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static riskmap.ogc.OgcItemsTest.ids;
import static riskmap.ogc.OgcItemsTest.link;
import static riskmap.ogc.OgcItemsTest.pathOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Visibility;
import riskmap.store.OgcSql;
import riskmap.store.PageOrder;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * Items with bbox, answered by one statement per page in geohash order (page, numberMatched and
 * paging flags from the runs of the box's cover): checked against plain SQL over the same table.
 */
class OgcBboxPagingTest {
    /** Lon 100..100.99, lat 30..30.29 on a 0.01° grid; ids are a permutation, so id order is not the order of the grid. */
    private static final String GRID = "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
            + " SELECT 'G' || lpad(((i * 7919) % 3001)::text, 5, '0'), 'flood', '格点' || i, 1 + i % 4, '500101',"
            + " ST_SetSRID(ST_MakePoint(100 + (i % 100) * 0.01, 30 + (i / 100) * 0.01), 4326) FROM generate_series(0, 2999) i";
    private static final String BOX = "100.105,30.02,100.705,30.205";
    private static final String ITEMS = "/ogc/collections/hazards/items";
    private static TestServer server;
    private static DataSource ds;

    @BeforeAll
    static void start() {
        ds = TestDatabase.database("ogc_bbox_paging", false);
        TestDatabase.emptyFeatureTables(ds);
        OgcFixture.exec(ds, GRID,
                // just outside the box's east edge by less than a float4 step at lon 100 (~8e-6°): inside the index's
                // rounded box, outside the box itself; and one exactly on the north edge, which intersects
                "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES"
                        + " ('EDGE_OUT', 'flood', '界外', 1, '500101', ST_SetSRID(ST_MakePoint(100.7050001, 30.1), 4326)),"
                        + " ('EDGE_ON', 'flood', '界上', 1, '500101', ST_SetSRID(ST_MakePoint(100.3, 30.205), 4326))",
                "VACUUM ANALYZE hazard_point, hazard_geohash_count");
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> sqlIds(String box, String extra) {
        return TestDatabase.ids(ds, "SELECT id FROM hazard_point WHERE ST_Intersects(geom, ST_MakeEnvelope(" + box + ", 4326))" + extra + OgcFixture.GEOHASH_ORDER);
    }

    @Test
    void next_links_over_a_box_visit_every_match_once_in_geohash_order_and_prev_links_walk_the_same_pages_back() {
        List<String> expected = sqlIds(BOX, "");
        assertTrue(expected.size() > 1000 && expected.contains("EDGE_ON") && !expected.contains("EDGE_OUT"), "fixture: " + expected.size());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'EDGE_OUT' AND geom && ST_MakeEnvelope(" + BOX + ", 4326)"),
                "fixture: the index's box test alone would let EDGE_OUT in");
        List<String> seen = new ArrayList<>();
        List<List<String>> pages = new ArrayList<>();
        String next = ITEMS + "?limit=97&bbox=" + BOX;
        JsonNode doc = null;
        while (next != null) {
            doc = server.http.get(next).json();
            assertEquals(expected.size(), doc.get("numberMatched").asLong(), next);
            assertEquals(pages.isEmpty(), link(doc, "prev") == null, "prev on every page but the first: " + next);
            pages.add(ids(doc));
            seen.addAll(ids(doc));
            next = link(doc, "next") == null ? null : pathOf(link(doc, "next"));
        }
        assertEquals(expected, seen);
        assertEquals((expected.size() + 96) / 97, pages.size());
        List<List<String>> back = new ArrayList<>();
        back.add(ids(doc));
        for (String prev = link(doc, "prev"); prev != null; prev = link(doc, "prev")) {
            doc = server.http.get(pathOf(prev)).json();
            assertEquals(expected.size(), doc.get("numberMatched").asLong());
            assertTrue(link(doc, "next") != null, "a page reached backwards still has a next page");
            back.add(ids(doc));
        }
        Collections.reverse(back);
        assertEquals(pages, back);
    }

    @Test
    void offset_pages_and_other_filters_are_cut_and_counted_as_sql_does() {
        List<String> expected = sqlIds(BOX, " AND risk_level = 3");
        JsonNode doc = server.http.get(ITEMS + "?limit=40&offset=120&risk_level=3&bbox=" + BOX).json();
        assertEquals(expected.subList(120, 160), ids(doc));
        assertEquals(expected.size(), doc.get("numberMatched").asLong());
        assertTrue(link(doc, "prev") != null && link(doc, "next") != null);
        JsonNode last = server.http.get(ITEMS + "?limit=40&offset=" + (expected.size() - 3) + "&risk_level=3&bbox=" + BOX).json();
        assertEquals(expected.subList(expected.size() - 3, expected.size()), ids(last));
        assertNull(link(last, "next"), "nothing after the last match");
        JsonNode past = server.http.get(ITEMS + "?limit=40&offset=" + expected.size() + "&risk_level=3&bbox=" + BOX).json();
        assertEquals(0, past.get("numberReturned").asInt());
        assertEquals(expected.size(), past.get("numberMatched").asLong());
        assertNull(link(past, "next"), "an offset past the last match: no next page");
    }

    @Test
    void offset_pages_of_the_box_alone_are_counted_from_the_cells_only_when_full_or_past_the_last_match() throws Exception {
        List<String> expected = sqlIds(BOX, "");
        int n = expected.size();
        JsonNode full = server.http.get(ITEMS + "?limit=100&offset=200&bbox=" + BOX).json();
        assertEquals(expected.subList(200, 300), ids(full));
        assertEquals(n, full.get("numberMatched").asLong());
        assertTrue(link(full, "prev") != null && link(full, "next") != null);
        JsonNode last = server.http.get(ITEMS + "?limit=100&offset=" + (n - 30) + "&bbox=" + BOX).json();
        assertEquals(expected.subList(n - 30, n), ids(last));
        assertEquals(n, last.get("numberMatched").asLong(), "a page with room left: the offset and its rows");
        assertTrue(link(last, "prev") != null && link(last, "next") == null);
        JsonNode whole = server.http.get(ITEMS + "?limit=" + (n + 1) + "&bbox=" + BOX).json();
        assertEquals(expected, ids(whole));
        assertEquals(n, whole.get("numberMatched").asLong());
        assertTrue(link(whole, "prev") == null && link(whole, "next") == null);
        JsonNode past = server.http.get(ITEMS + "?limit=100&offset=" + (n + 5) + "&bbox=" + BOX).json();
        assertEquals(0, past.get("numberReturned").asInt());
        assertEquals(n, past.get("numberMatched").asLong(), "past the last match the cells say how many there are");
        assertTrue(link(past, "prev") == null && link(past, "next") == null);
        // what the plans say: the cells are read for the full page and not for the one with room left
        String[] b = BOX.split(",");
        double minX = Double.parseDouble(b[0]), minY = Double.parseDouble(b[1]), maxX = Double.parseDouble(b[2]), maxY = Double.parseDouble(b[3]);
        SqlFragment box = OgcSql.bbox(minX, minY, maxX, maxY, OgcSql.STORAGE_SRID, true);
        PageOrder order = PageOrder.geohash(minX, minY, maxX, maxY, box);
        java.util.regex.Pattern cells = java.util.regex.Pattern.compile("Index Only Scan using hazard_geohash_count_cell_idx on hazard_geohash_count g \\((never executed|actual)");
        for (long offset : new long[] {200, n - 30}) {
            String plan = plan(OgcSql.countedPage(riskmap.store.Collections.HAZARDS, List.of(box), order, null, null, offset, 100, ItemsHandler.COUNT_CAP,
                    Visibility.PUBLIC, OgcSql.STORAGE_SRID, false, riskmap.store.Collections.HAZARDS.readableColumns(false), true));
            java.util.regex.Matcher m = cells.matcher(plan);
            assertTrue(m.find(), plan);
            assertEquals(offset == 200 ? "actual" : "never executed", m.group(1), plan);
        }
    }

    @Test
    void a_cursor_of_a_page_in_geohash_order_is_refused_by_a_request_in_id_order() {
        String next = link(server.http.get(ITEMS + "?limit=5&bbox=" + BOX).json(), "next");
        java.util.regex.Matcher cursor = java.util.regex.Pattern.compile("cursor=([^&]+)").matcher(next);
        assertTrue(cursor.find(), next);
        riskmap.TestHttp.Response r = server.http.get(ITEMS + "?limit=5&cursor=" + cursor.group(1));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().path("detail").asText().contains("another order"), r.body());
        assertEquals(5, ids(server.http.get(ITEMS + "?limit=5&bbox=" + BOX + "&cursor=" + cursor.group(1)).json()).size(), "with its bbox it pages on");
    }

    @Test
    void a_box_without_matches_answers_an_empty_counted_page_without_paging_links() {
        JsonNode doc = server.http.get(ITEMS + "?limit=10&bbox=120,40,121,41").json();
        assertEquals(0, doc.get("numberReturned").asInt());
        assertEquals(0, doc.get("numberMatched").asInt());
        assertNull(link(doc, "next"));
        assertNull(link(doc, "prev"));
    }

    @Test
    void the_scan_of_the_matches_reads_the_covering_index_alone() throws Exception {
        String plan;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off"); // 3,000 rows: the planner would rather read the whole table
            StringBuilder b = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) SELECT t.id FROM hazard_point t WHERE ST_Intersects(t.geom, ST_MakeEnvelope(" + BOX + ", 4326))")) {
                while (rs.next()) b.append(rs.getString(1)).append('\n');
            }
            plan = b.toString();
        }
        assertTrue(plan.contains("Index Only Scan using hazard_point_geom_idx"), plan);
        assertTrue(plan.contains("Heap Fetches: 0"), plan);
        assertFalse(plan.contains("Bitmap Heap Scan"), plan);
    }

    @Test
    void a_page_in_geohash_order_reads_its_runs_from_the_geohash_index_in_order_and_counts_them_index_only() throws Exception {
        String[] b = BOX.split(",");
        double minX = Double.parseDouble(b[0]), minY = Double.parseDouble(b[1]), maxX = Double.parseDouble(b[2]), maxY = Double.parseDouble(b[3]);
        SqlFragment box = OgcSql.bbox(minX, minY, maxX, maxY, OgcSql.STORAGE_SRID, true);
        PageOrder order = PageOrder.geohash(minX, minY, maxX, maxY, box);
        // the first page: counted from the geohash cells (V43) and the points the cells leave
        String first = plan(OgcSql.countedPage(riskmap.store.Collections.HAZARDS, List.of(box), order, null, null,
                0, 100, ItemsHandler.COUNT_CAP, Visibility.PUBLIC, OgcSql.STORAGE_SRID, false, riskmap.store.Collections.HAZARDS.readableColumns(false), true));
        assertTrue(first.contains("Index Only Scan using hazard_geohash_count_cell_idx"), first);
        assertEquals(1, first.split("hazard_geohash_count_cell_idx", -1).length - 1, () -> "the cells are summed once: " + first);
        // a cursor page: counted from the keys of the runs, which say how many lie before the cursor
        String after = plan(OgcSql.countedPage(riskmap.store.Collections.HAZARDS, List.of(box), order, new PageOrder.Key("wm0", "G00001"), null,
                0, 100, ItemsHandler.COUNT_CAP, Visibility.PUBLIC, OgcSql.STORAGE_SRID, false, riskmap.store.Collections.HAZARDS.readableColumns(false), true));
        assertTrue(after.contains("Index Only Scan using hazard_point_geohash_idx") && !after.contains("hazard_geohash_count"), after);
        for (String plan : List.of(first, after)) {
            // a nested loop over the runs (the function scan of their arrays), each an index range read in order
            assertTrue(plan.indexOf("Function Scan on r") >= 0 && plan.indexOf("Index Scan using hazard_point_geohash_idx") >= 0, plan);
            assertFalse(plan.matches("(?s).*(Heap Fetches: [1-9]|Bitmap|hazard_point_geom_idx|hazard_point_pkey).*"), plan);
            java.util.regex.Matcher sort = java.util.regex.Pattern.compile("Sort \\(actual time=\\S+ rows=(\\d+)").matcher(plan);
            while (sort.find()) assertTrue(Integer.parseInt(sort.group(1)) <= 100, () -> "only the page's own rows are sorted: " + plan);
        }
    }

    private static String plan(SqlFragment page) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("SET enable_seqscan = off"); // 3,000 rows: the planner would rather read the whole table
            c.createStatement().execute("SET enable_bitmapscan = off"); // as the sessions of ReadReplicas.indexScans() plan
            try (PreparedStatement ps = Sql.prepare(c, new SqlFragment("EXPLAIN (ANALYZE, COSTS OFF) " + page.sql(), page.binds()));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
