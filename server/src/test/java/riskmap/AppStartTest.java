package riskmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.config.AppConfig;
import riskmap.config.StartupException;

/** The whole `riskmap run` path: a private cluster from nothing, seeds, HTTP, then a restart on the same data. */
class AppStartTest {
    private static Path dataDir;

    @BeforeAll
    static void makeDataDir() throws Exception {
        // world-readable like a checkout, so the postgres user can reach var/pg beneath it when tests run as root
        dataDir = Files.createTempDirectory("riskmap-run-test", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterAll
    static void removeDataDir() {
        TestFiles.deleteRecursively(dataDir);
    }

    private static AppConfig config(int pgPort) {
        return AppConfig.load(TestDatabase.home(), new String[] {"--port", "0"}, Map.of(
                "RISKMAP_DATA_DIR", dataDir.toString(),
                "RISKMAP_LOCAL_PG_PORT", Integer.toString(pgPort),
                "RISKMAP_BIND_HOST", "127.0.0.1"));
    }

    @Test
    void first_start_serves_seeds_a_restart_keeps_them_and_a_second_server_leaves_the_first_alone() throws Exception {
        int pgPort = TestDatabase.freePort();
        long hazardsAfterFirstStart;
        List<String> firstTenIds;
        try (App app = App.start(config(pgPort))) {
            TestHttp http = new TestHttp(app.port());
            assertEquals("{\"status\":\"ok\"}", http.get("/health").body());
            hazardsAfterFirstStart = TestDatabase.count(app.dataSource(), "SELECT count(*) FROM hazard_point");
            assertTrue(hazardsAfterFirstStart >= 2000, "seeds hold thousands of hazard points, got " + hazardsAfterFirstStart);
            firstTenIds = TestDatabase.ids(app.dataSource(), "SELECT id FROM hazard_point ORDER BY id LIMIT 10");

            TestHttp.Response items = http.get("/ogc/collections/hazards/items?limit=10");
            assertEquals(200, items.status());
            assertTrue(items.header("Content-Type").startsWith("application/geo+json"));
            JsonNode features = items.json().get("features");
            List<String> servedIds = new ArrayList<>();
            features.forEach(f -> servedIds.add(f.get("id").asText()));
            assertEquals(firstTenIds, servedIds);
            JsonNode first = features.get(0);
            assertEquals("Point", first.at("/geometry/type").asText());
            assertTrue(first.at("/properties/name").asText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN),
                    "Chinese names round-trip: " + first.at("/properties/name"));
            assertTrue(first.at("/properties").has("risk_level"));
            assertTrue(!first.at("/properties").has("responsible_phone"), "phones never reach anonymous callers");
        }
        try (App app = App.start(config(pgPort))) {
            StartupException second = assertThrows(StartupException.class, () -> App.start(config(pgPort)));
            assertTrue(second.getMessage().startsWith("another riskmap is using the database in " + dataDir.resolve("pg")), second.getMessage());
            assertEquals(hazardsAfterFirstStart, TestDatabase.count(app.dataSource(), "SELECT count(*) FROM hazard_point"), "seeds not loaded twice");
            assertEquals(firstTenIds, TestDatabase.ids(app.dataSource(), "SELECT id FROM hazard_point ORDER BY id LIMIT 10"));
            assertEquals("{\"status\":\"ok\"}", new TestHttp(app.port()).get("/health").body());
        }
    }
}
