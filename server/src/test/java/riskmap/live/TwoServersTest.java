package riskmap.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestEvents;
import riskmap.TestServer;
import riskmap.TwoServers;
import riskmap.auth.Api;
import riskmap.auth.Role;
import riskmap.tiles.MvtReader;
import riskmap.tiles.TileMath;

/**
 * Issue 16, several servers on one database: two riskmap servers, A and B, each with a pool of
 * its own, over one test database. What one server writes (edit, import, delete) must show in the
 * tiles the other one has cached, and reach the event streams of the other one's map pages.
 */
class TwoServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Chongqing; every test point lies well inside the z14 tile over it, away from its edges. */
    private static final double LON = 106.55;
    private static final double LAT = 29.56;
    private static final int Z = 14;
    private static final String TILE = TileMath.path("hazards", Z, LON, LAT);
    private static final Duration LIVE_BOUND = Duration.ofSeconds(1);

    private static DataSource ds;
    private static TwoServers servers;
    private static TestServer b;
    private static Api viaA;
    private static Api viaB;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        servers = new TwoServers();
        ds = servers.ds();
        b = servers.b;
        viaA = new Api(servers.a.port());
        viaB = new Api(b.port());
        editor = Api.token(ds, "编辑", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void tenPoints() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("""
                INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, threatened_people, responsible_person, responsible_phone, geom)
                SELECT 'L' || i, 'landslide', '点' || i, 1 + i % 4, 'monitoring', '500103', 5, '张三', '13900000000',
                       ST_SetSRID(ST_MakePoint(106.551 + i * 0.001, 29.559 + (i % 3) * 0.002), 4326)
                FROM generate_series(0, 9) i""");
        }
    }

    @Test
    void edits_imports_and_deletes_through_a_change_the_tile_b_has_cached() throws Exception {
        assertEquals(idsInTileBySql(), idsIn(tileFromB(false)), "B's first rendering");
        tileFromB(true); // B serves it from its cache now

        Api.Response created = viaA.json("POST", "/api/hazards", editor, Api.hazard("NEW1", "500103", 4, 106.556, 29.566));
        assertEquals(201, created.status(), created.body());
        Set<String> afterCreate = idsIn(tileFromB(false));
        assertTrue(afterCreate.contains("NEW1"), "B re-rendered the tile after A's insert: " + afterCreate);
        assertEquals(idsInTileBySql(), afterCreate);
        byte[] cached = tileFromB(true);

        Api.Response moved = viaA.json("PATCH", "/api/hazards/L3", editor,
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"改名后的点\"}}", "If-Match", "\"1\"");
        assertEquals(200, moved.status(), moved.body());
        byte[] renamed = tileFromB(false);
        assertNotEquals(new String(cached, java.nio.charset.StandardCharsets.ISO_8859_1), new String(renamed, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("改名后的点", nameOf(renamed, "L3"), "B's tile carries the name A stored");
        tileFromB(true);

        String csv = "id,category,name,risk_level,status,admin_code,lon,lat\nIMP1,flood,导入点,2,active,500103,106.553,29.568\n";
        Api.Response imported = viaA.send("POST", "/api/import?collection=hazards&format=csv", editor, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "text/csv");
        assertEquals(200, imported.status(), imported.body());
        assertTrue(idsIn(tileFromB(false)).contains("IMP1"), "B's tile after A's import");
        tileFromB(true);

        assertEquals(204, viaA.send("DELETE", "/api/hazards/L0", editor, null, "If-Match", "\"1\"").status());
        Set<String> afterDelete = idsIn(tileFromB(false));
        assertFalse(afterDelete.contains("L0"), "B's tile after A's delete: " + afterDelete);
        assertEquals(idsInTileBySql(), afterDelete);
    }

    @Test
    void an_anonymous_page_on_b_sees_an_edit_made_through_a_within_a_second() throws Exception {
        try (TestEvents page = new TestEvents(b.port(), "/api/events", null)) {
            page.await("ready", d -> true, Duration.ofSeconds(5));
            // untimed first: a cold JVM's first edit is slow, and that is not under test
            assertEquals(200, viaA.json("PATCH", "/api/hazards/L6", editor, "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4}}", "If-Match", "\"1\"").status());
            page.await("change", d -> d.contains("\"L6\""), Duration.ofSeconds(5));
            long t0 = System.nanoTime();
            Api.Response edited = viaA.json("PATCH", "/api/hazards/L5", editor,
                    "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4,\"responsible_phone\":\"13911112222\"}}", "If-Match", "\"1\"");
            assertEquals(200, edited.status(), edited.body());
            TestEvents.Event e = page.await("change", d -> d.contains("\"L5\""), Duration.ofSeconds(5));
            long ms = TimeUnit.NANOSECONDS.toMillis(e.nanos() - t0);
            System.out.println("A's edit reached B's page after " + ms + " ms");
            assertTrue(ms < LIVE_BOUND.toMillis(), "the change took " + ms + " ms");

            JsonNode change = JSON.readTree(e.data());
            assertEquals(new TreeSet<>(List.of("layer", "id", "op", "version", "bbox")), fieldNames(change), "ids and positions only: " + e.data());
            assertEquals("hazards", change.get("layer").asText());
            assertEquals("update", change.get("op").asText());
            assertEquals(TestDatabase.count(ds, "SELECT version FROM layer_version WHERE layer = 'hazard_point'"), change.get("version").asLong());
            List<String> pos = TestDatabase.row(ds, "SELECT ST_X(geom), ST_Y(geom) FROM hazard_point WHERE id = 'L5'");
            assertEquals(Double.parseDouble(pos.get(0)), change.get("bbox").get(0).asDouble(), 1e-9);
            assertEquals(Double.parseDouble(pos.get(1)), change.get("bbox").get(3).asDouble(), 1e-9);
            assertFalse(e.data().contains("139"), "no phone travels: " + e.data());
        }
    }

    @Test
    void a_bulk_import_is_one_event_and_a_delete_names_its_feature() throws Exception {
        try (TestEvents page = new TestEvents(b.port(), "/api/events", null)) {
            page.await("ready", d -> true, Duration.ofSeconds(5));
            StringBuilder csv = new StringBuilder("id,category,name,risk_level,status,admin_code,lon,lat\n");
            for (int i = 0; i < 150; i++) csv.append("BULK").append(i).append(",flood,批量").append(i).append(",2,active,500103,").append(106.5 + i * 0.0001).append(",29.5\n");
            Api.Response imported = viaA.send("POST", "/api/import?collection=hazards&format=csv", editor,
                    csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "Content-Type", "text/csv");
            assertEquals(200, imported.status(), imported.body());
            JsonNode bulk = JSON.readTree(page.await("change", d -> d.contains("\"count\""), LIVE_BOUND).data());
            assertTrue(bulk.get("id").isNull());
            assertEquals(150, bulk.get("count").asInt());
            assertEquals("insert", bulk.get("op").asText());
            assertEquals(106.5, bulk.get("bbox").get(0).asDouble(), 1e-9);

            assertEquals(204, viaA.send("DELETE", "/api/hazards/L2", editor, null, "If-Match", "\"1\"").status());
            JsonNode deleted = JSON.readTree(page.await("change", d -> d.contains("\"L2\""), LIVE_BOUND).data());
            assertEquals("delete", deleted.get("op").asText());
            Thread.sleep(300);
            assertTrue(page.drain().stream().noneMatch(x -> x.data().contains("BULK")), "the 150 imported rows came as one event, not one each");
        }
    }

    @Test
    void when_the_listen_connection_is_lost_pages_are_told_to_reload_and_hear_edits_again() throws Exception {
        try (TestEvents page = new TestEvents(b.port(), "/api/events", null)) {
            page.await("ready", d -> true, Duration.ofSeconds(5));
            // every server's LISTEN connection (idle after its LISTEN statements) is cut, as a network drop would
            long cut = TestDatabase.count(ds, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query LIKE 'LISTEN %'");
            assertTrue(cut >= 1, "B's LISTEN connection, and A's if it has one: " + cut);
            page.await("ready", d -> true, Duration.ofSeconds(10)); // "what you show may be stale: re-read it"
            assertEquals(200, viaA.json("PATCH", "/api/hazards/L7", editor, "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4}}",
                    "If-Match", "\"1\"").status());
            page.await("change", d -> d.contains("\"L7\""), LIVE_BOUND);
        }
    }

    @Test
    void on_a_server_without_public_reads_a_scoped_viewer_hears_only_its_region_and_anonymous_callers_nothing() throws Exception {
        try (TestServer closed = new TestServer(ds, java.util.Map.of("RISKMAP_PUBLIC_READ", "false"));
             TestEvents anonymous = new TestEvents(closed.port(), "/api/events", null);
             TestEvents viewer = new TestEvents(closed.port(), "/api/events", Api.token(ds, "区县查看", Role.VIEWER, "500101"))) {
            assertEquals("unauthorized", JSON.readTree(anonymous.await("http_401", d -> true, Duration.ofSeconds(5)).data()).path("error").asText());
            viewer.await("ready", d -> true, Duration.ofSeconds(5));
            assertEquals(201, viaA.json("POST", "/api/hazards", editor, Api.hazard("ELSEWHERE", "500103", 2, 106.552, 29.561)).status());
            assertEquals(201, viaA.json("POST", "/api/hazards", editor, Api.hazard("MINE", "500101", 2, 108.38, 30.81)).status());
            JsonNode mine = JSON.readTree(viewer.await("change", d -> d.contains("\"MINE\""), Duration.ofSeconds(5)).data());
            assertFalse(mine.has("admin_code"), "the region code only routes the event: " + mine);
            Thread.sleep(200);
            assertTrue(viewer.drain().stream().noneMatch(e -> e.data().contains("ELSEWHERE")), "a change outside the viewer's region");
        }
    }

    private static byte[] tileFromB(boolean expectCached) {
        Api.Response r = viaB.get(TILE, null);
        assertEquals(200, r.status());
        assertEquals(expectCached ? "hit" : "miss", r.header("X-Tile-Cache"), "B's tile cache");
        return r.bytes();
    }

    private static Set<String> idsIn(byte[] tile) {
        List<MvtReader.Layer> layers = MvtReader.read(tile);
        if (layers.isEmpty()) return Set.of();
        return layers.get(0).features().stream().map(f -> String.valueOf(f.properties().get("id"))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String nameOf(byte[] tile, String id) {
        return MvtReader.read(tile).get(0).features().stream().filter(f -> id.equals(f.properties().get("id")))
                .map(f -> String.valueOf(f.properties().get("name"))).findFirst().orElse(null);
    }

    /** The points inside the tile, by PostGIS's own tile envelope: independent of the tile SQL under test. */
    private static Set<String> idsInTileBySql() {
        String sql = "SELECT id FROM hazard_point WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope(" + Z + ", "
                + TileMath.tileX(LON, Z) + ", " + TileMath.tileY(LAT, Z) + "), 4326))";
        return new TreeSet<>(TestDatabase.ids(ds, sql));
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
