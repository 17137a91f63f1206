package riskmap.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Action;
import riskmap.auth.Role;
import riskmap.auth.Tokens;
import riskmap.store.TokenStore;

/** Scoped access to the people registry: a county account writes and reads phones only in its county. */
class PeopleScopeTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String admin;
    private static String editor500101;
    private static String viewer500102;
    private String wanzhou;
    private String fuling;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        admin = Api.token(ds, "管理员", Role.ADMIN, null);
        editor500101 = Api.token(ds, "万州区编辑", Role.EDITOR, "500101");
        viewer500102 = Api.token(ds, "涪陵区值班", Role.VIEWER, "500102");
    }

    @BeforeEach
    void reset() {
        TestDatabase.emptyFeatureTables(ds);
        wanzhou = api.json("POST", "/api/people", admin, PeopleFixture.person("万州甲", "13800000001", "500101105", "grid_worker")).json().get("id").asText();
        fuling = api.json("POST", "/api/people", admin, PeopleFixture.person("涪陵乙", "13800000002", "500102", "grid_worker")).json().get("id").asText();
    }

    @Test
    void a_county_editor_cannot_create_patch_or_delete_a_person_of_another_county() {
        Api.Response create = api.json("POST", "/api/people", editor500101, PeopleFixture.person("涪陵丙", "13800000003", "500102"));
        assertEquals(403, create.status());
        assertTrue(create.json().get("detail").asText().contains("region 500101"), create.body());
        assertEquals(403, api.json("PATCH", "/api/people/" + fuling, editor500101, "{\"unit\":\"涪陵区水利局\"}", "If-Match", "\"1\"").status());
        Api.Response moveOut = api.json("PATCH", "/api/people/" + wanzhou, editor500101, "{\"admin_code\":\"500102\"}", "If-Match", "\"1\"");
        assertEquals(403, moveOut.status(), "the changed person would lie outside the scope");
        assertEquals(403, api.send("DELETE", "/api/people/" + fuling, editor500101, null, "If-Match", "\"1\"").status());
        assertEquals(403, api.json("POST", "/api/people", viewer500102, PeopleFixture.person("涪陵丙", "13800000003", "500102")).status(), "a viewer cannot write");
        assertEquals(401, api.json("POST", "/api/people", null, PeopleFixture.person("涪陵丙", "13800000003", "500102")).status());
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE version = 1"));
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM change_history"), "only the two creates");
        assertEquals(200, api.json("PATCH", "/api/people/" + wanzhou, editor500101, "{\"admin_code\":\"500101106\"}", "If-Match", "\"1\"").status());
    }

    @Test
    void phones_are_read_only_inside_the_callers_scope_and_never_anonymously() {
        assertEquals("13800000001", api.get("/api/people/" + wanzhou, editor500101).json().get("phone").asText());
        assertTrue(api.get("/api/people/" + fuling, editor500101).json().get("phone").isNull(), "500102 is outside 500101");
        assertTrue(api.get("/api/people/" + wanzhou, null).json().get("phone").isNull());
        JsonNode list = api.get("/api/people", editor500101).json().get("people");
        assertEquals(2, list.size(), "public_read: everyone is listed");
        for (JsonNode p : list) {
            assertEquals(p.get("admin_code").asText().startsWith("500101"), p.get("phone").isTextual(), p.toString());
        }
        for (JsonNode p : api.get("/api/people", null).json().get("people")) assertTrue(p.get("phone").isNull(), p.toString());
        assertEquals(0, api.get("/api/people?q=13800000001", null).json().get("numberMatched").asInt(), "no search by phone");
    }

    @Test
    void the_history_needs_a_token_whose_scope_covers_the_person() {
        assertEquals(401, api.get("/api/people/" + fuling + "/history", null).status());
        assertEquals(403, api.get("/api/people/" + fuling + "/history", editor500101).status());
        JsonNode changes = api.get("/api/people/" + fuling + "/history", viewer500102).json().get("changes");
        assertEquals("13800000002", changes.get(0).at("/new/phone").asText());
    }

    @Test
    void an_account_without_read_personal_reads_the_history_without_phones_and_edits_without_erasing_them() throws Exception {
        String token = Tokens.newToken();
        new TokenStore(ds).create("涪陵编辑（无个人信息）", null, Set.of(Action.EDIT), "500102", token);
        assertTrue(api.get("/api/people/" + fuling, token).json().get("phone").isNull());
        Api.Response patch = api.json("PATCH", "/api/people/" + fuling, token, "{\"unit\":\"涪陵区水利局\"}", "If-Match", "\"1\"");
        assertEquals(200, patch.status(), patch.body());
        assertTrue(patch.json().get("phone").isNull());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE id = '" + fuling + "' AND phone = '13800000002' AND unit = '涪陵区水利局'"),
                "PATCH keeps the phone it could not see");
        JsonNode changes = api.get("/api/people/" + fuling + "/history", token).json().get("changes");
        assertEquals(2, changes.size());
        for (JsonNode change : changes) {
            assertTrue(!change.toString().contains("13800000002") && change.get("new").has("unit"), change.toString());
        }
    }

    @Test
    void with_public_read_off_the_list_holds_only_the_people_in_the_callers_scope() {
        try (TestServer closed = new TestServer(ds, Map.of("RISKMAP_PUBLIC_READ", "false"))) {
            Api c = new Api(closed.port());
            assertEquals(401, c.get("/api/people", null).status());
            JsonNode mine = c.get("/api/people", editor500101).json();
            assertEquals(1, mine.get("numberMatched").asInt());
            assertEquals(wanzhou, mine.at("/people/0/id").asText());
            assertEquals(404, c.get("/api/people/" + fuling, editor500101).status());
            assertEquals(404, c.get("/api/people/" + fuling + "/features", editor500101).status());
            assertEquals(2, c.get("/api/people", admin).json().get("numberMatched").asInt());
        }
    }
}
