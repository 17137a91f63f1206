package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;

/**
 * Issue 16, readiness apart from liveness: {@code /health/ready} answers 200 only while the database
 * answers and carries this build's newest migration; {@code /health/live} answers 200 whenever
 * the process does; {@code /health} keeps its meaning (the database answers).
 */
class ReadinessTest {
    @Test
    void ready_on_the_migrated_database() throws Exception {
        try (TestServer s = new TestServer(Api.database())) {
            Api api = new Api(s.port());
            assertEquals(200, api.get("/health/ready", null).status());
            assertEquals("ready", api.get("/health/ready", null).json().get("status").asText());
            assertEquals(200, api.get("/health/live", null).status());
            assertEquals(200, api.get("/health", null).status());
        }
    }

    @Test
    void not_ready_but_live_when_the_pool_cannot_connect() throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + TestDatabase.freePort() + "/nothing_listens_here");
        hc.setInitializationFailTimeout(-1); // the server starts anyway, as one does whose database goes away
        hc.setConnectionTimeout(1_000);
        try (HikariDataSource away = new HikariDataSource(hc); TestServer s = new TestServer(away)) {
            Api api = new Api(s.port());
            Api.Response ready = api.get("/health/ready", null);
            assertEquals(503, ready.status(), ready.body());
            assertEquals("database_unavailable", ready.json().get("error").asText());
            assertEquals(503, api.get("/health", null).status());
            assertEquals(200, api.get("/health/live", null).status());
        }
    }

    @Test
    void not_ready_on_a_database_without_the_schema_or_with_an_older_one() throws Exception {
        String name = "ready_unmigrated";
        try (Connection c = Api.database().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        }
        try (HikariDataSource empty = pool(name); TestServer s = new TestServer(empty)) {
            Api api = new Api(s.port());
            Api.Response ready = api.get("/health/ready", null);
            assertEquals(503, ready.status(), ready.body());
            assertEquals("schema_not_migrated", ready.json().get("error").asText());
            assertTrue(ready.json().get("detail").asText().startsWith("the database has no riskmap schema"), ready.body());
            assertEquals(200, api.get("/health", null).status(), "the database itself answers");
            assertEquals(200, api.get("/health/live", null).status());

            // a schema an older riskmap left: every migration but the newest one
            String newest = newestMigrationFile();
            try (Connection c = empty.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE flyway_schema_history (installed_rank int, version text, success boolean)");
                st.execute("INSERT INTO flyway_schema_history VALUES (1, '1', true), (2, '" + newest + "', false)");
            }
            Api.Response older = api.get("/health/ready", null);
            assertEquals(503, older.status(), older.body());
            assertEquals("the database lacks migration " + newest + " of this riskmap", older.json().get("detail").asText().split(";")[0]);

            try (Connection c = empty.getConnection(); Statement st = c.createStatement()) {
                st.execute("UPDATE flyway_schema_history SET success = true");
            }
            assertEquals(200, api.get("/health/ready", null).status(), "with the newest migration applied");
        }
    }

    /** The highest V<n>__ (or V<n>_<m>__) file under data/migrations, read from the file names, not from Flyway. */
    private static String newestMigrationFile() throws Exception {
        Pattern p = Pattern.compile("V(\\d+)(?:_(\\d+))?__.*\\.sql");
        try (Stream<Path> files = Files.list(TestDatabase.home().resolve("data/migrations"))) {
            return files.map(f -> p.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .max(Comparator.<Matcher>comparingInt(m -> Integer.parseInt(m.group(1))).thenComparingInt(m -> m.group(2) == null ? 0 : Integer.parseInt(m.group(2))))
                    .map(m -> m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2)).orElseThrow();
        }
    }

    private static HikariDataSource pool(String database) {
        var url = TestDatabase.url(database);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        hc.setUsername(url.user());
        hc.setPassword(url.password());
        hc.setMaximumPoolSize(3);
        return new HikariDataSource(hc);
    }
}
