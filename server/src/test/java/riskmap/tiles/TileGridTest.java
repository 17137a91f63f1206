package riskmap.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.store.TileGridCompaction;

/**
 * Low-zoom hazard tiles come from the pre-aggregated grid (V37), kept current by the write path:
 * after inserts, moves, level and status changes, deletes, a compaction and a TRUNCATE, every
 * cell of the tile must equal the cells counted here from the points themselves (the slippy-map
 * formulae of {@link TileMath} at zoom z + 3, eight cells a tile, one cell of margin).
 */
class TileGridTest {
    private static final String[] CATEGORIES = {"landslide", "flood", "forest_fire"};
    private static final String[] STATUSES = {"active", "monitoring", "rectifying"};
    private static DataSource ds;
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A point as the test knows it, independent of the server. */
    record P(String id, double lon, double lat, String category, int level, String status, String adminCode, int people) {
    }

    /** One aggregation cell as expected or as decoded: count, highest level, people. */
    record Cell(long count, long maxLevel, long people) {
    }

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.database("tilegrid", false);
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void low_zoom_cells_follow_every_kind_of_write_and_survive_compaction() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        List<P> points = new ArrayList<>();
        Random rnd = new Random(42);
        for (int i = 0; i < 5500; i++) {
            // Chongqing and around, spanning several tiles at zooms 3–8, and a dense town (from G03000) that
            // zoom 9–11 tiles aggregate too
            boolean town = i >= 3000;
            points.add(new P(String.format("G%05d", i), town ? 106.5 + rnd.nextDouble() * 0.15 : 104 + rnd.nextDouble() * 6,
                    town ? 29.5 + rnd.nextDouble() * 0.15 : 27 + rnd.nextDouble() * 5,
                    CATEGORIES[rnd.nextInt(3)], 1 + rnd.nextInt(4), STATUSES[rnd.nextInt(3)], rnd.nextBoolean() ? "500101" : "510104", rnd.nextInt(50)));
        }
        insert(points);
        assertTilesMatch(points);

