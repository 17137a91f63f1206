package riskmap.evacuation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Action;
import riskmap.auth.Api;

/**
 * The evacuation-event API on two servers over one database: every allowed and every refused state
 * change, bad bodies and parameters (400, nothing written), scope and account refusals, names and
 * phones only for accounts that read personal data, a closed event, and the live stream of one
 * server seeing a change made through the other. The state table below is written here by hand.
 */
class EvacuationEventApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GRID_PLAN = "EP910001";
    private static final List<String> STATES = List.of("to_move", "moving", "arrived", "refused", "forced", "returned");
    /** The documented machine (README, HouseholdState): which states may follow which. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "to_move", Set.of("moving", "refused"),
            "moving", Set.of("arrived"),
            "refused", Set.of("moving", "forced"),
            "forced", Set.of("arrived"),
            "arrived", Set.of("returned"),
            "returned", Set.of());
    /** A way from to_move to each state through allowed steps. */
    private static final Map<String, List<String>> PATH = Map.of(
            "to_move", List.of(),
            "moving", List.of("moving"),
            "refused", List.of("refused"),
            "forced", List.of("refused", "forced"),
            "arrived", List.of("moving", "arrived"),
            "returned", List.of("moving", "arrived", "returned"));

    private static DataSource ds;
    private static TestServer a;
    private static TestServer b;
    private static Api api;
    private static String leader;
    private static String viewer;
    private static String editorOnly;
    private static String outsider;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.smallPool(TestDatabase.database("evaceventsapi", false));
        EventFixture.load(ds);
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO evacuation_plan (id, admin_code, name) VALUES ('" + GRID_PLAN + "', '" + EventFixture.VILLAGE + "', '状态表测试')");
        }
        for (int i = 0; i < STATES.size() * STATES.size(); i++) {
            EventFixture.household(ds, new EventFixture.Household(String.format("HH91%04d", i), 1, EventFixture.SMALL_SHELTER, 108.35, 30.85),
                    EventFixture.VILLAGE, GRID_PLAN);
        }
        leader = EventFixture.token(ds, "关龙村转移组", EventFixture.TOWNSHIP, Action.EDIT, Action.READ_PERSONAL);
        viewer = EventFixture.token(ds, "余家镇值班", EventFixture.TOWNSHIP, Action.READ_PERSONAL);
        editorOnly = EventFixture.token(ds, "村网格员", EventFixture.VILLAGE, Action.EDIT);
        outsider = EventFixture.token(ds, "涪陵区", "500102", Action.EDIT, Action.READ_PERSONAL);
        a = new TestServer(ds);
        b = new TestServer(ds);
        api = new Api(a.port());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String open(String plan) {
        Api.Response r = api.json("POST", "/api/evacuation/plans/" + plan + "/events", leader, "");
        assertEquals(201, r.status(), r.body());
        assertEquals("evacuate", r.json().get("stage").asText());
        return r.json().get("id").asText();
    }

    private static Api.Response step(String event, String household, String body) {
        return api.json("POST", "/api/evacuation/events/" + event + "/households/" + household + "/state", leader, body);
    }

    private static String state(String event, String household) {
        return TestDatabase.row(ds, "SELECT state FROM event_household WHERE event_id = ? AND household_id = ?", event, household).get(0);
    }

    private static long changes() {
        return TestDatabase.count(ds, "SELECT count(*) FROM event_household_change");
    }

    @Test
    void every_allowed_change_succeeds_and_every_other_is_409_naming_what_is_allowed() {
        String e = open(GRID_PLAN);
        int i = 0;
        for (String from : STATES) {
            for (String to : STATES) {
                String h = String.format("HH91%04d", i++);
                for (String s : PATH.get(from)) assertEquals(200, step(e, h, "{\"state\":\"" + s + "\"}").status(), h + " on its way to " + from);
                assertEquals(from, state(e, h));
                Api.Response r = step(e, h, "{\"state\":\"" + to + "\",\"note\":\"测试\"}");
                if (ALLOWED.get(from).contains(to)) {
                    assertEquals(200, r.status(), from + " → " + to + ": " + r.body());
                    assertEquals(to, state(e, h));
                    assertEquals(from, r.json().get("from").asText());
                } else {
                    assertEquals(409, r.status(), from + " → " + to + ": " + r.body());
                    assertEquals("illegal_transition", r.json().get("error").asText());
                    Set<String> allowed = new TreeSet<>();
                    r.json().get("allowed").forEach(n -> allowed.add(n.asText()));
                    assertEquals(new TreeSet<>(ALLOWED.get(from)), allowed, from + " → " + to);
                    assertTrue(r.json().get("detail").asText().contains(from), r.body());
                    assertEquals(from, state(e, h), "a refused change writes nothing");
                }
                long expectedChanges = PATH.get(from).size() + (ALLOWED.get(from).contains(to) ? 1 : 0);
                assertEquals(expectedChanges, TestDatabase.count(ds, "SELECT count(*) FROM event_household_change WHERE event_id = '" + e + "' AND household_id = '" + h + "'"));
            }
        }
        // the household's own history, oldest first
        JsonNode one = api.get("/api/evacuation/events/" + e + "/households/HH910014", leader).json();
        assertEquals("arrived", one.at("/properties/state").asText());
        List<String> path = new ArrayList<>();
        one.get("changes").forEach(c -> path.add(c.get("from").asText() + ">" + c.get("to").asText()));
        assertEquals(List.of("to_move>moving", "moving>arrived"), path); // HH910014: from arrived (index 2), to arrived (index 2): refused
        assertEquals(200, api.json("POST", "/api/evacuation/events/" + e + "/close", leader, "").status());
    }

    @Test
    void bad_bodies_and_parameters_are_400_with_error_and_detail_and_write_nothing() {
        String e = open(EventFixture.PLAN);
        assertEquals(200, step(e, "HH900001", "{\"state\":\"moving\"}").status());
        long before = changes();
        List<String> bodies = List.of("", "not json", "[]", "{\"state\":\"flying\"}", "{\"state\":1}", "{}", "{\"state\":\"arrived\",\"extra\":1}",
                "{\"state\":\"returned\",\"shelter_id\":\"" + EventFixture.BIG_SHELTER + "\"}", "{\"state\":\"arrived\",\"note\":\"\"}",
                "{\"state\":\"arrived\",\"note\":\"" + "长".repeat(501) + "\"}", "{\"state\":\"arrived\",\"shelter_id\":\"SH999999\"}");
        for (String body : bodies) {
            Api.Response r = step(e, "HH900001", body);
            assertEquals(400, r.status(), body + ": " + r.body());
            assertFalse(r.json().get("error").asText().isEmpty());
            assertTrue(r.json().get("detail").asText().length() > 10, r.body());
        }
        assertEquals(before, changes());
        assertEquals("moving", state(e, "HH900001"));
        // the shelter a household really reached, when not the planned one
        Api.Response elsewhere = step(e, "HH900001", "{\"state\":\"arrived\",\"shelter_id\":\"" + EventFixture.BIG_SHELTER + "\"}");
        assertEquals(200, elsewhere.status(), elsewhere.body());
        assertEquals(EventFixture.BIG_SHELTER, TestDatabase.row(ds, "SELECT shelter_id FROM event_household WHERE event_id = ? AND household_id = 'HH900001'", e).get(0));
        assertEquals(3, elsewhere.json().at("/shelter/arrived").asLong());

        for (String q : List.of("?state=later", "?limit=0", "?limit=x")) {
            Api.Response r = api.get("/api/evacuation/events" + q, leader);
            assertEquals(400, r.status(), q);
            assertEquals("invalid_parameter", r.json().get("error").asText());
        }
        long events = TestDatabase.count(ds, "SELECT count(*) FROM evacuation_event");
        for (String body : List.of("{\"stage\":\"later\"}", "{\"when\":1}", "[1]")) {
            assertEquals(400, api.json("POST", "/api/evacuation/plans/" + EventFixture.OTHER_PLAN + "/events", leader, body).status(), body);
        }
        assertEquals(events, TestDatabase.count(ds, "SELECT count(*) FROM evacuation_event"));
        assertEquals(404, step("EE999999", "HH900001", "{\"state\":\"moving\"}").status());
        assertEquals(404, step(e, "HH900011", "{\"state\":\"moving\"}").status(), "a household of another plan");
        assertEquals(404, api.json("POST", "/api/evacuation/plans/EP999999/events", leader, "").status());
        assertEquals(200, api.json("POST", "/api/evacuation/events/" + e + "/close", leader, "").status());
    }

    @Test
    void scope_accounts_personal_data_and_a_closed_event() {
        String e = open(EventFixture.PLAN);
        // one open event per plan
        Api.Response again = api.json("POST", "/api/evacuation/plans/" + EventFixture.PLAN + "/events", leader, "{\"stage\":\"prepare\"}");
        assertEquals(409, again.status());
        assertTrue(again.json().get("detail").asText().contains(e), again.body());

        // outside the scope: 403 everywhere, and not listed
        String base = "/api/evacuation/events/" + e;
        for (Api.Response r : List.of(api.get(base, outsider), api.get(base + "/households", outsider), api.get(base + "/households/HH900001", outsider),
                api.get(base + "/stream", outsider), api.json("POST", base + "/households/HH900001/state", outsider, "{\"state\":\"moving\"}"),
                api.json("POST", base + "/close", outsider, ""), api.json("POST", "/api/evacuation/plans/" + EventFixture.PLAN + "/events", outsider, ""))) {
            assertEquals(403, r.status(), r.body());
            assertEquals("forbidden", r.json().get("error").asText());
        }
        assertEquals(0, api.get("/api/evacuation/events", outsider).json().get("events").size());
        assertTrue(ids(api.get("/api/evacuation/events?state=open", leader).json()).contains(e));
        assertFalse(ids(api.get("/api/evacuation/events?state=closed", leader).json()).contains(e));
        // no token: 401; reading without edit: no changes
        assertEquals(401, api.get("/api/evacuation/events", null).status());
        assertEquals(401, api.get(base, null).status());
        assertEquals(401, api.json("POST", base + "/households/HH900001/state", null, "{\"state\":\"moving\"}").status());
        assertEquals(403, api.json("POST", base + "/households/HH900001/state", viewer, "{\"state\":\"moving\"}").status());
        assertEquals("to_move", state(e, "HH900001"));

        // names and phones only with read_personal; the stream never carries them
        JsonNode withPersonal = api.get(base + "/households", viewer).json().at("/features/0/properties");
        assertEquals("13990000100", withPersonal.get("phone").asText());
        JsonNode without = api.get(base + "/households", editorOnly).json().at("/features/0/properties");
        assertFalse(without.has("phone") || without.has("head_name"), without.toString());

        // closed: the states stay, no more changes, no second close; a new event may start
        assertEquals(200, step(e, "HH900001", "{\"state\":\"moving\"}").status());
        Api.Response closed = api.json("POST", base + "/close", leader, "");
        assertEquals(200, closed.status());
        assertFalse(closed.json().get("open").asBoolean());
        assertEquals(1, closed.json().at("/counts/moving/households").asLong());
        Api.Response late = step(e, "HH900001", "{\"state\":\"arrived\"}");
        assertEquals(409, late.status());
        assertEquals("conflict", late.json().get("error").asText());
        assertEquals(409, api.json("POST", base + "/close", leader, "").status());
        assertEquals("moving", state(e, "HH900001"));
        String next = open(EventFixture.PLAN);
        assertFalse(next.equals(e));
        assertEquals(200, api.json("POST", "/api/evacuation/events/" + next + "/close", leader, "").status());
    }

    @Test
    void a_change_made_on_one_server_reaches_the_stream_of_another() throws Exception {
        String e = open(EventFixture.PLAN);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread sse = listen(a.port(), e, leader, seen);
        try {
            await(() -> seen.stream().anyMatch(s -> s.startsWith("ready ")), seen);
            Api.Response r = new Api(b.port()).json("POST", "/api/evacuation/events/" + e + "/households/HH900002/state", leader, "{\"state\":\"refused\"}");
            assertEquals(200, r.status(), r.body());
            await(() -> seen.stream().anyMatch(s -> s.startsWith("change ") && s.contains("HH900002")), seen);
            JsonNode change = MAPPER.readTree(seen.stream().filter(s -> s.startsWith("change ")).findFirst().orElseThrow().substring(7));
            assertEquals(e, change.get("event").asText());
            assertEquals("to_move", change.get("from").asText());
            assertEquals("refused", change.get("state").asText());
            assertEquals(EventFixture.PLANNED.get("HH900002").members(), change.get("people").asInt());
            for (String s : STATES) {
                assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM event_household WHERE event_id = '" + e + "' AND state = '" + s + "'"),
                        change.at("/counts/" + s + "/households").asLong(), s);
            }
            assertFalse(change.has("admin_code") || change.toString().contains("1399"), change.toString());
        } finally {
            sse.interrupt();
            api.json("POST", "/api/evacuation/events/" + e + "/close", leader, "");
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("events").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    /** Reads the event's stream into {@code seen} as "name data" lines, on a thread of its own. */
    private static Thread listen(int port, String event, String token, List<String> seen) {
        Thread t = new Thread(() -> {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/evacuation/events/" + event + "/stream"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
                HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String name = "";
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("event:")) name = line.substring(6).strip();
                        if (line.startsWith("data:")) seen.add(name + " " + line.substring(5).strip());
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (Exception ex) {
                seen.add("error " + ex);
            }
        }, "evacuation-sse-test");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void await(java.util.function.BooleanSupplier condition, Object seen) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out; seen " + seen);
            Thread.sleep(50);
        }
    }
}
