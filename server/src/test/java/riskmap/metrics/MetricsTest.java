package riskmap.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestHttp;
import riskmap.TestServer;

/**
 * {@code GET /metrics} on a server of its own (one registry per server), so every count below is
 * the number of requests this test made, and the job-queue figures the rows it inserted.
 */
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");

    private static DataSource ds;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.database("metrics", true);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE job");
            st.execute("INSERT INTO job (kind, idempotency_key, run_at) VALUES"
                    + " ('metrics.test', 'later-1', now() + interval '1 day'),"
                    + " ('metrics.test', 'later-2', now() + interval '1 day'),"
                    + " ('metrics.test', 'due-1', now() - interval '1 minute')");
            st.execute("INSERT INTO job (kind, idempotency_key, done_at, failed) VALUES ('metrics.test', 'failed-1', now(), true)");
        }
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void countsRequestsPerRouteTemplateTilesAndJobs() {
        TestHttp http = server.http;
        String id = TestDatabase.ids(ds, "SELECT id FROM hazard_point ORDER BY id LIMIT 1").get(0);
        for (int i = 0; i < 3; i++) assertEquals(200, http.get("/api/hazards/" + id).status());
        assertEquals(404, http.get("/api/hazards/NO-SUCH-POINT").status());
        assertEquals(404, http.get("/no/such/page").status());
        String tile = "/tiles/hazards/5/26/13.mvt";
        TestHttp.Response first = http.get(tile);
        TestHttp.Response second = http.get(tile);
        assertEquals("miss", first.header("X-Tile-Cache"));
        assertEquals("hit", second.header("X-Tile-Cache"));

        TestHttp.Response scrape = http.get("/metrics");
        assertEquals(200, scrape.status());
        assertTrue(scrape.header("Content-Type").startsWith("text/plain"), scrape.header("Content-Type"));
        Map<String, Double> m = samples(scrape.body());

        // one series per route template and status, never one per feature id
        String series = String.join("\n", m.keySet().stream().filter(k -> k.startsWith("riskmap_http_requests_seconds_count")).sorted().toList());
        assertEquals(3.0, m.get("riskmap_http_requests_seconds_count{method=\"GET\",route=\"/api/hazards/{id}\",status=\"200\"}"), series);
        assertEquals(1.0, m.get("riskmap_http_requests_seconds_count{method=\"GET\",route=\"/api/hazards/{id}\",status=\"404\"}"));
        assertEquals(1.0, m.get("riskmap_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"));
        assertFalse(scrape.body().contains(id), "a concrete feature id became a label");
        assertEquals(1.0, m.get("riskmap_tile_cache_hits_total"));
        assertEquals(1.0, m.get("riskmap_tile_cache_misses_total"));
        assertEquals(3.0, m.get("riskmap_jobs_unfinished"));
        assertEquals(1.0, m.get("riskmap_jobs_due"));
        assertEquals(1.0, m.get("riskmap_jobs_failed"));
        assertTrue(m.get("riskmap_db_pool_max") >= 1, "pool size published");
        assertTrue(m.containsKey("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}") || m.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")));
    }

    @Test
    void latencyHistogramHasTheServiceLevelBuckets() {
        server.http.get("/health");
        String body = server.http.get("/metrics").body();
        assertTrue(body.contains("riskmap_http_requests_seconds_bucket{method=\"GET\",route=\"/health\",status=\"200\",le=\"0.1\"}"), body);
    }

    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) continue;
            Matcher mm = SAMPLE.matcher(line);
            if (mm.matches()) out.put(mm.group(1), Double.parseDouble(mm.group(2)));
        }
        return out;
    }
}
