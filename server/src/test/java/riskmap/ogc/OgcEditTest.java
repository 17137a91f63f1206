package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * OGC API – Features Part 4 at /ogc/collections/{id}/items: create, replace, update (JSON Merge
 * Patch, no "type"), delete, on the /api rules — token, scope, ETag/If-Match, history. What is
 * stored is read back with SQL.
 */
class OgcEditTest {
    private static DataSource ds;
    private static TestServer server;
    private static Api api;
    private static String editor;
    private static String countyEditor;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        server = new TestServer(ds);
        api = new Api(server.port());
        editor = Api.token(ds, "编辑丙", Role.EDITOR, null);
        countyEditor = Api.token(ds, "万州区编辑", Role.EDITOR, "500101");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static long sql(String query) {
        return TestDatabase.count(ds, query);
    }

    @Test
    void a_feature_goes_through_create_get_patch_put_and_delete() {
        Api.Response created = api.json("POST", "/ogc/collections/hazards/items", editor, Api.hazard("P4", "500101", 2, 108.38, 30.81));
        assertEquals(201, created.status(), created.body());
        assertEquals("/ogc/collections/hazards/items/P4", created.header("Location"));
        assertEquals(1, sql("SELECT count(*) FROM hazard_point WHERE id = 'P4' AND risk_level = 2"));

        Api.Response got = api.get("/ogc/collections/hazards/items/P4", null);
        assertEquals("\"1\"", got.header("ETag"), "the version GET gives is the one If-Match takes");
        assertTrue(!got.json().path("properties").has("_version"), "the version is a header, not a property");

        Api.Response patched = api.json("PATCH", "/ogc/collections/hazards/items/P4", editor, "{\"properties\":{\"risk_level\":4}}",
                "Content-Type", "application/merge-patch+json", "If-Match", got.header("ETag"));
        assertEquals(200, patched.status(), patched.body());
        assertEquals(1, sql("SELECT count(*) FROM hazard_point WHERE id = 'P4' AND risk_level = 4 AND name = '测试滑坡 P4'"), "other properties kept");
        assertEquals("\"2\"", patched.header("ETag"));

        Api.Response cleared = api.json("PATCH", "/ogc/collections/hazards/items/P4", editor, "{\"properties\":{\"responsible_unit\":null}}",
                "If-Match", "\"2\"");
        assertEquals(200, cleared.status(), cleared.body());
        assertEquals(1, sql("SELECT count(*) FROM hazard_point WHERE id = 'P4' AND responsible_unit IS NULL"), "null removes (RFC 7396)");

        Api.Response stale = api.json("PUT", "/ogc/collections/hazards/items/P4", editor, Api.hazard("P4", "500101", 1, 108.4, 30.8), "If-Match", "\"1\"");
        assertEquals(412, stale.status());
        Api.Response put = api.json("PUT", "/ogc/collections/hazards/items/P4", editor, Api.hazard("P4", "500101", 1, 108.4, 30.8), "If-Match", "\"3\"");
        assertEquals(200, put.status(), put.body());
        assertEquals(1, sql("SELECT count(*) FROM hazard_point WHERE id = 'P4' AND risk_level = 1 AND ST_X(geom) = 108.4"));

        assertEquals(428, api.send("DELETE", "/ogc/collections/hazards/items/P4", editor, null).status());
        assertEquals(204, api.send("DELETE", "/ogc/collections/hazards/items/P4", editor, null, "If-Match", "\"4\"").status());
        assertEquals(0, sql("SELECT count(*) FROM hazard_point WHERE id = 'P4'"));
        assertEquals(5, sql("SELECT count(*) FROM change_history WHERE feature_id = 'P4'"), "create, 3 updates, delete");
    }

    @Test
    void refusals_follow_the_api_rules_and_write_nothing() {
        String body = Api.hazard("P5", "500102", 2, 108.38, 30.81);
        assertEquals(401, api.json("POST", "/ogc/collections/hazards/items", null, body).status());
        assertEquals(403, api.json("POST", "/ogc/collections/hazards/items", countyEditor, body).status(), "500102 is outside 500101");
        Api.Response view = api.json("POST", "/ogc/collections/landslide/items", editor, body);
        assertEquals(405, view.status());
        assertTrue(view.json().path("detail").asText().contains("/ogc/collections/hazards/items"), view.body());
        assertEquals(404, api.json("POST", "/ogc/collections/nope/items", editor, body).status());
        assertEquals(400, api.json("POST", "/ogc/collections/hazards/items", editor, "{\"properties\":{\"risk_level\":4}}").status(),
                "creating needs a whole Feature");
        assertEquals(0, sql("SELECT count(*) FROM hazard_point"));
        assertEquals(0, sql("SELECT count(*) FROM change_history"));
    }
}
