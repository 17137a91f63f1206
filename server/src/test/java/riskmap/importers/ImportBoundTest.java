package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * max_concurrent_imports (default 2): two imports whose bodies are still arriving hold both slots,
 * a third import (or a people import) is refused at once with 429 and Retry-After, and a slot is
 * free again once an import ends.
 */
class ImportBoundTest {
    /** Rows sent before the bodies stall: past the 64 KB the CSV reader samples, so each import is under way. */
    private static final int ROWS_BEFORE_STALL = 3000;
    /** An import that has begun holds a transaction whose last statement created its staging tables. */
    private static final String RUNNING_IMPORTS = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND state = 'idle in transaction' AND query LIKE '%CREATE TEMP TABLE import_%'";

    private static DataSource ds;
    private static TestServer server;
    private static Api api;
    private static String editor;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        TestDatabase.emptyFeatureTables(ds);
        server = new TestServer(ds); // the default bound
        api = new Api(server.port());
        editor = Api.token(ds, "并发导入", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String row(int i) {
        return "并发点" + i + ",landslide,2,500101," + (108 + i * 1e-5) + ",30.8\n";
    }

    @Test
    void an_import_beyond_the_bound_is_refused_at_once_and_a_finished_one_frees_its_slot() throws Exception {
        List<PipedOutputStream> bodies = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            PipedOutputStream out = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(out, 1 << 16);
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/import?collection=hazards&format=csv&dry_run=true"))
                    .header("Authorization", "Bearer " + editor).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in)).build();
            held.add(CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
            bodies.add(out);
        }
        for (PipedOutputStream out : bodies) {
            StringBuilder csv = new StringBuilder("name,category,risk_level,admin_code,lon,lat\n");
            for (int i = 0; i < ROWS_BEFORE_STALL; i++) csv.append(row(i));
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (TestDatabase.count(ds, RUNNING_IMPORTS) < 2 && System.nanoTime() < until) Thread.sleep(50);
        assertEquals(2, TestDatabase.count(ds, RUNNING_IMPORTS), "both held imports are under way: "
                + TestDatabase.ids(ds, "SELECT coalesce(datname,'') || ' ' || coalesce(state,'') || ' ' || left(query, 60) FROM pg_stat_activity"));

        byte[] small = ("name,category,risk_level,admin_code,lon,lat\n" + row(1)).getBytes(StandardCharsets.UTF_8);
        Api.Response third = api.send("POST", "/api/import?collection=hazards&format=csv", editor, small, "Content-Type", "text/csv");
        assertEquals(429, third.status(), third.body());
        assertEquals("too_many_imports", third.json().get("error").asText());
        assertTrue(third.json().get("detail").asText().contains("max_concurrent_imports"), third.body());
        assertEquals("10", third.header("Retry-After"));
        // answered while both held imports still wait for their bodies: refused, not queued behind them
        Api.Response people = api.send("POST", "/api/people/import", editor, "name,phone\n".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertEquals(429, people.status(), "the bound covers both streamed imports: " + people.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"), "the refused import wrote nothing");

        // the held bodies end: both imports finish with every row read, and a slot is free again
        ObjectMapper json = new ObjectMapper();
        for (int n = 0; n < 2; n++) {
            bodies.get(n).write(row(ROWS_BEFORE_STALL).getBytes(StandardCharsets.UTF_8));
            bodies.get(n).close();
            HttpResponse<String> r = held.get(n).get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode report = json.readTree(r.body());
            assertEquals(ROWS_BEFORE_STALL + 1, report.get("read").asInt(), r.body());
        }
        Api.Response after = api.send("POST", "/api/import?collection=hazards&format=csv", editor, small, "Content-Type", "text/csv");
        assertEquals(200, after.status(), after.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
    }
}
