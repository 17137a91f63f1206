package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestEvents;
import riskmap.TestServer;
import riskmap.auth.Api;

/**
 * Issue 16, graceful stop: a server told to stop while it streams a large GeoJSON export stops
 * accepting connections at once, ends its event streams, and still finishes the export — valid
 * JSON holding every feature — before it closes; with no grace the same export is cut, which shows
 * that the test sees a cut when there is one.
 */
class GracefulStopTest {
    private static final int POINTS = 60_000;
    private static final String EXPORT = "/api/export?collection=hazards&format=geojson";
    private static DataSource ds;

    @BeforeAll
    static void manyPoints() throws Exception {
        ds = Api.smallPool(TestDatabase.database("graceful", false));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE hazard_point CASCADE");
            // about 20 MB of GeoJSON: far more than the socket buffers hold while the client does not read
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, threatened_people, geom)"
                    + " SELECT 'G' || i, 'landslide', '导出测试点 ' || i, 1 + i % 4, 'active', '500103', i % 50,"
                    + " ST_SetSRID(ST_MakePoint(105 + (i % 300) * 0.01, 28 + (i / 300) * 0.01), 4326) FROM generate_series(1, " + POINTS + ") i");
        }
    }

    @Test
    void an_export_started_before_the_stop_is_received_whole_and_event_streams_end() throws Exception {
        TestServer server = new TestServer(ds, Map.of("RISKMAP_SHUTDOWN_GRACE_SECONDS", "20"));
        TestEvents page = new TestEvents(server.port(), "/api/events", null);
        page.await("ready", d -> true, Duration.ofSeconds(5));
        InputStream export = startExport(server.port());
        byte[] head = export.readNBytes(64 * 1024); // the export is under way; then the client stops reading for a while

        int port = server.port(); // Javalin says -2 once the listening socket is closed
        long t0 = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
        awaitRefused(port);
        page.await("end", d -> true, Duration.ofSeconds(5));
        Thread.sleep(500);
        assertFalse(stopped.isDone(), "the server waits for the export");

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head);
        export.transferTo(body);
        stopped.get(20, TimeUnit.SECONDS);
        System.out.println("stopped " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms after the stop began; export of " + body.size() + " bytes received whole");

        JsonNode doc = new ObjectMapper().readTree(body.toByteArray());
        assertEquals("FeatureCollection", doc.get("type").asText());
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"), doc.get("features").size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        doc.get("features").forEach(f -> ids.add(f.get("id").asText()));
        assertEquals(POINTS, ids.size(), "every point once");
    }

    @Test
    void idle_keep_alive_connections_do_not_hold_the_stop() throws Exception {
        TestServer server = new TestServer(ds, Map.of("RISKMAP_SHUTDOWN_GRACE_SECONDS", "20"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) { // three pooled connections, idle once answered
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
        long t0 = System.nanoTime();
        server.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("stop with idle keep-alive connections: " + ms + " ms");
        assertTrue(ms < 5_000, "stopping took " + ms + " ms with nothing running");
    }

    @Test
    void without_grace_the_same_export_is_cut() throws Exception {
        TestServer server = new TestServer(ds, Map.of("RISKMAP_SHUTDOWN_GRACE_SECONDS", "0"));
        InputStream export = startExport(server.port());
        byte[] head = export.readNBytes(64 * 1024);
        server.close();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head);
        assertThrows(IOException.class, () -> {
            export.transferTo(body);
            new ObjectMapper().readTree(body.toByteArray()); // a cut that happened to fall between chunks: not JSON either
        });
    }

    private static InputStream startExport(int port) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EXPORT)).build();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** Waits until the port refuses connections: the server has stopped accepting. */
    private static void awaitRefused(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("port " + port + " still accepts connections 5 s after the stop began");
    }
}
