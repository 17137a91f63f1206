package riskmap.evacuation.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** The 明白卡 of a household and of a plan: the Chinese fields from the database, escaped, and no phone for anonymous callers. */
class HouseholdCardTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String admin;
    private static String editor500101;
    private String household;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        admin = Api.token(ds, "管理员", Role.ADMIN, null);
        editor500101 = Api.token(ds, "万州区编辑", Role.EDITOR, "500101");
    }

    @BeforeEach
    void load() throws Exception {
        HouseholdFixture.reset(ds);
        assertEquals(201, api.json("POST", "/api/hazards", admin, Api.hazard("HP1", "500101105", 3, 108.40, 30.80)).status());
        String leader = api.json("POST", "/api/people", admin, "{\"name\":\"刘书记\",\"phone\":\"13900009999\",\"admin_code\":\"500101105201\"}").json().get("id").asText();
        household = api.json("POST", "/api/households", admin, HouseholdFixture.household("王<b>大山</b>", 5, 2, "500101105201", 108.401, 30.801))
                .json().get("id").asText();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO shelter (id, name, capacity, admin_code, address, geom) VALUES ('SH1', '关龙村小学', 100, '500101105201', '关龙村1组',"
                    + " ST_SetSRID(ST_MakePoint(108.41, 30.81), 4326))");
            st.execute("INSERT INTO evacuation_plan (id, admin_code, name, leader_person_id, signal) VALUES ('EP1', '500101105201', '关龙村转移预案', '"
                    + leader + "', '鸣锣三声')");
            st.execute("INSERT INTO plan_household (plan_id, household_id, shelter_id, distance_m) VALUES ('EP1', '" + household + "', 'SH1', 1234)");
        }
    }

    @Test
    void the_card_holds_the_chinese_fields_escaped_and_the_leaders_phone_only_for_an_authorised_caller() {
        Api.Response r = api.get("/api/households/" + household + "/card", null);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
        String html = r.body();
        for (String expected : new String[] {"明白卡", "户主", "王&lt;b&gt;大山&lt;/b&gt;", "5 人", "老弱病残", "2 人（老人一名）", "测试滑坡 HP1（3级）",
                "预警信号", "鸣锣三声", "转移路线", "约 1.2 公里", "避险场所", "关龙村小学（关龙村1组）", "转移负责人", "刘书记", "page-break"}) {
            assertTrue(html.contains(expected), expected + " missing in " + html);
        }
        assertFalse(html.contains("<b>大山"), "values are escaped");
        assertFalse(html.contains("13900009999"), "no leader phone for anonymous callers");
        assertFalse(html.contains("13800001111"), "no household phone on the card");
        assertTrue(api.get("/api/households/" + household + "/card", editor500101).body().contains("13900009999"), "the county's editor sees it");
        String en = api.get("/api/households/" + household + "/card?lang=en", null).body();
        assertTrue(en.contains("about 1.2 km") && en.contains("Transfer leader"), en);
        assertEquals(404, api.get("/api/households/HH404/card", null).status());
    }

    @Test
    void the_plan_prints_one_card_per_household() throws Exception {
        String second = api.json("POST", "/api/households", admin, HouseholdFixture.household("李小花", 3, 0, "500101105201", 108.402, 30.802)).json().get("id").asText();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO plan_household (plan_id, household_id) VALUES ('EP1', '" + second + "')");
        }
        String html = api.get("/api/evacuation/plans/EP1/cards", null).body();
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM plan_household WHERE plan_id = 'EP1'"), html.split("<section class=\"card\"", -1).length - 1);
        assertTrue(html.contains("李小花") && html.contains("关龙村转移预案"), html);
        assertEquals(404, api.get("/api/evacuation/plans/EP404/cards", null).status());
    }
}
