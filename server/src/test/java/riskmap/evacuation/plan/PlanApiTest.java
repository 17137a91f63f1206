package riskmap.evacuation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;
import riskmap.evacuation.household.HouseholdFixture;

/** {@code /api/evacuation/plans}: CRUD, scope, validation, and allocation that never overfills a shelter. */
class PlanApiTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String admin;
    private static String editor500101;
    private static String editor500102;
    private final List<String> households = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        admin = Api.token(ds, "管理员", Role.ADMIN, null);
        editor500101 = Api.token(ds, "万州区编辑", Role.EDITOR, "500101");
        editor500102 = Api.token(ds, "涪陵区编辑", Role.EDITOR, "500102");
    }

    @BeforeEach
    void load() throws Exception {
        HouseholdFixture.reset(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // 9 + 7 = 16 places for 3+4+5+2+6 = 20 people
            st.execute("INSERT INTO shelter (id, name, capacity, admin_code, geom) VALUES ('SA', '关龙村小学', 9, '500101105201', ST_SetSRID(ST_MakePoint(108.41, 30.80), 4326)),"
                    + " ('SB', '关龙村委会', 7, '500101105201', ST_SetSRID(ST_MakePoint(108.39, 30.81), 4326))");
        }
        int[] members = {3, 4, 5, 2, 6};
        for (int i = 0; i < members.length; i++) {
            String body = "{\"head_name\":\"户" + i + "\",\"members\":" + members[i] + ",\"admin_code\":\"500101105201\",\"lon\":" + (108.400 + i * 0.001) + ",\"lat\":30.805}";
            households.add(api.json("POST", "/api/households", admin, body).json().get("id").asText());
        }
    }

    private String plan(String adminCode) {
        StringBuilder hh = new StringBuilder();
        for (String h : households) hh.append(hh.isEmpty() ? "" : ",").append("{\"household_id\":\"").append(h).append("\"}");
        return "{\"name\":\"关龙村转移预案\",\"admin_code\":\"" + adminCode + "\",\"prepare_level\":3,\"evacuate_level\":4,\"signal\":\"鸣锣\",\"households\":[" + hh + "]}";
    }

    @Test
    void allocation_never_exceeds_a_shelters_capacity_and_reports_the_people_it_placed() {
        Api.Response created = api.json("POST", "/api/evacuation/plans", editor500101, plan("500101105201"));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals(5, created.json().get("households").size());
        Api.Response r = api.send("POST", "/api/evacuation/plans/" + id + "/allocate", editor500101, new byte[0]);
        assertEquals(200, r.status(), r.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM (SELECT s.id FROM plan_household ph JOIN household h ON h.id = ph.household_id"
                + " JOIN shelter s ON s.id = ph.shelter_id GROUP BY s.id, s.capacity HAVING sum(h.members) > s.capacity) over"));
        long placed = TestDatabase.count(ds, "SELECT coalesce(sum(h.members), 0) FROM plan_household ph JOIN household h ON h.id = ph.household_id WHERE ph.shelter_id IS NOT NULL");
        assertEquals(placed, r.json().get("placed_people").asLong());
        assertEquals(20 - placed, r.json().get("unplaced_people").asLong());
        assertTrue(placed >= 9 && placed <= 16, "at least the larger shelter fills: " + placed);
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM plan_household ph JOIN household h ON h.id = ph.household_id JOIN shelter s ON s.id = ph.shelter_id"
                + " WHERE ph.route IS NULL OR abs(ph.distance_m - ST_Distance(h.geom::geography, s.geom::geography)) > 1"
                + " OR NOT ST_Equals(ST_StartPoint(ph.route), h.geom) OR NOT ST_Equals(ST_EndPoint(ph.route), s.geom)"));
        JsonNode read = api.get("/api/evacuation/plans/" + id, null).json();
        assertEquals("鸣锣", read.get("signal").asText());
    }

    @Test
    void another_countys_editor_gets_403_and_bad_plans_400_with_nothing_written() {
        assertEquals(403, api.json("POST", "/api/evacuation/plans", editor500102, plan("500101105201")).status());
        String id = api.json("POST", "/api/evacuation/plans", admin, plan("500101105201")).json().get("id").asText();
        assertEquals(403, api.json("PUT", "/api/evacuation/plans/" + id, editor500102, plan("500102001001")).status());
        assertEquals(403, api.send("POST", "/api/evacuation/plans/" + id + "/allocate", editor500102, new byte[0]).status());
        assertEquals(403, api.send("DELETE", "/api/evacuation/plans/" + id, editor500102, null).status());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM plan_household WHERE shelter_id IS NOT NULL"));

        Api.Response levels = api.json("POST", "/api/evacuation/plans", admin, plan("500101105201").replace("\"prepare_level\":3", "\"prepare_level\":5"));
        assertEquals(400, levels.status());
        assertTrue(levels.json().get("detail").asText().startsWith("prepare_level:"), levels.body());
        Api.Response unknown = api.json("POST", "/api/evacuation/plans", admin, plan("500101105201").replace("\"signal\"", "\"hazard_ids\":[\"HP404\"],\"signal\""));
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.json().get("detail").asText().contains("HP404"), unknown.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM evacuation_plan"));
        assertEquals(5, TestDatabase.count(ds, "SELECT count(*) FROM plan_household"));

        assertEquals(204, api.send("DELETE", "/api/evacuation/plans/" + id, editor500101, null).status());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM plan_household"));
    }
}
