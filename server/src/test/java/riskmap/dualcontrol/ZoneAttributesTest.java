package riskmap.dualcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static riskmap.dualcontrol.ZoneHazardLinkTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** The zone attributes of the dual-control sources go through the ordinary edit path: validated, in OGC items and in the history. */
class ZoneAttributesTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static final String ZONE = "{\"type\":\"Feature\",\"id\":\"RZ-ATTR\",\"properties\":{\"name\":\"枫木村滑坡风险区\",\"category\":\"landslide\","
            + "\"risk_level\":4,\"admin_code\":\"500101\",\"village\":\"枫木村\",\"village_code\":\"500101112203\",\"threatened_households\":23,"
            + "\"threatened_people\":81,\"manager_person_id\":\"PSMGR\",\"patroller_person_id\":\"PSPAT\",\"warning_signal\":\"鸣锣\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.40,30.80],[108.41,30.80],[108.41,30.81],[108.40,30.81],[108.40,30.80]]]}}";
    private static DataSource ds;
    private static Api api;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        editor = Api.token(ds, "万州编辑", Role.EDITOR, "500101");
        TestDatabase.emptyFeatureTables(ds);
        DualControlFixture.exec(ds, "INSERT INTO person (id, name, tier, admin_code) VALUES ('PSMGR', '风险区管理员', 'village', '500101112203'),"
                + " ('PSPAT', '巡查员', 'village', '500101112203')");
        assertEquals(201, api.json("POST", "/api/risk_zones", editor, ZONE).status());
    }

    @Test
    void the_attributes_are_stored_and_read_back_in_ogc_items() {
        JsonNode p = api.get("/ogc/collections/risk_zones/items/RZ-ATTR", null).json().get("properties");
        assertEquals("枫木村", p.get("village").asText());
        assertEquals("500101112203", p.get("village_code").asText());
        assertEquals(23, p.get("threatened_households").asInt());
        assertEquals(81, p.get("threatened_people").asInt());
        assertEquals("PSMGR", p.get("manager_person_id").asText());
        assertEquals("PSPAT", p.get("patroller_person_id").asText());
        assertEquals("鸣锣", p.get("warning_signal").asText());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM risk_zone WHERE id = 'RZ-ATTR' AND threatened_households = 23"
                + " AND manager_person_id = 'PSMGR' AND warning_signal = '鸣锣'"));
    }

    @Test
    void a_patch_is_in_the_history_and_bad_values_are_refused_writing_nothing() {
        assertEquals(201, api.json("POST", "/api/risk_zones", editor, ZONE.replace("RZ-ATTR", "RZ-ATTR2")).status());
        Api.Response ok = api.json("PATCH", "/api/risk_zones/RZ-ATTR2", editor, "{\"type\":\"Feature\",\"properties\":{\"warning_signal\":\"广播\"}}",
                "If-Match", "\"1\"");
        assertEquals(200, ok.status(), ok.body());
        JsonNode changes = api.get("/api/risk_zones/RZ-ATTR2/history", editor).json().get("changes");
        JsonNode last = changes.get(changes.size() - 1);
        assertEquals("鸣锣", last.at("/old/properties/warning_signal").asText());
        assertEquals("广播", last.at("/new/properties/warning_signal").asText());

        String etag = ok.header("ETag");
        Api.Response negative = assertError(api.json("PATCH", "/api/risk_zones/RZ-ATTR2", editor,
                "{\"type\":\"Feature\",\"properties\":{\"threatened_people\":-3}}", "If-Match", etag), 400, "invalid_feature");
        assertTrue(negative.json().get("detail").asText().contains("threatened_people"), negative.body());
        Api.Response nobody = assertError(api.json("PATCH", "/api/risk_zones/RZ-ATTR2", editor,
                "{\"type\":\"Feature\",\"properties\":{\"patroller_person_id\":\"PSNONE\"}}", "If-Match", etag), 400, "invalid_feature");
        assertTrue(nobody.json().get("detail").asText().contains("patroller_person_id 'PSNONE'"), nobody.body());
        assertEquals(changes.size(), TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE feature_id = 'RZ-ATTR2'"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM risk_zone WHERE id = 'RZ-ATTR2' AND threatened_people = 81 AND patroller_person_id = 'PSPAT'"));
    }
}
