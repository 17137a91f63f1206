package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Heavy reads on a streaming replica (db_read_url), writes and read-your-writes on the primary.
 *
 * <p>Which database answered is shown by the data itself: the replica's replay is paused, so a
 * point written since exists on the primary only. A read that misses it came from the replica; a
 * read that finds it came from the primary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {
    private static final String DATABASE = "replicated";
    private static final Pattern READS = Pattern.compile("riskmap_db_reads_total\\{pool=\"([^\"]+)\",?\\} (\\S+)");

    private static StreamingReplica pair;
    private static Database primary;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        pair = StreamingReplica.start(DATABASE);
        primary = Database.open(new DbUrl(pair.primaryUrl(DATABASE), pair.primary.user(), pair.primary.password()), 60_000);
        editor = Api.token(primary.dataSource(), "编辑", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        if (primary != null) primary.close();
        if (pair != null) pair.close();
    }

    /** A server over the pair: reads on the replica while it lags at most {@code maxLagSeconds}, checked every 200 ms. */
    private static TestServer server(String maxLagSeconds) {
        return new TestServer(primary.dataSource(), Map.of("RISKMAP_DB_READ_URL", pair.replicaUrl(DATABASE),
                "RISKMAP_DB_READ_MAX_LAG", maxLagSeconds, "RISKMAP_DB_READ_CHECK_MS", "200"));
    }

    @Test
    @Order(1)
    void spatial_reads_come_from_the_replica_and_an_edit_reads_back_from_the_primary() throws Exception {
        try (Connection c = pair.connectReplica(DATABASE); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the copy must be a standby");
        }
        try (TestServer server = server("300")) {
            Api api = new Api(server.port());
            assertEquals(201, api.json("POST", "/api/hazards", editor, Api.hazard("RP1", "500101", 3, 108.38, 30.81)).status());
            awaitNear(api, "RP1", true); // the replica has replayed the first point
            long replicaReadsBefore = reads(api, replicaName());
            pair.pauseReplay(DATABASE);
            try {
                assertEquals(201, api.json("POST", "/api/hazards", editor, Api.hazard("RP2", "500101", 4, 108.381, 30.811)).status());
                Api.Response patched = api.json("PATCH", "/api/hazards/RP1", editor, "{\"type\":\"Feature\",\"properties\":{\"name\":\"改名后\"}}", "If-Match", "\"1\"");
                assertEquals(200, patched.status(), patched.body());
                // read-your-writes: the edited point by id, from the primary, at once
                Api.Response back = api.get("/api/hazards/RP1", editor);
                assertEquals("改名后", back.json().at("/properties/name").asText(), back.body());
                assertEquals(200, api.get("/api/hazards/RP2", editor).status());
                assertEquals("\"2\"", api.get("/ogc/collections/hazards/items/RP1", editor).header("ETag"), "one OGC item (an edit's ETag) comes from the primary");
                // the heavy reads see the replica's paused state: RP2 not there yet, RP1 with its old name
                Api.Response near = near(api);
                assertEquals(200, near.status(), near.body());
                assertFalse(near.body().contains("RP2"), near.body());
                assertTrue(near.body().contains("测试滑坡 RP1"), near.body());
                Api.Response items = api.get("/ogc/collections/hazards/items?limit=100", editor);
                assertEquals(200, items.status());
                assertFalse(items.body().contains("RP2"), items.body());
                assertTrue(reads(api, replicaName()) >= replicaReadsBefore + 2, "the read connections came from the replica's pool");
            } finally {
                pair.resumeReplay(DATABASE);
            }
            awaitNear(api, "RP2", true); // replay resumed: the replica catches up by itself
        }
    }

    @Test
    @Order(2)
    void a_replica_lagging_beyond_the_bound_is_left_out_until_it_catches_up() throws Exception {
        try (TestServer server = server("1")) {
            Api api = new Api(server.port());
            awaitGauge(api, "riskmap_db_replica_up", 1);
            pair.pauseReplay(DATABASE);
            try {
                assertEquals(201, api.json("POST", "/api/hazards", editor, Api.hazard("RP3", "500101", 2, 108.382, 30.812)).status());
                assertFalse(near(api).body().contains("RP3"), "within the bound the replica still serves");
                awaitGauge(api, "riskmap_db_replica_up", 0);
                long primaryBefore = reads(api, "primary");
                assertTrue(near(api).body().contains("RP3"), "beyond the bound the reads go to the primary");
                assertTrue(reads(api, "primary") > primaryBefore);
            } finally {
                pair.resumeReplay(DATABASE);
            }
            awaitGauge(api, "riskmap_db_replica_up", 1);
        }
    }

    @Test
    @Order(3)
    void with_the_replica_stopped_reads_still_answer_from_the_primary() throws Exception {
        try (TestServer server = server("5")) {
            Api api = new Api(server.port());
            awaitGauge(api, "riskmap_db_replica_up", 1);
            assertEquals(200, near(api).status());
            pair.stopReplica();
            try {
                // the pool's idle connections to the replica are dead now; Hikari re-validates one only
                // after 500 ms unused, and the request that finds it dead gets the primary
                Thread.sleep(600);
                assertEquals(201, api.json("POST", "/api/hazards", editor, Api.hazard("RP4", "500101", 2, 108.383, 30.813)).status());
                for (int i = 0; i < 10; i++) {
                    Api.Response near = near(api);
                    assertEquals(200, near.status(), near.body());
                    assertTrue(near.body().contains("RP4"), "written after the replica stopped: only the primary has it");
                }
                assertEquals(200, api.get("/tiles/hazards/10/820/420.mvt", null).status());
                assertEquals(200, api.get("/api/stats?group_by=risk_level", null).status());
                awaitGauge(api, "riskmap_db_replica_up", 0);
            } finally {
                pair.startReplica();
            }
            awaitGauge(api, "riskmap_db_replica_up", 1); // back once it answers again
            awaitNear(api, "RP4", true);
        }
    }

    private static Api.Response near(Api api) {
        return api.get("/api/hazards/near?lon=108.38&lat=30.81&radius=2000", editor);
    }

    private static void awaitNear(Api api, String id, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (near(api).body().contains("\"" + id + "\"") != present) {
            assertTrue(System.nanoTime() < deadline, id + (present ? " never appeared" : " never went") + " in the replica's reads");
            Thread.sleep(50);
        }
    }

    private static String replicaName() {
        return pair.replicaUrl(DATABASE).replaceFirst("^postgresql://[^@]*@", "");
    }

    /** The read-connection counter of {@code pool} in /metrics. */
    private static long reads(Api api, String pool) {
        Matcher m = READS.matcher(api.get("/metrics", null).body());
        while (m.find()) if (m.group(1).equals(pool)) return (long) Double.parseDouble(m.group(2));
        throw new AssertionError("no riskmap_db_reads_total for pool " + pool);
    }

    private static void awaitGauge(Api api, String gauge, double value) throws InterruptedException {
        Pattern p = Pattern.compile("^" + gauge + "\\{[^}]*\\} (\\S+)$", Pattern.MULTILINE);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            Matcher m = p.matcher(api.get("/metrics", null).body());
            if (m.find() && Double.parseDouble(m.group(1)) == value) return;
            assertTrue(System.nanoTime() < deadline, gauge + " never became " + value);
            Thread.sleep(100);
        }
    }
}
