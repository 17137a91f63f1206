package riskmap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.store.TokenStore;

/** Tokens, roles and regions (api.md §4) against a real server and PostGIS: every rule allowed and refused. */
class AuthTest {
    private static DataSource ds;
    private static TestServer server;
    private static Api api;
    private static String viewer;
    private static String editor500101;
    private static String editorAnywhere;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        server = new TestServer(ds);
        api = new Api(server.port());
        viewer = Api.token(ds, "观察员", Role.VIEWER, null);
        editor500101 = Api.token(ds, "万州编辑", Role.EDITOR, "500101");
        editorAnywhere = Api.token(ds, "市级编辑", Role.EDITOR, null);
        admin = Api.token(ds, "管理员", Role.ADMIN, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE hazard_point, change_history CASCADE");
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_phone, geom) VALUES"
                    + " ('IN1', 'landslide', '区内点', 3, '500101001', '13900000001', ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326)),"
                    + " ('OUT1', 'flood', '区外点', 2, '500102', '13900000002', ST_SetSRID(ST_MakePoint(107.4, 29.7), 4326))");
        }
    }

    private static final String NEAR = "/api/hazards/near?lon=108.4&lat=30.8&radius=200000";

    @Test
    void anonymous_reads_do_not_show_phones_and_token_reads_do() {
        Api.Response anon = api.get(NEAR, null);
        assertEquals(200, anon.status());
        assertFalse(anon.body().contains("responsible_phone"), anon.body());
        assertFalse(anon.body().contains("13900000001"));
        Api.Response asViewer = api.get(NEAR, viewer);
        assertEquals(200, asViewer.status());
        assertEquals("13900000001", asViewer.json().at("/features/0/properties/responsible_phone").asText());
        assertFalse(api.get("/api/hazards/IN1", null).body().contains("13900000001"));
        assertTrue(api.get("/api/hazards/IN1", viewer).body().contains("13900000001"));
    }

    @Test
    void the_area_summary_lists_whom_to_call_with_phones_for_token_holders_only() {
        String area = "{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7],[108.5,30.9],[108.3,30.9],[108.3,30.7]]]}";
        Api.Response anon = api.json("POST", "/api/hazards/within", null, area);
        assertEquals(200, anon.status(), anon.body());
        assertFalse(anon.json().at("/summary/responsible/0").has("phone"));
        assertFalse(anon.body().contains("13900000001"));
        Api.Response asViewer = api.json("POST", "/api/hazards/within", viewer, area);
        assertEquals("13900000001", asViewer.json().at("/summary/responsible/0/phone").asText());
        assertEquals(1, asViewer.json().at("/summary/responsible/0/count").asInt());
    }

    @Test
    void gis_tools_with_a_token_read_phones_through_ogc_and_anonymous_ones_do_not() {
        String items = "/ogc/collections/hazards/items?id=IN1";
        assertFalse(api.get(items, null).body().contains("13900000001"));
        assertEquals("13900000001", api.get(items, viewer).json().at("/features/0/properties/responsible_phone").asText());
        assertFalse(api.get("/ogc/collections/hazards/items/IN1", null).body().contains("13900000001"));
        assertTrue(api.get("/ogc/collections/hazards/items/IN1", viewer).body().contains("13900000001"));
        assertFalse(api.get("/ogc/collections/hazards/queryables", null).body().contains("responsible_phone"));
        assertTrue(api.get("/ogc/collections/hazards/queryables", viewer).body().contains("responsible_phone"));
    }

    @Test
    void a_bad_or_revoked_token_gets_401_even_for_reads() throws Exception {
        Api.Response bad = api.get(NEAR, "rm_" + "A".repeat(43));
        assertEquals(401, bad.status());
        assertEquals("unauthorized", bad.json().get("error").asText());
        assertNotNull(bad.header("WWW-Authenticate"));
        assertEquals(401, api.get(NEAR, "not-even-a-token").status());
        assertEquals(401, api.send("GET", NEAR, null, null, "Authorization", "Basic dXNlcjpwYXNz").status());
        String t = Tokens.newToken();
        TokenStore store = new TokenStore(ds);
        int id = store.create("临时", Role.VIEWER, null, t);
        assertEquals(200, api.get(NEAR, t).status());
        assertTrue(store.revoke(id));
        assertEquals(401, api.get(NEAR, t).status());
    }

    @Test
    void closing_public_reads_makes_every_api_read_need_a_token() {
        try (TestServer closed = new TestServer(ds, Map.of("RISKMAP_PUBLIC_READ", "false"))) {
            Api c = new Api(closed.port());
            assertEquals(401, c.get(NEAR, null).status());
            assertEquals(401, c.get("/api/hazards/IN1", null).status());
            assertEquals(401, c.get("/api/stats?group_by=category", null).status());
            assertEquals(200, c.get(NEAR, viewer).status());
            assertEquals(200, c.get("/health", null).status());
        }
    }

    @Test
    void writing_needs_an_editor_or_admin_token() {
        String body = Api.hazard("NEW1", "500101", 2, 108.41, 30.81);
        Api.Response anon = api.json("POST", "/api/hazards", null, body);
        assertEquals(401, anon.status());
        Api.Response asViewer = api.json("POST", "/api/hazards", viewer, body);
        assertEquals(403, asViewer.status());
        assertEquals("forbidden", asViewer.json().get("error").asText());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'NEW1'"));
        assertEquals(201, api.json("POST", "/api/hazards", editorAnywhere, body).status());
    }

    @Test
    void a_region_editor_creates_inside_its_region_only() {
        assertEquals(201, api.json("POST", "/api/hazards", editor500101, Api.hazard("R1", "500101002", 2, 108.4, 30.8)).status());
        assertEquals(201, api.json("POST", "/api/hazards", editor500101, Api.hazard("R2", "500101", 2, 108.4, 30.8)).status());
        Api.Response outside = api.json("POST", "/api/hazards", editor500101, Api.hazard("R3", "500102", 2, 108.4, 30.8));
        assertEquals(403, outside.status());
        assertTrue(outside.json().get("detail").asText().contains("500101"), outside.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'R3'"));
        assertEquals(201, api.json("POST", "/api/hazards", admin, Api.hazard("R4", "110101", 2, 116.4, 39.9)).status());
    }

    @Test
    void a_region_editor_cannot_move_a_point_out_of_its_region_nor_touch_one_outside() {
        Api.Response moveOut = api.json("PUT", "/api/hazards/IN1", editor500101, Api.hazard("IN1", "500102", 3, 108.4, 30.8), "If-Match", "\"1\"");
        assertEquals(403, moveOut.status());
        Api.Response editOutside = api.json("PATCH", "/api/hazards/OUT1", editor500101,
                "{\"type\":\"Feature\",\"properties\":{\"admin_code\":\"500101\"}}", "If-Match", "\"1\"");
        assertEquals(403, editOutside.status(), "the old value is outside the region");
        assertEquals(403, api.send("DELETE", "/api/hazards/OUT1", editor500101, null, "If-Match", "\"1\"").status());
        assertEquals("500102", TestDatabase.ids(ds, "SELECT admin_code FROM hazard_point WHERE id = 'OUT1'").get(0));
        assertEquals("500101001", TestDatabase.ids(ds, "SELECT admin_code FROM hazard_point WHERE id = 'IN1'").get(0));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        // inside, both before and after: allowed
        assertEquals(200, api.json("PATCH", "/api/hazards/IN1", editor500101,
                "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4}}", "If-Match", "\"1\"").status());
        assertEquals(200, api.json("PATCH", "/api/hazards/OUT1", editorAnywhere,
                "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4}}", "If-Match", "\"1\"").status());
        assertEquals(204, api.send("DELETE", "/api/hazards/OUT1", admin, null, "If-Match", "\"2\"").status());
    }

    @Test
    void history_needs_a_token() {
        assertEquals(401, api.get("/api/hazards/IN1/history", null).status());
        assertEquals(200, api.get("/api/hazards/IN1/history", viewer).status());
    }

    @Test
    void tokens_are_stored_only_as_hashes() throws Exception {
        String t = Tokens.newToken();
        new TokenStore(ds).create("hash check", Role.VIEWER, null, t);
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM api_token WHERE position('" + t + "' IN encode(token_hash, 'escape')) > 0"
                + " OR name = '" + t + "'"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM api_token WHERE token_hash = decode('"
                + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(t.getBytes())) + "', 'hex')"));
    }
}
