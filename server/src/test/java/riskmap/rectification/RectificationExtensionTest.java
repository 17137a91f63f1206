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

/**
 * Extensions requested by the responsible side and granted or refused by the county, through HTTP
 * on a real server over PostGIS, with a clock the test moves. Expected deadlines and rows are read
 * with SQL on the test's own connection.
 */
class RectificationExtensionTest {
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database, Map.of(), CLOCK);
    private static final AtomicInteger POINTS = new AtomicInteger();
    private static DataSource ds;
    private static Api api;
    private static String editor;
    private static String otherCountyEditor;
    private static String countyReviewer;
    private static String otherCountyReviewer;
    private static String cityReviewer;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        editor = Api.token(ds, "包保责任人账号", Role.EDITOR, "500101");
        otherCountyEditor = Api.token(ds, "邻县编辑", Role.EDITOR, "500102");
        countyReviewer = Api.token(ds, "万州县级审核员", Role.COUNTY_REVIEWER, "500101");
        otherCountyReviewer = Api.token(ds, "邻县审核员", Role.COUNTY_REVIEWER, "500102");
        cityReviewer = Api.token(ds, "市级审核员", Role.CITY_REVIEWER, "5001");
        admin = Api.token(ds, "看板", Role.ADMIN, null); // the whole country's dashboard needs no region table
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO person (id, name, tier, admin_code) VALUES ('PSEX01', '包保责任人', 'county', '500101')")) {
            ps.executeUpdate();
        }
    }

    /** A new point in county 500101 with a rectification ordered (deadline 3 days from now) and, when {@code started}, being worked on. */
    private static String rectification(boolean started) throws Exception {
        String point = "HPEX" + POINTS.incrementAndGet();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                + " VALUES (?, 'landslide', '延期测试点', 3, '500101', ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326))")) {
            ps.setString(1, point);
            ps.executeUpdate();
        }
        Api.Response r = api.json("POST", "/api/hazards/" + point + "/rectifications", editor, "");
        assertEquals(201, r.status(), r.body());
        String rc = r.json().get("id").asText();
        ok(step(editor, rc, "{\"action\":\"order\",\"deadline\":\"" + CLOCK.instant().plus(Duration.ofDays(3)) + "\",\"responsible_person_id\":\"PSEX01\"}"));
        if (started) ok(step(editor, rc, "{\"action\":\"start\"}"));
        return rc;
    }

    private static Api.Response step(String token, String rc, String body) {
        return api.json("POST", "/api/rectifications/" + rc + "/transitions", token, body, "Content-Type", "application/json");
    }

    private static JsonNode ok(Api.Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** A request for a deadline {@code days} from now. */
    private static String request(int days) {
        return "{\"action\":\"request_extension\",\"deadline\":\"" + CLOCK.instant().plus(Duration.ofDays(days)) + "\",\"reason\":\"连续降雨，挖机无法进场\"}";
    }

    private static final String GRANT = "{\"action\":\"grant_extension\",\"opinion\":\"同意延期\"}";
    private static final String REFUSE = "{\"action\":\"refuse_extension\",\"opinion\":\"降雨已停，应按期完成\"}";

    private static JsonNode get(String rc) {
        return ok(api.get("/api/rectifications/" + rc, null));
    }

    /** The stored deadline, in SQL's own words (epoch seconds), for comparing with what the test sent. */
    private static long storedDeadline(String rc) {
        return TestDatabase.count(ds, "SELECT extract(epoch FROM deadline)::bigint FROM rectification WHERE id = '" + rc + "'");
    }

    /** Steps and the stored request, which a refused call must leave as they were. */
    private static List<String> written(String rc) {
        return TestDatabase.row(ds, "SELECT (SELECT count(*) FROM rectification_step WHERE rectification_id = r.id),"
                + " (SELECT count(*) FROM change_history WHERE action = 'rectify'), r.deadline, r.extension_deadline, r.extension_reason"
                + " FROM rectification r WHERE r.id = ?", rc);
    }

    private static List<String> allowed(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.get("allowed").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void a_request_waits_for_the_county_and_a_grant_moves_the_deadline_to_the_requested_one() throws Exception {
        String rc = rectification(true);
        long before = storedDeadline(rc);
        Instant asked = CLOCK.instant().plus(Duration.ofDays(10));
        JsonNode pending = ok(step(editor, rc, request(10)));
        assertEquals("rectifying", pending.get("state").asText());
        assertEquals(asked.toString(), pending.at("/extension_request/deadline").asText());
        assertEquals("连续降雨，挖机无法进场", pending.at("/extension_request/reason").asText());
        assertEquals("包保责任人账号", pending.at("/extension_request/requested_by").asText());
        assertEquals(before, storedDeadline(rc), "a request alone moves nothing");
        assertEquals(List.of("grant_extension", "refuse_extension", "submit"), allowed(pending));

        JsonNode granted = ok(step(countyReviewer, rc, GRANT));
        assertEquals(asked.getEpochSecond(), storedDeadline(rc));
        assertEquals(asked.toString(), granted.get("deadline").asText());
        assertTrue(granted.get("extension_request").isNull());
        assertEquals(List.of("request_extension", "submit"), allowed(granted));
        JsonNode last = granted.get("steps").get(granted.get("steps").size() - 1);
        assertEquals("grant_extension", last.get("action").asText());
        assertEquals("万州县级审核员", last.get("actor").asText());
        assertEquals("同意延期", last.get("opinion").asText());
        assertEquals("连续降雨，挖机无法进场", last.get("reason").asText(), "the grant records the reason it granted");
        assertEquals(asked.toString(), last.get("deadline").asText());
        assertEquals(List.of("", ""), TestDatabase.row(ds, "SELECT coalesce(extension_deadline::text, ''), coalesce(extension_requested_by, '')"
                + " FROM rectification WHERE id = ?", rc));
    }

    @Test
    void a_granted_extension_makes_an_overdue_rectification_not_overdue() throws Exception {
        String rc = rectification(true); // deadline 3 days from now
        CLOCK.advance(Duration.ofDays(4));
        assertTrue(get(rc).get("overdue").asBoolean());
        assertTrue(overdueOnTheDashboard(rc));
        ok(step(editor, rc, request(10)));
        assertTrue(get(rc).get("overdue").asBoolean(), "a pending request does not stop the clock");
        JsonNode granted = ok(step(countyReviewer, rc, GRANT));
        assertFalse(granted.get("overdue").asBoolean());
        assertFalse(get(rc).get("overdue").asBoolean());
        assertFalse(overdueOnTheDashboard(rc));
        CLOCK.advance(Duration.ofDays(10).plusSeconds(1));
        assertTrue(get(rc).get("overdue").asBoolean(), "the new deadline passes like the old one");
    }

    @Test
    void a_refused_extension_leaves_the_deadline_and_the_rectification_overdue() throws Exception {
        String rc = rectification(false); // ordered, deadline 3 days from now
        long deadline = storedDeadline(rc);
        CLOCK.advance(Duration.ofDays(4));
        ok(step(editor, rc, request(10)));
        List<String> before = written(rc);
        Api.Response wordless = step(countyReviewer, rc, "{\"action\":\"refuse_extension\"}");
        assertEquals(400, wordless.status(), wordless.body());
        assertTrue(wordless.json().get("detail").asText().startsWith("opinion:"), wordless.body());
        assertEquals(before, written(rc), "a refused call writes nothing");

        JsonNode refused = ok(step(countyReviewer, rc, REFUSE));
        assertEquals(deadline, storedDeadline(rc));
        assertTrue(refused.get("overdue").asBoolean());
        assertTrue(get(rc).get("overdue").asBoolean());
        assertTrue(overdueOnTheDashboard(rc));
        assertTrue(refused.get("extension_request").isNull());
        assertEquals(List.of("start", "request_extension"), allowed(refused), "a new request may follow a refusal");
        JsonNode last = refused.get("steps").get(refused.get("steps").size() - 1);
        assertEquals("refuse_extension", last.get("action").asText());
        assertEquals("降雨已停，应按期完成", last.get("opinion").asText());
        assertEquals("连续降雨，挖机无法进场", last.get("reason").asText());
        assertTrue(last.get("deadline").isNull(), "no deadline was set");
    }

    @Test
    void decisions_without_a_request_a_second_request_and_requests_outside_the_work_get_409_listing_what_is_allowed() throws Exception {
        String rc = rectification(true);
        List<String> before = written(rc);
        for (String decision : List.of(GRANT, REFUSE)) {
            Api.Response r = step(countyReviewer, rc, decision);
            assertEquals(409, r.status(), r.body());
            assertEquals("illegal_transition", r.json().get("error").asText());
            assertEquals("[\"request_extension\",\"submit\"]", r.json().get("allowed").toString());
        }
        assertEquals(before, written(rc));

        ok(step(editor, rc, request(10)));
        before = written(rc);
        Api.Response second = step(editor, rc, request(20));
        assertEquals(409, second.status(), second.body());
        assertEquals("[\"grant_extension\",\"refuse_extension\",\"submit\"]", second.json().get("allowed").toString());
        assertTrue(second.json().get("detail").asText().contains("extension request pending"), second.body());
        assertEquals(before, written(rc), "the first request stays as it was");

        ok(step(editor, rc, "{\"action\":\"submit\"}"));
        JsonNode submitted = get(rc);
        assertTrue(submitted.get("extension_request").isNull(), "handing the work in lets the request lapse");
        Api.Response late = step(editor, rc, request(10));
        assertEquals(409, late.status(), late.body());
        assertEquals("[\"county_accept\",\"reject\"]", late.json().get("allowed").toString());
        assertEquals(409, step(countyReviewer, rc, GRANT).status());

    }

    @Test
    void a_request_needs_a_reason_and_a_later_deadline_else_400_and_nothing_written() throws Exception {
        String rc = rectification(true);
        List<String> before = written(rc);
        Instant now = CLOCK.instant();
        Map<String, String> bad = Map.of(
                "no reason", "{\"action\":\"request_extension\",\"deadline\":\"" + now.plus(Duration.ofDays(9)) + "\"}",
                "no deadline", "{\"action\":\"request_extension\",\"reason\":\"下雨\"}",
                "not later than the deadline", "{\"action\":\"request_extension\",\"deadline\":\"" + now.plus(Duration.ofDays(2)) + "\",\"reason\":\"下雨\"}",
                "in the past", "{\"action\":\"request_extension\",\"deadline\":\"2020-01-01T00:00:00Z\",\"reason\":\"下雨\"}",
                "not a date", "{\"action\":\"request_extension\",\"deadline\":\"next week\",\"reason\":\"下雨\"}",
                "empty reason", "{\"action\":\"request_extension\",\"deadline\":\"" + now.plus(Duration.ofDays(9)) + "\",\"reason\":\"  \"}");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Api.Response r = step(editor, rc, e.getValue());
            assertEquals(400, r.status(), e.getKey() + ": " + r.body());
            assertEquals("invalid_parameter", r.json().get("error").asText(), e.getKey());
            assertFalse(r.json().get("detail").asText().isBlank(), e.getKey());
        }
        assertEquals(before, written(rc));
    }

    @Test
    void only_a_county_reviewer_in_scope_decides_and_only_an_editor_in_scope_requests() throws Exception {
        String rc = rectification(true);
        List<String> before = written(rc);
        assertEquals(403, step(countyReviewer, rc, request(10)).status(), "a reviewer does not request");
        assertEquals(403, step(otherCountyEditor, rc, request(10)).status(), "an editor of another county");
        assertEquals(401, step(null, rc, request(10)).status());
        assertEquals(before, written(rc));

        ok(step(editor, rc, request(10)));
        before = written(rc);
        Api.Response other = step(otherCountyReviewer, rc, GRANT);
        assertEquals(403, other.status(), other.body());
        assertTrue(other.json().get("detail").asText().contains("500102"), other.body());
        assertEquals(403, step(otherCountyReviewer, rc, REFUSE).status());
        assertEquals(403, step(cityReviewer, rc, GRANT).status(), "extensions are the county's to decide");
        assertEquals(403, step(editor, rc, GRANT).status(), "the requester does not grant");
        assertEquals(before, written(rc));
    }

    @Test
    void the_request_and_the_decision_are_on_the_points_timeline_and_in_its_change_history() throws Exception {
        String rc = rectification(true);
        String point = get(rc).get("hazard_id").asText();
        Instant asked = CLOCK.instant().plus(Duration.ofDays(10));
        ok(step(editor, rc, request(10)));
        CLOCK.advance(Duration.ofMinutes(5));
        ok(step(countyReviewer, rc, GRANT));

        JsonNode events = ok(api.get("/api/hazards/" + point + "/timeline", editor)).get("events");
        List<String> seen = new ArrayList<>();
        events.forEach(e -> seen.add(e.get("type").asText() + ":" + e.get("action").asText()));
        assertEquals(List.of("rectification:report", "rectification:order", "rectification:start", "rectification:request_extension",
                "review:grant_extension"), seen);
        JsonNode request = events.get(3);
        assertEquals("连续降雨，挖机无法进场", request.get("reason").asText());
        assertEquals(asked.toString(), request.get("deadline").asText());
        assertEquals("包保责任人账号", request.get("actor").asText());
        JsonNode grant = events.get(4);
        assertEquals("同意延期", grant.get("opinion").asText());
        assertEquals(asked.toString(), grant.get("deadline").asText());

        // read by a county account: its scope check must skip the step entries, which hold no point document
        JsonNode changes = ok(api.get("/api/hazards/" + point + "/history", editor)).get("changes");
        List<String> steps = new ArrayList<>();
        JsonNode grantEntry = null;
        for (JsonNode c : changes) {
            if (!c.get("action").asText().equals("rectify")) continue;
            steps.add(c.at("/new/rectification/action").asText());
            if (c.at("/new/rectification/action").asText().equals("grant_extension")) grantEntry = c;
        }
        assertEquals(List.of("report", "order", "start", "request_extension", "grant_extension"), steps);
        assertEquals("万州县级审核员", grantEntry.get("actor").asText());
        assertEquals(rc, grantEntry.at("/new/rectification/id").asText());
        assertEquals("连续降雨，挖机无法进场", grantEntry.at("/new/rectification/reason").asText());
        assertEquals(asked, Instant.parse(grantEntry.at("/new/rectification/deadline").asText().replace("+00:00", "Z")));
    }

    private static boolean overdueOnTheDashboard(String rc) {
        JsonNode items = ok(api.get("/api/dashboard/hidden-dangers?weeks=1&overdue_limit=1000", admin)).at("/overdue/items");
        for (JsonNode i : items) if (i.get("id").asText().equals(rc)) return true;
        return false;
    }
}
