package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Client mistakes that libraries used to turn into 500 (issue 17) are 4xx with {@code {"error","detail"}}
 * and write nothing. Requests go over a raw socket ({@link RawHttp}): java.net.URI refuses to even build a path with %u0041.
 */
class ClientMistakesTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String editor;
    private static String admin;
    private static String zone;

    @BeforeAll
    static void setUp() throws Exception {
        editor = Api.token(SERVER.ds(), "纠错编辑", Role.EDITOR, null);
        admin = Api.token(SERVER.ds(), "纠错管理", Role.ADMIN, null);
        zone = TestDatabase.ids(SERVER.ds(), "SELECT id FROM risk_zone ORDER BY id LIMIT 1").get(0);
    }

    @Test
    void malformedPercentEncodingInThePathIs400() throws IOException {
        for (String path : new String[] {"/tiles/flood/23/3771792/3779317%u0041.mvt", "/tiles/shelters/-1/0/0%u0041.mvt",
                "/ogc/collections/hazards%u0041/items?limit=10001&cursor=!!!&cursor=!!!"}) {
            Answer a = send("GET " + path, null, null);
            a.assertRefused(400, "malformed_path", path);
        }
    }

    @Test
    void aPutToAMalformedPathWritesNothing() throws IOException {
        String before = zoneState();
        Answer a = send("PUT /api/risk_zones/" + zone + "%u0041", "If-Match: \"1\"",
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"改名\"},\"geometry\":null}");
        a.assertRefused(400, "malformed_path", "PUT");
        assertEquals(before, zoneState());
    }

    @Test
    void aStringBeyondJacksonsLimitIs413NamingTheLimit() throws IOException {
        long hazards = TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM hazard_point");
        String body = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + "a".repeat(20_000_001) + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[108,30]}}]}";
        Answer a = send("POST /api/import?collection=hazards&format=geojson", "Content-Type: application/geo+json", body);
        a.assertRefused(413, "value_too_large", "import");
        assertTrue(a.detail().contains("20000000"), a.body);
        assertEquals(hazards, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM hazard_point"));
    }

    @Test
    void aNumberNoDoubleHoldsIs400() throws IOException {
        send("GET /api/shelters/nearest?lon=1e999&lat=30", null, null).assertRefused(400, "invalid_number", "parameter");
        send("POST /api/hazards/within", "Content-Type: application/json",
                "{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[1e999,30],[109,31],[108,31],[108,30]]]}")
                .assertRefused(400, "invalid_number", "within");
        String before = zoneState();
        send("PATCH /api/risk_zones/" + zone, "If-Match: \"1\"", "{\"properties\":{\"risk_level\":1e999}}")
                .assertRefused(400, "invalid_number", "patch");
        assertEquals(before, zoneState());
    }

    /** Requests Jetty refuses before riskmap sees them answered HTML; now {"error","detail"} like every refusal. */
    @Test
    void aRequestJettyCannotParseGetsTheErrorDocument() throws IOException {
        send("GET /api/shelters/SH000064%", null, null).assertRefused(400, "malformed_request", "a bare %");
        send("GET /health?q=a%00b\u0000", null, null).assertRefused(400, "malformed_request", "a control character");
        send("GET /health", "X-Long: " + "x".repeat(9000), null).assertRefused(431, "headers_too_large", "headers over 8 KiB");
    }

    /** An empty media type (";;;" as Content-Type, ";" as Accept) made a split(";") come back empty: 500. */
    @Test
    void anEmptyMediaTypeIsRefusedOrIgnoredNot500() throws IOException {
        long warnings = TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM warning");
        send(admin, "POST /api/warnings/import", "Content-Type: ;;;", "<alert/>").assertRefused(415, "unsupported_media_type", "CAP import");
        assertEquals(warnings, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM warning"));
        Answer a = send("GET /ogc/collections", "Accept: ;", null);
        assertTrue(a.status == 200 || a.status == 406, a.status + " " + a.body);
    }

    /** A multipart body Jetty's parser cannot read (no initial boundary, a NUL in a part's head) was a 500. */
    @Test
    void aBrokenMultipartBodyIs400() throws IOException {
        String hazard = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY id LIMIT 1").get(0);
        long inspections = TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM inspection");
        for (String body : new String[] {"{\"kind\":\"in_flood\"}", "--fuzzb\r\nContent-Disposition: form-data; name=\u0000\"kind\"\r\n\r\nx\r\n--fuzzb--\r\n"}) {
            send(admin, "POST /api/hazards/" + hazard + "/inspections", "Content-Type: multipart/form-data; boundary=fuzzb", body)
                    .assertRefused(400, "malformed_multipart", body);
        }
        assertEquals(inspections, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM inspection"));
    }

    /** Row count, the zone's row and the change history: all must stay as they were. */
    private static String zoneState() {
        return TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM risk_zone") + " "
                + TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM change_history") + " "
                + TestDatabase.ids(SERVER.ds(), "SELECT md5(t::text) FROM risk_zone t WHERE id = '" + zone + "'");
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String detail() {
            return json().path("detail").asText();
        }

        void assertRefused(int expected, String code, String what) {
            assertEquals(expected, status, what + ": " + body);
            assertEquals(code, json().path("error").asText(), what + ": " + body);
            assertFalse(detail().isBlank(), what + ": " + body);
        }
    }

    /** One request with the path sent exactly as given, as the editor. */
    private static Answer send(String requestLine, String header, String body) throws IOException {
        return send(editor, requestLine, header, body);
    }

    private static Answer send(String token, String requestLine, String header, String body) throws IOException {
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.0\r\nHost: 127.0.0.1\r\n")
                .append("Authorization: Bearer ").append(token);
        if (header != null) head.append("\r\n").append(header);
        if (content != null) {
            if (header == null || !header.startsWith("Content-Type")) head.append("\r\nContent-Type: application/json");
            head.append("\r\nContent-Length: ").append(content.length);
        }
        RawHttp.Answer a = RawHttp.send(SERVER.port(), head.toString(), content);
        return new Answer(a.status(), a.text());
    }
}
