package riskmap.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** The people registry through HTTP on a real server over PostGIS: CRUD with ETag/If-Match, history, validation, feature links. */
class PeopleApiTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        editor = Api.token(ds, "值班编辑", Role.EDITOR, null);
    }

    @BeforeEach
    void reset() {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static Api.Response create(String body) {
        return api.json("POST", "/api/people", editor, body);
    }

    private static long people() {
        return TestDatabase.count(ds, "SELECT count(*) FROM person");
    }

    @Test
    void create_answers_201_with_location_etag_and_the_stored_person_with_a_normalised_phone() {
        Api.Response r = create("{\"name\":\"王五\",\"phone\":\"+86 138-0000-1111\",\"unit\":\"天城镇人民政府\","
                + "\"duty_roles\":[\"township_flood_chief\",\"网格员\"],\"admin_code\":\"500101105\",\"note\":\"汛期24小时值班\"}");
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("id").asText();
        assertTrue(id.matches("PS[0-9]{6}"), id);
        assertEquals("/api/people/" + id, r.header("Location"));
        assertEquals("\"1\"", r.header("ETag"));
        assertEquals("13800001111", r.json().get("phone").asText());
        assertEquals("township", r.json().get("tier").asText(), "a 9-digit code implies the township tier");
        assertEquals("[\"township_flood_chief\",\"grid_worker\"]", r.json().get("duty_roles").toString(), "Chinese role names become ids");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE id = '" + id + "' AND name = '王五' AND phone = '13800001111'"
                + " AND duty_roles = ARRAY['township_flood_chief','grid_worker'] AND tier = 'township' AND admin_code = '500101105'"
                + " AND note = '汛期24小时值班' AND version = 1"));
        Api.Response got = api.get("/api/people/" + id, editor);
        assertEquals(200, got.status());
        assertEquals("\"1\"", got.header("ETag"));
        assertEquals("天城镇人民政府", got.json().get("unit").asText());
    }

    @Test
    void a_write_without_if_match_gets_428_and_a_stale_one_412_and_nothing_changes() {
        String id = create(PeopleFixture.person("李四", "13800000001", "500101", "grid_worker")).json().get("id").asText();
        String patch = "{\"unit\":\"万州区水利局\"}";
        assertEquals(428, api.json("PATCH", "/api/people/" + id, editor, patch).status());
        Api.Response stale = api.json("PATCH", "/api/people/" + id, editor, patch, "If-Match", "\"7\"");
        assertEquals(412, stale.status());
        assertEquals("precondition_failed", stale.json().get("error").asText());
        assertEquals(412, api.json("PUT", "/api/people/" + id, editor, PeopleFixture.person("李四", "13800000001", "500101"), "If-Match", "\"2\"").status());
        assertEquals(428, api.send("DELETE", "/api/people/" + id, editor, null).status());
        assertEquals(412, api.send("DELETE", "/api/people/" + id, editor, null, "If-Match", "\"3\"").status());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE unit = '万州区应急管理局' AND version = 1"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE collection = 'people'"), "only the create");
    }

    @Test
    void put_patch_and_delete_with_the_right_etag_work_and_the_history_shows_each_change() {
        String id = create(PeopleFixture.person("李四", "13800000001", "500101", "grid_worker")).json().get("id").asText();
        Api.Response patch = api.json("PATCH", "/api/people/" + id, editor, "{\"phone\":\"023-5812 3456\",\"duty_roles\":[\"monitor\"]}", "If-Match", "\"1\"");
        assertEquals(200, patch.status(), patch.body());
        assertEquals("\"2\"", patch.header("ETag"));
        assertEquals("023-58123456", patch.json().get("phone").asText());
        assertEquals("万州区应急管理局", patch.json().get("unit").asText(), "PATCH keeps what it does not name");
        Api.Response put = api.json("PUT", "/api/people/" + id, editor, "{\"name\":\"李四\",\"admin_code\":\"500101\",\"tier\":\"县级\"}", "If-Match", "W/\"2\"");
        assertEquals(200, put.status(), put.body());
        assertTrue(put.json().get("phone").isNull(), "PUT replaces the whole person");
        assertEquals("county", put.json().get("tier").asText());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE phone IS NULL AND unit IS NULL AND duty_roles = '{}' AND version = 3"));
        assertEquals(204, api.send("DELETE", "/api/people/" + id, editor, null, "If-Match", "\"3\"").status());
        assertEquals(404, api.get("/api/people/" + id, editor).status());
        assertEquals(0, people());

        JsonNode changes = api.get("/api/people/" + id + "/history", editor).json().get("changes");
        assertEquals(4, changes.size());
        assertEquals("create,update,update,delete", String.join(",", changes.findValuesAsText("action")));
        assertEquals("值班编辑", changes.get(1).get("actor").asText());
        assertEquals("13800000001", changes.get(1).at("/old/phone").asText());
        assertEquals("023-58123456", changes.get(1).at("/new/phone").asText());
        assertTrue(changes.get(3).get("new").isNull());
    }

    @Test
    void a_person_without_a_name_or_with_a_phone_that_is_not_a_phone_is_refused_with_every_problem_and_nothing_is_written() {
        Api.Response r = create("{\"phone\":\"12345\",\"duty_roles\":[\"boss\"],\"tier\":\"province\",\"admin_code\":\"5001\",\"colour\":\"red\"}");
        assertEquals(400, r.status());
        assertEquals("invalid_person", r.json().get("error").asText());
        String detail = r.json().get("detail").asText();
        for (String field : new String[] {"name: is required", "phone: '12345' is not a phone number", "duty_roles: unknown role 'boss'",
                "grid_worker (网格员)", "tier: unknown value 'province'", "admin_code: must be", "colour: unknown property"}) {
            assertTrue(detail.contains(field), field + " in " + detail);
        }
        assertEquals(400, create("{\"name\":\"  \",\"admin_code\":\"500101\"}").status(), "a blank name");
        assertEquals(400, create("{\"name\":\"" + "张".repeat(101) + "\",\"admin_code\":\"500101\"}").status(), "101 characters");
        assertEquals(400, create(PeopleFixture.person("王五", "1380000111", "500101")).status(), "ten digits");
        assertEquals(400, create(PeopleFixture.person("王五", "12800001111", "500101")).status(), "no mobile starts with 12");
        assertEquals(400, create("{\"name\":\"王五\"}").status(), "no admin_code");
        Api.Response notJson = api.json("POST", "/api/people", editor, "{\"name\":");
        assertEquals(400, notJson.status());
        assertEquals("invalid_json", notJson.json().get("error").asText());
        assertEquals(0, people());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        assertEquals(201, create(PeopleFixture.person("王五", "0871-1234567转801", "530102")).status(), "a landline with an extension");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE phone = '0871-1234567-801'"));
    }

    @Test
    void a_hazard_links_to_a_person_by_id_and_an_unknown_id_is_refused_with_400() {
        String person = create(PeopleFixture.person("李四", "13800000001", "500101", "monitor")).json().get("id").asText();
        assertEquals(201, api.json("POST", "/api/hazards", editor, Api.hazard("L1", "500101", 3, 108.38, 30.81)).status());
        Api.Response linked = api.json("PATCH", "/api/hazards/L1", editor,
                "{\"type\":\"Feature\",\"properties\":{\"responsible_person_id\":\"" + person + "\"}}", "If-Match", "\"1\"");
        assertEquals(200, linked.status(), linked.body());
        assertEquals(person, linked.json().at("/properties/responsible_person_id").asText());
        assertEquals("李四", linked.json().at("/properties/responsible_person").asText(), "the free-text fields stay");
        assertEquals(person, api.get("/ogc/collections/hazards/items/L1", null).json().at("/properties/responsible_person_id").asText());

        Api.Response unknown = api.json("PATCH", "/api/hazards/L1", editor,
                "{\"type\":\"Feature\",\"properties\":{\"responsible_person_id\":\"PS999999\"}}", "If-Match", "\"2\"");
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.json().get("detail").asText().contains("PS999999"), unknown.body());
        assertEquals(400, api.json("POST", "/api/hazards", editor, Api.hazard("L2", "500101", 3, 108.38, 30.81)
                .replace("\"responsible_phone\"", "\"responsible_person_id\":\"PS999999\",\"responsible_phone\"")).status());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'L1' AND responsible_person_id = '" + person + "' AND version = 2"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'L2'"));
    }

    @Test
    void a_persons_features_are_listed_and_a_linked_person_cannot_be_deleted() {
        String person = create(PeopleFixture.person("李四", "13800000001", "500101", "monitor")).json().get("id").asText();
        String link = ",\"responsible_person_id\":\"" + person + "\"";
        api.json("POST", "/api/hazards", editor, Api.hazard("L1", "500101", 3, 108.38, 30.81).replace(",\"county\"", link + ",\"county\""));
        api.json("POST", "/api/shelters", editor, "{\"type\":\"Feature\",\"id\":\"S1\",\"properties\":{\"name\":\"万州区体育馆\",\"capacity\":800,"
                + "\"admin_code\":\"500101\"" + link + "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.4,30.8]}}");
        JsonNode fc = api.get("/api/people/" + person + "/features", null).json();
        assertEquals("FeatureCollection", fc.get("type").asText());
        assertEquals(2, fc.get("numberReturned").asInt());
        assertEquals("L1", fc.at("/features/0/id").asText());
        assertEquals("hazards", fc.at("/features/0/properties/collection").asText());
        assertEquals("S1", fc.at("/features/1/id").asText());
        assertEquals("Point", fc.at("/features/1/geometry/type").asText());

        Api.Response refused = api.send("DELETE", "/api/people/" + person, editor, null, "If-Match", "\"1\"");
        assertEquals(409, refused.status());
        String detail = refused.json().get("detail").asText();
        assertTrue(detail.contains("1 hazards (L1)") && detail.contains("1 shelters (S1)"), detail);
        assertEquals(1, people());
        assertEquals(404, api.get("/api/people/PS999999/features", null).status());
    }

    @Test
    void the_list_filters_by_text_region_role_and_tier_and_pages_with_the_total() {
        create(PeopleFixture.person("张一", "13800000001", "500101", "grid_worker"));
        create(PeopleFixture.person("张二", "13800000002", "500101105", "township_flood_chief"));
        create(PeopleFixture.person("王三", "13800000003", "500102", "grid_worker", "monitor"));
        assertEquals(3, api.get("/api/people", null).json().get("numberMatched").asInt());
        assertEquals(2, api.get("/api/people?q=%E5%BC%A0", null).json().get("numberMatched").asInt(), "q=张");
        assertEquals(2, api.get("/api/people?admin_code=500101", null).json().get("numberMatched").asInt());
        assertEquals(2, api.get("/api/people?role=grid_worker", null).json().get("numberMatched").asInt());
        assertEquals(1, api.get("/api/people?tier=township", null).json().get("numberMatched").asInt());
        JsonNode page = api.get("/api/people?limit=1&offset=1", null).json();
        assertEquals(3, page.get("numberMatched").asInt());
        assertEquals(1, page.get("people").size());
        assertEquals("张二", page.at("/people/0/name").asText(), "ordered by region code, then id");
        assertEquals(0, api.get("/api/people?q=%25", null).json().get("numberMatched").asInt(), "q=% is a character, not a wildcard");
        assertEquals(400, api.get("/api/people?role=boss", null).status());
        assertEquals(400, api.get("/api/people?limit=1001", null).status());
        assertEquals(400, api.get("/api/people?admin_code=50x", null).status());
        assertEquals(12, api.get("/api/people/roles", null).json().get("roles").size());
        assertNull(api.get("/api/people", null).json().at("/people/0/phone").textValue(), "anonymous callers get no phone");
    }
}
