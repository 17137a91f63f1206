package riskmap.dualcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static riskmap.dualcontrol.ZoneHazardLinkTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** {@code GET /api/dual-control/checks} lists exactly the inconsistencies the test builds, in the caller's region only. */
class DualControlChecksTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static final double DEG_PER_KM = 1000 / DualControlFixture.EAST_M_PER_DEG;
    private static Api api;
    private static String wanzhou;
    private static String admin;

    @BeforeAll
    static void build() throws Exception {
        DataSource ds = SERVER.ds();
        api = new Api(SERVER.port());
        wanzhou = Api.token(ds, "万州编辑", Role.EDITOR, "500101");
        admin = Api.token(ds, "管理员", Role.ADMIN, null);
        TestDatabase.emptyFeatureTables(ds);
        // 万州 (500101): zone A (people not surveyed) answers for an inside level-4 point and, by mistake, one 480 m east of it;
        // zone B (surveyed) answers for nothing; one level-4 and one level-3 point belong to no zone
        DualControlFixture.zone(ds, "RZA", "500101", 0, null);
        DualControlFixture.zone(ds, "RZB", "500101", 10 * DEG_PER_KM, 45);
        DualControlFixture.point(ds, "HP4IN", "500101", 4, 108.405, 30.805);
        DualControlFixture.point(ds, "HPFAR", "500101", 2, DualControlFixture.EAST + 0.48 * DEG_PER_KM, 30.805);
        DualControlFixture.point(ds, "HP4LOOSE", "500101", 4, 108.30, 30.70);
        DualControlFixture.point(ds, "HP3LOOSE", "500101", 3, 108.31, 30.70);
        link(ds, "RZA", "HP4IN");
        link(ds, "RZA", "HPFAR");
        // 涪陵 (500102): a zone with nothing surveyed or linked, and a level-4 point in no zone
        DualControlFixture.zone(ds, "RZF", "500102", 30 * DEG_PER_KM, null);
        DualControlFixture.point(ds, "HP4FL", "500102", 4, 108.80, 30.80);
    }

    private static void link(DataSource ds, String zone, String hazard) throws Exception {
        DualControlFixture.exec(ds, "INSERT INTO zone_hazard (zone_id, hazard_id, source, confirmed_by, confirmed_at) VALUES (?, ?, 'manual', 'test', now())",
                zone, hazard);
    }

    @Test
    void a_county_editor_sees_exactly_its_countys_inconsistencies() {
        JsonNode checks = ok(api.get("/api/dual-control/checks", wanzhou)).get("checks");
        assertEquals(List.of("HP4LOOSE"), ids(checks, "level4_without_zone"));
        assertEquals(List.of("RZB"), ids(checks, "zones_without_points"));
        assertEquals(List.of("RZA/HPFAR"), ids(checks, "links_far_apart"));
        assertEquals(480, checks.at("/links_far_apart/items/0/distance_m").asDouble(), 0.5);
        assertEquals(null, checks.at("/level4_without_zone/items/0").get("distance_m"), "only far links carry a distance");
        assertEquals(List.of("RZA"), ids(checks, "zones_without_threatened_people"));
        checks.forEach(c -> assertEquals(c.get("items").size(), c.get("count").asInt(), c.toString()));
    }

    @Test
    void the_whole_country_adds_the_other_county_and_counts_stay_exact_when_lists_are_cut() {
        JsonNode checks = ok(api.get("/api/dual-control/checks?limit=1", admin)).get("checks");
        assertEquals(2, checks.at("/level4_without_zone/count").asInt());
        assertEquals(List.of("HP4FL"), ids(checks, "level4_without_zone"));
        assertEquals(2, checks.at("/zones_without_points/count").asInt());
        assertEquals(2, checks.at("/zones_without_threatened_people/count").asInt());
        JsonNode fuling = ok(api.get("/api/dual-control/checks?region=500102", admin)).get("checks");
        assertEquals(List.of("HP4FL"), ids(fuling, "level4_without_zone"));
        assertEquals(List.of("RZF"), ids(fuling, "zones_without_points"));
        assertEquals(List.of(), ids(fuling, "links_far_apart"));
    }

    @Test
    void a_wider_distance_clears_the_far_link() {
        JsonNode checks = ok(api.get("/api/dual-control/checks?distance=500", wanzhou)).get("checks");
        assertEquals(List.of(), ids(checks, "links_far_apart"));
        assertEquals(0, checks.at("/links_far_apart/count").asInt());
    }

    @Test
    void another_region_no_token_and_bad_parameters_are_refused() {
        assertError(api.get("/api/dual-control/checks?region=500102", wanzhou), 403, "forbidden");
        assertError(api.get("/api/dual-control/checks?region=50", wanzhou), 403, "forbidden");
        assertError(api.get("/api/dual-control/checks", null), 401, "unauthorized");
        assertError(api.get("/api/dual-control/checks?region=5001x", admin), 400, "invalid_parameter");
        assertError(api.get("/api/dual-control/checks?limit=-1", admin), 400, "invalid_parameter");
        assertError(api.get("/api/dual-control/checks?distance=0", admin), 400, "invalid_parameter");
    }

    private static JsonNode ok(Api.Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> ids(JsonNode checks, String check) {
        List<String> out = new ArrayList<>();
        checks.get(check).get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
