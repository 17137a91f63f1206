package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;

/**
 * {@code filter-lang=cql2-json}: the JSON filter in the {@code filter} query parameter, each
 * operator's answer equal to a hand-written SQL query over the fixture; bad JSON is a 400.
 */
class OgcCql2JsonTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);

    private static TestHttp.Response get(String collection, String json) {
        return SERVER.http().get("/ogc/collections/" + collection + "/items?limit=1000&filter-lang=cql2-json&filter=" + OgcFixture.enc(json));
    }

    private static void same(String json, String sqlWhere) {
        TestHttp.Response r = get("hazards", json);
        assertEquals(200, r.status(), json + " → " + r.body());
        List<String> expected = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE " + sqlWhere + " ORDER BY id");
        assertEquals(expected, OgcItemsTest.ids(r.json()), json);
        assertEquals(expected.size(), r.json().get("numberMatched").asInt(), json);
    }

    private static final String LEVEL = "{\"property\":\"risk_level\"}";

    @Test
    void comparisons_and_logic() {
        for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
            same("{\"op\":\"" + op + "\",\"args\":[" + LEVEL + ",3]}", "risk_level " + op + " 3");
        }
        same("{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"category\"},\"flood\"]},{\"op\":\">=\",\"args\":[" + LEVEL + ",3]}]}",
                "category = 'flood' AND risk_level >= 3");
        same("{\"op\":\"or\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"category\"},\"flood\"]},{\"op\":\"=\",\"args\":[" + LEVEL + ",4]}]}",
                "category = 'flood' OR risk_level = 4");
        same("{\"op\":\"not\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"status\"},\"closed\"]}]}", "NOT status = 'closed'");
        same("true", "true");
    }

    @Test
    void like_between_in_is_null_casei_and_time() {
        same("{\"op\":\"like\",\"args\":[{\"property\":\"name\"},\"测试隐患点1%\"]}", "name LIKE '测试隐患点1%'");
        same("{\"op\":\"between\",\"args\":[" + LEVEL + ",3,4]}", "risk_level BETWEEN 3 AND 4");
        same("{\"op\":\"in\",\"args\":[{\"property\":\"category\"},[\"flood\",\"landslide\"]]}", "category IN ('flood','landslide')");
        same("{\"op\":\"isNull\",\"args\":[{\"property\":\"township\"}]}", "township IS NULL");
        same("{\"op\":\"not\",\"args\":[{\"op\":\"isNull\",\"args\":[{\"property\":\"township\"}]}]}", "township IS NOT NULL");
        same("{\"op\":\"=\",\"args\":[{\"casei\":{\"property\":\"category\"}},{\"casei\":\"FLOOD\"}]}", "category = 'flood'");
        same("{\"op\":\">=\",\"args\":[{\"property\":\"updated_at\"},{\"timestamp\":\"2024-01-25T00:00:00Z\"}]}", "updated_at >= '2024-01-25T00:00:00Z'");
        same("{\"op\":\"=\",\"args\":[{\"property\":\"updated_at\"},{\"date\":\"2024-01-04\"}]}", "id = 'HZ04'");
    }

    @Test
    void spatial_with_geojson_and_bbox() {
        same("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"bbox\":[106.15,29.05,106.35,29.25]}]}",
                "ST_X(geom) BETWEEN 106.15 AND 106.35 AND ST_Y(geom) BETWEEN 29.05 AND 29.25");
        same("{\"op\":\"s_within\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[106.15,29.05],[106.35,29.05],[106.35,29.25],[106.15,29.25],[106.15,29.05]]]}]}",
                "ST_X(geom) BETWEEN 106.15 AND 106.35 AND ST_Y(geom) BETWEEN 29.05 AND 29.25");
        same("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Point\",\"coordinates\":[106.3,29.2]}]}", "id = 'HZ15'");
        TestHttp.Response zones = get("risk_zones", "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},"
                + "{\"type\":\"LineString\",\"coordinates\":[[105.9,29.1],[106.1,29.1]]}]}");
        assertEquals(List.of("RZ1"), OgcItemsTest.ids(zones.json()));
    }

    @Test
    void the_same_filter_as_text_and_as_json_answers_the_same() {
        JsonNode text = SERVER.http().get("/ogc/collections/hazards/items?limit=1000&filter=" + OgcFixture.enc("risk_level BETWEEN 2 AND 3 AND category <> 'flood'")).json();
        JsonNode json = get("hazards", "{\"op\":\"and\",\"args\":[{\"op\":\"between\",\"args\":[" + LEVEL + ",2,3]},"
                + "{\"op\":\"<>\",\"args\":[{\"property\":\"category\"},\"flood\"]}]}").json();
        assertEquals(OgcItemsTest.ids(text), OgcItemsTest.ids(json));
        assertEquals(TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM hazard_point WHERE risk_level BETWEEN 2 AND 3 AND category <> 'flood'"),
                json.get("numberMatched").asInt());
    }

    @Test
    void bad_json_filters_are_400_naming_the_problem() {
        assertBad("{\"op\":\"=\",\"args\":[{\"property\":\"colour\"},\"red\"]}", "unknown property 'colour'");
        assertBad("{\"op\":\"=\",\"args\":[{\"property\":\"responsible_phone\"},\"13800000000\"]}", "personal data");
        assertBad("{\"op\":\"=\",\"args\":[" + LEVEL + ",\"high\"]}", "cannot compare risk_level (a number) with text");
        assertBad("{\"op\":\"=\",\"args\":[" + LEVEL + "]}", "\"=\" takes 2 arguments, got 1");
        assertBad("{\"op\":\"xor\",\"args\":[true,false]}", "unknown operator \"xor\"");
        assertBad("{\"op\":\"=\",\"args\":[" + LEVEL, "not JSON");
        assertBad("{\"args\":[]}", "expected an expression");
        assertBad("{\"op\":\"in\",\"args\":[" + LEVEL + ",3]}", "non-empty array");
        assertBad("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"bbox\":[107,29,106,30]}]}", "minimum is greater");
        assertBad("{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":[[[106,29],[107,30],[106,30],[107,29],[106,29]]]}]}",
                "not a valid geometry");
    }

    private static void assertBad(String json, String expected) {
        TestHttp.Response r = get("hazards", json);
        assertEquals(400, r.status(), json + " → " + r.body());
        assertEquals("invalid_parameter", r.json().get("error").asText());
        String detail = r.json().get("detail").asText();
        assertTrue(detail.startsWith("filter") && detail.contains(expected), json + " → " + detail);
    }
}
