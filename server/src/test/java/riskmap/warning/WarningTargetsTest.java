package riskmap.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;

/** Whom a warning calls: polygon, circle and region-code areas; preview equals issue; one target per person; phones by scope. */
class WarningTargetsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String wanzhou;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        wanzhou = WarningFixture.token(ds, "万州区预警员", "500101", Action.ISSUE_WARNING, Action.READ_PERSONAL);
    }

    @BeforeEach
    void reset() throws Exception {
        WarningFixture.load(ds);
    }

    @Test
    void a_polygon_calls_the_linked_people_and_the_village_township_and_county_of_the_hazards_inside() {
        List<WarningFixture.Hazard> inside = WarningFixture.insideBox(WarningFixture.BOX_A);
        assertEquals(3, inside.size(), "fixture: two points and the zone");
        Map<String, Set<String>> expected = WarningFixture.expectedTargets(inside, List.of());
        assertEquals(Set.of("PS900001", "PS900002", "PS900003"), expected.keySet());
        JsonNode preview = preview(WarningFixture.polygonArea(WarningFixture.BOX_A));
        assertEquals(expected, targets(preview.get("targets")));
        assertEquals(3, preview.get("hazards").get("count").asInt());
        assertEquals(1, preview.get("by_tier").get("village").asInt());
        assertEquals(1, preview.get("by_tier").get("township").asInt());
        assertEquals(1, preview.get("by_tier").get("county").asInt());
    }

    @Test
    void a_person_responsible_for_two_points_inside_is_one_target_with_both_hazards() {
        JsonNode preview = preview(WarningFixture.polygonArea(WarningFixture.BOX_A));
        List<JsonNode> rows = list(preview.get("targets")).stream().filter(t -> t.get("person_id").asText().equals("PS900001")).toList();
        assertEquals(1, rows.size());
        assertEquals(List.of("HP900001", "HP900002"), texts(rows.get(0).get("hazards")));
        assertEquals(List.of("duty", "responsible"), texts(rows.get(0).get("reasons")));
    }

    @Test
    void a_circle_is_a_geodesic_buffer() {
        WarningFixture.Hazard centre = WarningFixture.POINTS.get(2);
        JsonNode small = preview(WarningFixture.circleArea(centre.lon(), centre.lat(), 1000));
        assertEquals(List.of("HP900003"), list(small.get("hazards").get("items")).stream().map(h -> h.get("id").asText()).toList());
        JsonNode large = preview(WarningFixture.circleArea(centre.lon(), centre.lat(), 2000));
        List<WarningFixture.Hazard> inside = List.of(centre, WarningFixture.POINTS.get(4));
        assertEquals(WarningFixture.expectedTargets(inside, List.of()), targets(large.get("targets")));
    }

    @Test
    void region_codes_call_everyone_inside_them_and_the_county_above() {
        List<WarningFixture.Hazard> inside = new java.util.ArrayList<>(WarningFixture.POINTS.stream().filter(h -> h.adminCode().startsWith(WarningFixture.TOWNSHIP_A)).toList());
        inside.add(WarningFixture.ZONE);
        Map<String, Set<String>> expected = WarningFixture.expectedTargets(inside, List.of(WarningFixture.TOWNSHIP_A));
        assertEquals(Set.of("PS900001", "PS900002", "PS900003", "PS900007"), expected.keySet());
        assertEquals(expected, targets(preview(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A)).get("targets")));
    }

    @Test
    void issuing_stores_exactly_the_previewed_targets_and_the_preview_writes_nothing() {
        String body = WarningFixture.warning(WarningFixture.polygonArea(WarningFixture.BOX_A), 3);
        long history = TestDatabase.count(ds, "SELECT count(*) FROM change_history");
        JsonNode preview = api.json("POST", "/api/warnings/preview", wanzhou, body).json();
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning") + TestDatabase.count(ds, "SELECT count(*) FROM warning_target"));
        assertEquals(history, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        Api.Response created = api.json("POST", "/api/warnings", wanzhou, body);
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        Api.Response issued = api.json("POST", "/api/warnings/" + id + "/issue", wanzhou, "");
        assertEquals(200, issued.status(), issued.body());
        assertEquals(3, issued.json().get("targets").get("count").asInt());
        JsonNode stored = api.get("/api/warnings/" + id + "/targets", wanzhou).json();
        assertEquals(targets(preview.get("targets")), targets(stored.get("targets")));
        for (JsonNode t : stored.get("targets")) assertEquals("pending", t.get("state").asText());
        assertEquals(3, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + id + "'"));
    }

    @Test
    void phones_only_for_accounts_whose_scope_covers_the_person_and_never_anonymously() throws Exception {
        String id = issued(WarningFixture.codesArea(WarningFixture.COUNTY));
        String township = WarningFixture.token(ds, "余家镇值班", WarningFixture.TOWNSHIP_A, Action.READ_PERSONAL);
        for (JsonNode t : api.get("/api/warnings/" + id + "/targets", township).json().get("targets")) {
            assertEquals(t.get("admin_code").asText().startsWith(WarningFixture.TOWNSHIP_A), t.get("phone").isTextual(), t.toString());
        }
        for (JsonNode t : api.get("/api/warnings/" + id + "/targets", null).json().get("targets")) assertTrue(t.get("phone").isNull(), t.toString());
        for (JsonNode t : api.get("/api/warnings/" + id + "/targets", wanzhou).json().get("targets")) assertTrue(t.get("phone").isTextual(), t.toString());
        assertFalse(api.get("/api/warnings/" + id + "/board", null).body().contains("1380000"), "no phone on the anonymous board");
    }

    private static String issued(String area) {
        String id = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(area, 2)).json().get("id").asText();
        Api.Response r = api.json("POST", "/api/warnings/" + id + "/issue", wanzhou, "");
        assertEquals(200, r.status(), r.body());
        return id;
    }

    private static JsonNode preview(String area) {
        Api.Response r = api.json("POST", "/api/warnings/preview", wanzhou, WarningFixture.warning(area, 3));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static Map<String, Set<String>> targets(JsonNode list) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JsonNode t : list) out.put(t.get("person_id").asText(), new TreeSet<>(texts(t.get("hazards"))));
        return out;
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }
}
