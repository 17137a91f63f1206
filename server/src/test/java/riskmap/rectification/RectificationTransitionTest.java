package riskmap.rectification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestClock;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** The rectification state machine through HTTP on a real server over PostGIS, with a clock the test moves. */
class RectificationTransitionTest {
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database, Map.of(), CLOCK);
    private static final List<String> ACTIONS = List.of("order", "start", "request_extension", "grant_extension", "refuse_extension", "submit",
            "county_accept", "reject", "rework", "city_accept", "close");
    /**
     * Written out by hand from issue 11, not read from Transition: state → (allowed action → state
     * after it); "+pending" is the state with an extension request waiting for the county.
     */
    private static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();
    /** A path of allowed actions from a new report to each state. */
    private static final Map<String, List<String>> PATH = new LinkedHashMap<>();

    static {
        EXPECTED.put("reported", Map.of("order", "ordered"));
        EXPECTED.put("ordered", Map.of("start", "rectifying", "request_extension", "ordered"));
        EXPECTED.put("ordered+pending", Map.of("start", "rectifying", "grant_extension", "ordered", "refuse_extension", "ordered"));
        EXPECTED.put("rectifying", Map.of("request_extension", "rectifying", "submit", "submitted"));
        EXPECTED.put("rectifying+pending", Map.of("grant_extension", "rectifying", "refuse_extension", "rectifying", "submit", "submitted"));
        EXPECTED.put("submitted", Map.of("county_accept", "county_accepted", "reject", "rejected"));
        EXPECTED.put("county_accepted", Map.of("city_accept", "accepted", "reject", "rejected"));
        EXPECTED.put("rejected", Map.of("rework", "rectifying"));
        EXPECTED.put("accepted", Map.of("close", "closed"));
        EXPECTED.put("closed", Map.of());
        PATH.put("reported", List.of());
        PATH.put("ordered", List.of("order"));
        PATH.put("ordered+pending", List.of("order", "request_extension"));
        PATH.put("rectifying", List.of("order", "start"));
        PATH.put("rectifying+pending", List.of("order", "start", "request_extension"));
        PATH.put("submitted", List.of("order", "start", "submit"));
        PATH.put("county_accepted", List.of("order", "start", "submit", "county_accept"));
        PATH.put("rejected", List.of("order", "start", "submit", "reject"));
        PATH.put("accepted", List.of("order", "start", "submit", "county_accept", "city_accept"));
        PATH.put("closed", List.of("order", "start", "submit", "county_accept", "city_accept", "close"));
    }

    private static final AtomicInteger POINTS = new AtomicInteger();
    private static DataSource ds;
    private static Api api;
    private static String editor;
    private static String reviewer;
    private static String countyReviewer;
    private static String otherCountyReviewer;
    private static String cityReviewer;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        editor = Api.token(ds, "县编辑", Role.EDITOR, "500101");
        reviewer = Api.token(ds, "审核员", Role.ADMIN, null);
        // the presets an administrator gives with `riskmap token create --role county_reviewer|city_reviewer --region …`
        countyReviewer = Api.token(ds, "县级审核员", Role.COUNTY_REVIEWER, "500101");
        otherCountyReviewer = Api.token(ds, "邻县审核员", Role.COUNTY_REVIEWER, "500102");
        cityReviewer = Api.token(ds, "市级审核员", Role.CITY_REVIEWER, "5001");
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO person (id, name, tier, admin_code) VALUES ('PSRC01', '包保责任人', 'county', '500101')")) {
            ps.executeUpdate();
        }
    }

    /** A new point in county 500101 (status active). */
    private static String point() throws Exception {
        String id = "HPRC" + POINTS.incrementAndGet();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                + " VALUES (?, 'landslide', '整改测试点', 3, '500101', ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326))")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return id;
    }

    private static String report(String point) {
        Api.Response r = api.json("POST", "/api/hazards/" + point + "/rectifications", editor, "");
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asText();
    }

    private static String body(String action) {
        Instant now = CLOCK.instant();
        return switch (action) {
            case "order" -> "{\"action\":\"order\",\"deadline\":\"" + now.plus(Duration.ofDays(3)) + "\",\"responsible_person_id\":\"PSRC01\"}";
            case "request_extension" -> "{\"action\":\"request_extension\",\"deadline\":\"" + now.plus(Duration.ofDays(30)) + "\",\"reason\":\"连续降雨无法施工\"}";
            case "county_accept", "city_accept", "reject", "refuse_extension" -> "{\"action\":\"" + action + "\",\"opinion\":\"现场核查意见\"}";
            default -> "{\"action\":\"" + action + "\"}";
        };
    }

    private static String tokenFor(String action) {
        return List.of("county_accept", "city_accept", "reject", "close", "grant_extension", "refuse_extension").contains(action) ? reviewer : editor;
    }

    private static Api.Response step(String rc, String action) {
        return as(tokenFor(action), rc, action);
    }

    /** A new rectification brought to {@code state} by its path of allowed actions. */
    private static String in(String state) throws Exception {
        String rc = report(point());
        for (String a : PATH.get(state)) assertEquals(200, step(rc, a).status(), "path to " + state + " at " + a);
        JsonNode r = api.get("/api/rectifications/" + rc, null).json();
        assertEquals(state.replace("+pending", ""), r.get("state").asText());
        assertEquals(state.endsWith("+pending"), !r.get("extension_request").isNull(), state);
        return rc;
    }

    private static String pointStatus(String rc) {
        String hazard = api.get("/api/rectifications/" + rc, null).json().get("hazard_id").asText();
        return TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = '" + hazard + "' AND status = 'rectifying'") == 1 ? "rectifying"
                : TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = '" + hazard + "' AND status = 'rectified'") == 1 ? "rectified"
                : TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = '" + hazard + "' AND status = 'closed'") == 1 ? "closed" : "other";
    }

    @Test
    void every_state_allows_exactly_the_expected_actions_and_refuses_the_rest_with_409_listing_the_allowed() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String state : EXPECTED.keySet()) {
            Map<String, String> allowed = EXPECTED.get(state);
            String rc = in(state);
            for (String action : ACTIONS) {
                if (allowed.containsKey(action)) continue;
                Api.Response r = step(rc, action);
                if (r.status() != 409) {
                    failures.add(state + " × " + action + ": expected 409, got " + r.status() + " " + r.body());
                    continue;
                }
                assertEquals("illegal_transition", r.json().get("error").asText());
                List<String> listed = new ArrayList<>();
                r.json().get("allowed").forEach(n -> listed.add(n.asText()));
                if (!new java.util.HashSet<>(listed).equals(allowed.keySet())) failures.add(state + " × " + action + ": allowed listed " + listed);
            }
            JsonNode after = api.get("/api/rectifications/" + rc, null).json();
            assertEquals(state.replace("+pending", ""), after.get("state").asText(), "refused steps change nothing");
            assertEquals(PATH.get(state).size() + 1, after.get("steps").size(), "refused steps record nothing");
            for (Map.Entry<String, String> e : allowed.entrySet()) {
                String fresh = in(state);
                Api.Response r = step(fresh, e.getKey());
                if (r.status() != 200) {
                    failures.add(state + " × " + e.getKey() + ": expected 200, got " + r.status() + " " + r.body());
                } else if (!r.json().get("state").asText().equals(e.getValue())) {
                    failures.add(state + " × " + e.getKey() + ": expected " + e.getValue() + ", got " + r.json().get("state").asText());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void a_city_reviewer_can_neither_accept_nor_write_off_what_the_county_has_not_accepted() throws Exception {
        String rc = in("submitted");
        for (String action : List.of("city_accept", "close")) {
            Api.Response r = as(cityReviewer, rc, action);
            assertEquals(409, r.status(), action + ": " + r.body());
            assertEquals("[\"county_accept\",\"reject\"]", r.json().get("allowed").toString());
        }
        assertEquals(403, as(cityReviewer, rc, "county_accept").status(), "the county's acceptance is not the city's to give");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM rectification_step WHERE rectification_id = '" + rc + "' AND seq > 4"));
    }

    @Test
    void a_county_reviewer_accepts_at_county_level_and_the_city_reviewer_writes_off() throws Exception {
        String rc = in("submitted");
        assertEquals(403, as(otherCountyReviewer, rc, "county_accept").status(), "another county's reviewer");
        assertEquals(200, as(countyReviewer, rc, "county_accept").status());
        assertEquals(403, as(countyReviewer, rc, "city_accept").status(), "the city's acceptance");
        assertEquals(403, as(countyReviewer, rc, "reject").status(), "rejecting what the county accepted is the city's");
        assertEquals(200, as(cityReviewer, rc, "city_accept").status());
        Api.Response writeOff = as(countyReviewer, rc, "close");
        assertEquals(403, writeOff.status(), writeOff.body());
        assertTrue(writeOff.json().get("detail").asText().contains("review_city"), writeOff.body());
        assertEquals("accepted", api.get("/api/rectifications/" + rc, null).json().get("state").asText());
        assertEquals(200, as(cityReviewer, rc, "close").status());
        assertEquals(List.of("县级审核员", "市级审核员", "市级审核员"), TestDatabase.ids(ds,
                "SELECT actor FROM rectification_step WHERE rectification_id = '" + rc + "' AND seq > 4 ORDER BY seq"));
    }

    private static Api.Response as(String token, String rc, String action) {
        return api.json("POST", "/api/rectifications/" + rc + "/transitions", token, body(action), "Content-Type", "application/json");
    }

    @Test
    void overdue_turns_true_once_the_clock_passes_the_deadline() throws Exception {
        String rc = in("rectifying"); // ordered with a deadline 3 days from now
        assertFalse(api.get("/api/rectifications/" + rc, null).json().get("overdue").asBoolean());
        CLOCK.advance(Duration.ofDays(2));
        assertFalse(api.get("/api/rectifications/" + rc, null).json().get("overdue").asBoolean(), "one day left");
        CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        assertTrue(api.get("/api/rectifications/" + rc, null).json().get("overdue").asBoolean(), "a second past the deadline");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'rectification' AND column_name = 'overdue'"),
                "overdue is computed, never stored");
    }

    @Test
    void the_point_status_follows_its_rectification() throws Exception {
        String rc = report(point());
        assertEquals("rectifying", pointStatus(rc));
        for (String a : List.of("order", "start", "submit", "county_accept")) step(rc, a);
        assertEquals("rectifying", pointStatus(rc));
        step(rc, "city_accept");
        assertEquals("rectified", pointStatus(rc));
        step(rc, "close");
        assertEquals("closed", pointStatus(rc));
    }

    @Test
    void bad_bodies_get_400_and_review_without_the_review_action_403_writing_nothing() throws Exception {
        String rc = in("reported");
        String path = "/api/rectifications/" + rc + "/transitions";
        assertEquals(400, api.json("POST", path, editor, "{\"action\":\"order\"}").status(), "order without deadline");
        assertEquals(400, api.json("POST", path, editor, "{\"action\":\"order\",\"deadline\":\"2030-01-01T00:00:00Z\"}").status(), "order without person");
        assertEquals(400, api.json("POST", path, editor, "{\"action\":\"order\",\"deadline\":\"2020-01-01T00:00:00Z\",\"responsible_person_id\":\"PSRC01\"}").status(), "past deadline");
        assertEquals(400, api.json("POST", path, editor, "{\"action\":\"order\",\"deadline\":\"2030-01-01T00:00:00Z\",\"responsible_person_id\":\"NOPE\"}").status(), "unknown person");
        assertEquals(400, api.json("POST", path, editor, "{\"action\":\"fly\"}").status(), "unknown action");
        assertEquals(400, api.json("POST", path, editor, "not json").status());
        String sub = in("submitted");
        assertEquals(403, api.json("POST", "/api/rectifications/" + sub + "/transitions", editor, body("county_accept")).status(), "edit is not review");
        String ord = in("ordered");
        Api.Response earlier = api.json("POST", "/api/rectifications/" + ord + "/transitions", editor,
                "{\"action\":\"request_extension\",\"deadline\":\"" + CLOCK.instant().plus(Duration.ofDays(1)) + "\",\"reason\":\"下雨\"}");
        assertEquals(400, earlier.status(), "an extension must move the deadline later: " + earlier.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM rectification_step WHERE rectification_id = '" + rc + "'"));
        assertEquals(4, TestDatabase.count(ds, "SELECT count(*) FROM rectification_step WHERE rectification_id = '" + sub + "'"));
    }
}
