package riskmap.dualcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static riskmap.dualcontrol.DualControlFixture.EAST;
import static riskmap.dualcontrol.DualControlFixture.NORTH;
import static riskmap.dualcontrol.DualControlFixture.SOUTH;
import static riskmap.dualcontrol.DualControlFixture.WEST;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.locationtech.jts.geom.Coordinate;
import riskmap.ServerExtension;
import riskmap.TestClock;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** Zone–point links through HTTP on a real server over PostGIS: suggestions, confirmation, unlinking, refusals. */
class ZoneHazardLinkTest {
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database, Map.of(), new TestClock(NOW));
    private static final String ZONE = "RZDC01";
    private static DataSource ds;
    private static Api api;
    private static String editor;
    private static String otherEditor;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        editor = Api.token(ds, "万州编辑", Role.EDITOR, "500101");
        otherEditor = Api.token(ds, "涪陵编辑", Role.EDITOR, "500102");
        viewer = Api.token(ds, "万州查看", Role.VIEWER, "500101");
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        DualControlFixture.zone(ds, ZONE, "500101", 0, 120);
    }

    @Test
    void suggestions_are_the_unlinked_points_inside_or_within_200_m_nearest_first() throws Exception {
        // 60 points scattered over the zone and 600 m around it; expected from the test's own geodesy
        Random random = new Random(11);
        Map<String, Double> expected = new LinkedHashMap<>();
        Map<String, Boolean> inside = new LinkedHashMap<>();
        double marginLon = 600 / DualControlFixture.EAST_M_PER_DEG, marginLat = 600 / DualControlFixture.NORTH_M_PER_DEG;
        int placed = 0;
        while (placed < 60) {
            double lon = WEST - marginLon + random.nextDouble() * (EAST - WEST + 2 * marginLon);
            double lat = SOUTH - marginLat + random.nextDouble() * (NORTH - SOUTH + 2 * marginLat);
            double metres = DualControlFixture.metresFromSquare(lon, lat);
            if (Math.abs(metres - 200) < 2) continue; // too close to the threshold for the approximation to decide
            String id = "HPS" + placed++;
            DualControlFixture.point(ds, id, "500101", 1 + random.nextInt(4), lon, lat);
            if (metres <= 200) {
                expected.put(id, metres);
                inside.put(id, DualControlFixture.square().covers(DualControlFixture.GEOMETRY.createPoint(new Coordinate(lon, lat))));
            }
        }
        assertTrue(expected.size() >= 10 && expected.size() < 60, "the scatter must put points on both sides: " + expected.size());
        // nearest first; the points inside are all 0 m away, and the server orders those by id
        List<String> expectedOrder = new ArrayList<>(expected.keySet());
        expectedOrder.sort(Comparator.<String, Double>comparing(expected::get).thenComparing(Comparator.naturalOrder()));

        Api.Response r = api.get("/api/risk_zones/" + ZONE + "/hazard-suggestions", null);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(200.0, body.get("distance_m").asDouble());
        List<String> ids = new ArrayList<>();
        for (JsonNode h : body.get("hazards")) {
            String id = h.get("id").asText();
            ids.add(id);
            assertEquals(expected.get(id), h.get("distance_m").asDouble(), 0.5, id);
            assertEquals(inside.get(id), h.get("inside").asBoolean(), id);
        }
        assertEquals(expected.size(), body.get("numberReturned").asInt());
        assertEquals(expectedOrder, ids);

        // a narrower distance keeps only the nearer ones
        Api.Response narrow = api.get("/api/risk_zones/" + ZONE + "/hazard-suggestions?distance=50", null);
        long within50 = expected.values().stream().filter(m -> m <= 49.5).count();
        long upTo50 = expected.values().stream().filter(m -> m <= 50.5).count();
        int got = narrow.json().get("numberReturned").asInt();
        assertTrue(got >= within50 && got <= upTo50, got + " not in [" + within50 + ", " + upTo50 + "]");
    }

    @Test
    void confirming_a_suggestion_links_it_once_and_writes_the_history() throws Exception {
        DualControlFixture.point(ds, "HPIN", "500101", 4, 108.405, 30.805);
        double farLon = EAST + 480 / DualControlFixture.EAST_M_PER_DEG;
        DualControlFixture.point(ds, "HPFAR", "500101", 3, farLon, 30.805);

        Api.Response made = api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPIN", editor, null);
        assertEquals(201, made.status(), made.body());
        assertEquals("suggested", made.json().get("source").asText());
        assertEquals("万州编辑", made.json().get("confirmed_by").asText());
        assertEquals(NOW.toString(), made.json().get("confirmed_at").asText());
        Api.Response again = api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPIN", editor, null);
        assertEquals(200, again.status(), again.body());

        Api.Response manual = api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPFAR", editor, null);
        assertEquals(201, manual.status(), manual.body());
        assertEquals("manual", manual.json().get("source").asText(), "480 m away: beyond the suggestion distance");
        assertEquals(480, manual.json().get("distance_m").asDouble(), 0.5);

        JsonNode linked = api.get("/api/risk_zones/" + ZONE + "/hazards", null).json();
        assertEquals(List.of("HPFAR", "HPIN"), ids(linked));
        assertEquals(List.of(), ids(api.get("/api/risk_zones/" + ZONE + "/hazard-suggestions", null).json()), "linked points are no longer suggested");
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM zone_hazard"));
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE collection = 'zone_hazards' AND feature_id = '" + ZONE
                + "' AND action = 'create' AND actor = '万州编辑'"), "one history row per link made, none for the repeat");

        assertEquals(204, api.send("DELETE", "/api/risk_zones/" + ZONE + "/hazards/HPFAR", editor, null).status());
        assertEquals(404, api.send("DELETE", "/api/risk_zones/" + ZONE + "/hazards/HPFAR", editor, null).status());
        assertEquals(List.of("HPIN"), ids(api.get("/api/risk_zones/" + ZONE + "/hazards", null).json()));

        Api.Response history = api.get("/api/risk_zones/" + ZONE + "/hazards/history", viewer);
        assertEquals(200, history.status(), history.body());
        List<String> actions = new ArrayList<>();
        history.json().get("changes").forEach(c -> actions.add(c.get("action").asText() + " " + (c.get("new").isNull() ? c.get("old") : c.get("new")).get("hazard_id").asText()));
        assertEquals(List.of("create HPIN", "create HPFAR", "delete HPFAR"), actions);
    }

    @Test
    void another_countys_editor_is_refused_and_nothing_is_written() throws Exception {
        DualControlFixture.point(ds, "HPIN", "500101", 4, 108.405, 30.805);
        DualControlFixture.point(ds, "HPFL", "500102", 4, 108.406, 30.805);

        assertError(api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPIN", otherEditor, null), 403, "forbidden");
        assertError(api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPFL", editor, null), 403, "forbidden"); // the point is 涪陵's
        assertError(api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPIN", viewer, null), 403, "forbidden");
        assertError(api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPIN", null, null), 401, "unauthorized");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM zone_hazard"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));

        assertEquals(201, api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPIN", editor, null).status());
        assertError(api.send("DELETE", "/api/risk_zones/" + ZONE + "/hazards/HPIN", otherEditor, null), 403, "forbidden");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM zone_hazard"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
    }

    @Test
    void unknown_ids_are_404_and_bad_parameters_400() throws Exception {
        DualControlFixture.point(ds, "HPIN", "500101", 4, 108.405, 30.805);
        assertError(api.send("PUT", "/api/risk_zones/RZNONE/hazards/HPIN", editor, null), 404, "not_found");
        assertError(api.send("PUT", "/api/risk_zones/" + ZONE + "/hazards/HPNONE", editor, null), 404, "not_found");
        assertError(api.get("/api/risk_zones/RZNONE/hazards", null), 404, "not_found");
        assertError(api.get("/api/risk_zones/RZNONE/hazard-suggestions", null), 404, "not_found");
        for (String q : List.of("distance=-5", "distance=abc", "distance=20000", "limit=0", "distance=1&distance=2")) {
            Api.Response r = assertError(api.get("/api/risk_zones/" + ZONE + "/hazard-suggestions?" + q, null), 400, "invalid_parameter");
            assertTrue(r.json().get("detail").asText().contains(q.substring(0, q.indexOf('='))), r.body());
        }
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
    }

    static List<String> ids(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("hazards").forEach(h -> out.add(h.get("id").asText()));
        return out;
    }

    static Api.Response assertError(Api.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().get("error").asText(), r.body());
        assertFalse(r.json().get("detail").asText().isBlank(), r.body());
        return r;
    }
}