        // moves, level and status changes, people, in single-row and multi-row statements
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE hazard_point SET geom = ST_SetSRID(ST_MakePoint(ST_X(geom) + 1.3, ST_Y(geom) - 0.7), 4326) WHERE id < 'G00400'");
            st.executeUpdate("UPDATE hazard_point SET risk_level = 4 WHERE id BETWEEN 'G00400' AND 'G00699'");
            st.executeUpdate("UPDATE hazard_point SET status = 'monitoring', threatened_people = threatened_people + 7 WHERE id BETWEEN 'G00700' AND 'G00999'");
            st.executeUpdate("UPDATE hazard_point SET name = 'renamed only' WHERE id BETWEEN 'G01000' AND 'G01099'");
            st.executeUpdate("DELETE FROM hazard_point WHERE id BETWEEN 'G02000' AND 'G02600' OR id BETWEEN 'G04000' AND 'G04300'");
            st.executeUpdate("UPDATE hazard_point SET risk_level = 1 WHERE id BETWEEN 'G05000' AND 'G05499'");
        }
        List<P> now = new ArrayList<>();
        for (P p : points) {
            if (between(p, "G02000", "G02600") || between(p, "G04000", "G04300")) continue;
            if (between(p, "G05000", "G05499")) p = new P(p.id(), p.lon(), p.lat(), p.category(), 1, p.status(), p.adminCode(), p.people());
            if (p.id().compareTo("G00400") < 0) p = new P(p.id(), p.lon() + 1.3, p.lat() - 0.7, p.category(), p.level(), p.status(), p.adminCode(), p.people());
            else if (p.id().compareTo("G00700") < 0) p = new P(p.id(), p.lon(), p.lat(), p.category(), 4, p.status(), p.adminCode(), p.people());
            else if (p.id().compareTo("G01000") < 0) p = new P(p.id(), p.lon(), p.lat(), p.category(), p.level(), "monitoring", p.adminCode(), p.people() + 7);
            now.add(p);
        }
        assertTilesMatch(now);

        long before = TestDatabase.count(ds, "SELECT count(*) FROM hazard_tile_delta");
        try (Connection c = ds.getConnection()) {
            TileGridCompaction.compact(c);
        }
        long keys = TestDatabase.count(ds, "SELECT count(*) FROM (SELECT DISTINCT gz, tile_grid_cx(ST_X(geom), gz), tile_grid_cy(ST_Y(geom), gz),"
                + " category, risk_level, status, admin_code FROM hazard_point, (VALUES (8), (11)) g(gz)) k");
        assertEquals(keys, TestDatabase.count(ds, "SELECT count(*) FROM hazard_tile_delta"), "one row per cell and key after a fold");
        assertTrue(before > keys, "the edits had appended deltas: " + before + " rows for " + keys + " keys");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM (SELECT (gz, cx, cy) < lag((gz, cx, cy)) OVER (ORDER BY ctid) AS back"
                + " FROM hazard_tile_delta) r WHERE back"), "the folded rows lie in the table in cell order");
        assertTilesMatch(now);

        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE hazard_point CASCADE");
        }
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_tile_delta"));
        assertTilesMatch(List.of());
    }

    @Test
    void compaction_is_scheduled_once_an_hour_whichever_servers_start() throws Exception {
        Clock at = Clock.fixed(Instant.parse("2026-12-04T19:20:00Z"), ZoneOffset.UTC);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM job WHERE kind = '" + TileGridCompaction.KIND + "'");
        }
        TileGridCompaction.schedule(ds, at);
        TileGridCompaction.schedule(ds, at);  // a second server
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM job WHERE kind = 'tile_grid_compact'"
                + " AND idempotency_key = 'tile_grid_compact:2026-12-04T20:00:00Z'"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM job WHERE kind = 'tile_grid_compact'"));
    }

    private static void insert(List<P> points) throws Exception {
        // one statement for all rows, as an import's COPY is: the trigger sees them in one transition table
        StringBuilder values = new StringBuilder();
        for (P p : points) {
            if (values.length() > 0) values.append(',');
            values.append("('").append(p.id()).append("','").append(p.category()).append("','点 ").append(p.id()).append("',")
                    .append(p.level()).append(",'").append(p.status()).append("','").append(p.adminCode()).append("',").append(p.people())
                    .append(",ST_SetSRID(ST_MakePoint(").append(p.lon()).append(',').append(p.lat()).append("),4326))");
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, threatened_people, geom) VALUES " + values);
        }
    }

    private static boolean between(P p, String first, String last) {
        return p.id().compareTo(first) >= 0 && p.id().compareTo(last) <= 0;
    }

    /**
     * Every tile at zooms 3–8 over the points' area and at zooms 9–11 over the town, unfiltered and
     * with two filters, equals the cells counted from {@code points} wherever it is aggregated.
     */
    private static void assertTilesMatch(List<P> points) throws Exception {
        for (int z = 3; z <= 11; z++) {
            boolean high = z > 8;
            int aggregated = 0;
            for (int x = TileMath.tileX(high ? 106.45 : 104, z); x <= TileMath.tileX(high ? 106.7 : 111.5, z); x++) {
                for (int y = TileMath.tileY(high ? 29.7 : 32.5, z); y <= TileMath.tileY(high ? 29.45 : 26, z); y++) {
                    aggregated += compare(points, z, x, y, "", p -> true);
                    aggregated += compare(points, z, x, y, "?min_level=3&category=flood,landslide", p -> p.level() >= 3 && !p.category().equals("forest_fire"));
                    aggregated += compare(points, z, x, y, "?status=monitoring&admin_code=51", p -> p.status().equals("monitoring") && p.adminCode().startsWith("51"));
                    // updated_at is not in the grid: such tiles are counted from the points, and must agree
                    aggregated += compare(points, z, x, y, "?datetime=2000-01-01T00:00:00Z/..&min_level=2", p -> p.level() >= 2);
                }
            }
            assertTrue(points.isEmpty() || aggregated > 0, "no aggregated tile compared at zoom " + z);
        }
    }

    /** Compares the tile when the server aggregated it (always below zoom 9, where dense from 9); 1 when it did. */
    private static int compare(List<P> points, int z, int x, int y, String query, Predicate<P> filter) throws Exception {
        String path = "/tiles/hazards/" + z + "/" + x + "/" + y + ".mvt" + query;
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        if (r.headers().firstValue("X-Tile-Aggregated").isEmpty()) {
            assertTrue(z > 8, "always aggregated below zoom 9: " + path);
            return 0;
        }
        byte[] body = r.body();
        List<Cell> got = new ArrayList<>();
        for (MvtReader.Layer layer : MvtReader.read(body)) {
            for (MvtReader.Feature f : layer.features()) {
                got.add(new Cell(num(f, "count"), num(f, "max_risk_level"), num(f, "threatened_people")));
            }
        }
        assertEquals(sorted(expected(points, z, x, y, filter)), sorted(got), path);
        return 1;
    }

    private static List<Cell> expected(List<P> points, int z, int x, int y, Predicate<P> filter) {
        int cellZoom = z + 3;  // eight cells along a tile edge
        Map<List<Integer>, long[]> cells = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0)) ? a.get(1) - b.get(1) : a.get(0) - b.get(0));
        for (P p : points) {
            if (!filter.test(p)) continue;
            int cx = TileMath.tileX(p.lon(), cellZoom), cy = TileMath.tileY(p.lat(), cellZoom);
            if (cx < 8 * x - 1 || cx > 8 * x + 8 || cy < 8 * y - 1 || cy > 8 * y + 8) continue;
            long[] c = cells.computeIfAbsent(List.of(cx, cy), k -> new long[3]);
            c[0]++;
            c[1] = Math.max(c[1], p.level());
            c[2] += p.people();
        }
        return cells.values().stream().map(c -> new Cell(c[0], c[1], c[2])).toList();
    }

    private static List<Cell> sorted(List<Cell> cells) {
        return cells.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    private static long num(MvtReader.Feature f, String key) {
        return ((Number) f.properties().get(key)).longValue();
    }
}
