package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;

/** numberMatched stays cheap: exact up to the cap, left out (as Part 1 allows) above it. */
class OgcCountTest {
    private static TestServer server;
    private static DataSource ds;

    @BeforeAll
    static void start() {
        ds = TestDatabase.database("ogc_count", false);
        TestDatabase.emptyFeatureTables(ds);
        // one more point than the cap; every tenth is severe
        OgcFixture.exec(ds, "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                + " SELECT 'C' || lpad(i::text, 7, '0'), 'landslide', '点' || i, CASE WHEN i % 10 = 0 THEN 4 ELSE 1 END, '500101',"
                + " ST_SetSRID(ST_MakePoint(100 + (i % 1000) * 0.01, 25 + (i / 1000) * 0.01), 4326)"
                + " FROM generate_series(1, " + (ItemsHandler.COUNT_CAP + 1) + ") i", "ANALYZE hazard_point");
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void more_matches_than_the_cap_leave_numberMatched_out_but_keep_paging() {
        JsonNode page = server.http.get("/ogc/collections/hazards/items?limit=5").json();
        assertFalse(page.has("numberMatched"), page.toString().substring(0, 200));
        assertEquals(5, page.get("numberReturned").asInt());
        assertTrue(page.get("links").findValues("rel").stream().anyMatch(rel -> rel.asText().equals("next")), "a next link still walks on");
    }

    @Test
    void a_box_with_more_matches_than_the_cap_is_counted_from_cells_on_its_first_page_and_pages_in_geohash_order() {
        String box = "bbox=99.5,24.5,111,26.5"; // every point
        List<String> first10 = TestDatabase.ids(ds, "SELECT id FROM hazard_point" + OgcFixture.GEOHASH_ORDER + " LIMIT 10");
        long inBox = TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE ST_Intersects(geom, ST_MakeEnvelope(99.5, 24.5, 111, 26.5, 4326))");
        assertTrue(inBox > ItemsHandler.COUNT_CAP, "fixture: " + inBox);
        JsonNode page = server.http.get("/ogc/collections/hazards/items?limit=5&" + box).json();
        // the box alone: its first page is counted from the geohash cells (V43), exactly, past the cap
        assertEquals(inBox, page.path("numberMatched").asLong(-1), page.toString().substring(0, 200));
        assertEquals(first10.subList(0, 5), OgcItemsTest.ids(page));
        JsonNode next = server.http.get(OgcItemsTest.pathOf(OgcItemsTest.link(page, "next"))).json();
        assertEquals(first10.subList(5, 10), OgcItemsTest.ids(next));
        assertEquals(inBox, next.path("numberMatched").asLong(-1), "a cursor page of the box alone: counted from the cells too");
        JsonNode back = server.http.get(OgcItemsTest.pathOf(OgcItemsTest.link(next, "prev"))).json();
        assertEquals(OgcItemsTest.ids(page), OgcItemsTest.ids(back), "prev from the second page is the first page again");
        assertEquals(inBox, back.path("numberMatched").asLong(-1));
        JsonNode filtered = server.http.get("/ogc/collections/hazards/items?limit=5&filter=risk_level%3E%3D1&" + box).json();
        assertEquals(5, filtered.path("numberReturned").asInt());
        assertFalse(filtered.has("numberMatched"), "another filter than the box: counted by keys, beyond the cap left out");
        // the cells are kept by category, for the per-category collections
        assertEquals(inBox, server.http.get("/ogc/collections/landslide/items?limit=5&" + box).json().path("numberMatched").asLong(-1));
        assertEquals(0, server.http.get("/ogc/collections/flood/items?limit=5&" + box).json().path("numberMatched").asLong(-1));
    }

    @Test
    void fewer_matches_than_the_cap_are_counted_exactly() {
        long severe = (ItemsHandler.COUNT_CAP + 1) / 10; // i % 10 = 0 for i in 1..cap+1
        JsonNode page = server.http.get("/ogc/collections/hazards/items?limit=5&risk_level=4").json();
        assertEquals(severe, page.get("numberMatched").asLong());
    }

    @Test
    void a_download_of_more_matches_than_a_file_holds_is_refused_but_a_limited_one_is_not() {
        riskmap.TestHttp.Response all = server.http.get("/ogc/collections/hazards/items?f=csv");
        assertEquals(400, all.status(), all.body().length() > 300 ? all.body().substring(0, 300) : all.body());
        assertEquals("too_many_features", all.json().path("error").asText());
        riskmap.TestHttp.Response some = server.http.get("/ogc/collections/hazards/items?f=csv&limit=3&offset=10");
        assertEquals(200, some.status());
        assertEquals(List.of("C0000011", "C0000012", "C0000013"), some.body().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList());
    }
}
