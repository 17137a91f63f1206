package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** Request bodies over max_body_mb / max_import_mb are 413 before they are read whole, and write nothing (issue 17). */
class BodyLimitTest {
    private static final int MB = 1024 * 1024;
    private static final String CSV_HEADER = "name,category,risk_level,admin_code,lon,lat,responsible_phone\n";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static DataSource ds;
    private static TestServer server;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        server = new TestServer(ds, Map.of("RISKMAP_MAX_BODY_MB", "1", "RISKMAP_MAX_IMPORT_MB", "2"));
        editor = Api.token(ds, "限长编辑", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_json_body_over_max_body_mb_is_413_naming_the_limit_with_or_without_content_length() throws Exception {
        String body = "{\"type\":\"Polygon\",\"coordinates\":[[[100,30],[101,30],[101,31],[100,30]]],\"pad\":\"" + "x".repeat(2 * MB) + "\"}";
        for (boolean withLength : new boolean[] {true, false}) {
            JsonNode r = refused(post("/api/hazards/within", "application/json", body.getBytes(StandardCharsets.UTF_8), withLength));
            assertTrue(r.get("detail").asText().contains("the limit is 1 MB (setting max_body_mb)"), r.toString());
        }
    }

    @Test
    void a_json_body_under_the_limit_is_answered() throws Exception {
        String area = "{\"type\":\"Polygon\",\"coordinates\":[[[100,30],[101,30],[101,31],[100,30]]]}";
        HttpResponse<String> r = post("/api/hazards/within", "application/json", area.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("FeatureCollection", MAPPER.readTree(r.body()).get("type").asText());
    }

    @Test
    void an_import_over_max_import_mb_is_413_with_or_without_content_length_and_stores_nothing() throws Exception {
        byte[] csv = csvOf(3 * MB);
        for (boolean withLength : new boolean[] {true, false}) {
            long before = hazards();
            JsonNode r = refused(post("/api/import?collection=hazards&format=csv", "text/csv", csv, withLength));
            assertTrue(r.get("detail").asText().contains("the limit is 2 MB (setting max_import_mb)"), r.toString());
            assertEquals(before, hazards(), "no row stored (Content-Length sent: " + withLength + ")");
        }
    }

    @Test
    void an_import_under_the_limit_is_stored() throws Exception {
        byte[] csv = csvOf(MB); // over max_body_mb but under max_import_mb: an import is held to the import limit
        int rows = (int) new String(csv, StandardCharsets.UTF_8).lines().count() - 1;
        long before = hazards();
        HttpResponse<String> r = post("/api/import?collection=hazards&format=csv", "text/csv", csv, false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(before + rows, hazards());
    }

    private static JsonNode refused(HttpResponse<String> r) throws Exception {
        assertEquals(413, r.statusCode(), r.body());
        JsonNode body = MAPPER.readTree(r.body());
        assertEquals("body_too_large", body.get("error").asText(), r.body());
        return body;
    }

    /** Valid hazard rows adding up to at least {@code bytes}. */
    private static byte[] csvOf(int bytes) {
        StringBuilder b = new StringBuilder(CSV_HEADER);
        for (int i = 0; b.length() < bytes; i++) b.append("限长").append(i).append(",landslide,2,500101,108.4,30.8,13900000011\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** POST with a Content-Length, or chunked (a stream of unknown length) without one. */
    private static HttpResponse<String> post(String path, String type, byte[] body, boolean withLength) throws Exception {
        HttpRequest.BodyPublisher publisher = withLength ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", type).header("Authorization", "Bearer " + editor).POST(publisher).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static long hazards() throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM hazard_point")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
