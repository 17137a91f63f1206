package riskmap.evacuation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.App;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;
import riskmap.config.AppConfig;
import riskmap.db.DbUrl;

/**
 * A red warning over 关龙村 starts its plan's evacuation event through the durable trigger job of
 * the real server (App with its job workers): exactly the plan's households, arrivals through the
 * API fill the shelters, and a stop and a new server on the same database lose nothing — nor does
 * the trigger job running a second time open a second event. Expected numbers are computed here
 * from the members the fixture inserted.
 */
class EvacuationEventEndToEndTest {
    private static final String DB = "evacevents";

    @Test
    void a_red_warning_starts_the_plans_event_arrivals_fill_shelters_and_a_restart_loses_nothing() throws Exception {
        DataSource ds = Api.smallPool(TestDatabase.database(DB, false));
        EventFixture.load(ds);
        String desk = EventFixture.token(ds, "万州区值班室", EventFixture.COUNTY, Action.ISSUE_WARNING);
        String leader = EventFixture.token(ds, "关龙村转移组", EventFixture.TOWNSHIP, Action.EDIT, Action.READ_PERSONAL);
        Map<String, String> env = env();
        App app = App.start(AppConfig.load(TestDatabase.home(), new String[0], env));
        try {
            Api api = new Api(app.port());

            // a yellow warning over the village reaches no trigger level: its job runs and opens nothing
            String yellow = api.issueWarning(desk, EventFixture.warning(2));
            awaitJobDone(ds, yellow);
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM evacuation_event"));

            // a red one opens EP900001's event (evacuate); the other village's plan and the manual-only plan stay shut
            String red = api.issueWarning(desk, EventFixture.warning(4));
            awaitJobDone(ds, red);
            List<String> events = TestDatabase.ids(ds, "SELECT id FROM evacuation_event");
            assertEquals(1, events.size(), events.toString());
            String e = events.get(0);
            assertEquals(List.of(EventFixture.PLAN, red, "evacuate", EventFixture.VILLAGE),
                    TestDatabase.row(ds, "SELECT plan_id, warning_id, stage, admin_code FROM evacuation_event WHERE id = ?", e));

            // exactly the plan's households, with the plan's shelters, the members as people, all to_move
            String sameAsPlan = "SELECT count(*) FROM ((SELECT ph.household_id, ph.shelter_id, h.members, 'to_move' FROM plan_household ph"
                    + " JOIN household h ON h.id = ph.household_id WHERE ph.plan_id = '" + EventFixture.PLAN + "')"
                    + " %s (SELECT household_id, shelter_id, people, state FROM event_household WHERE event_id = '" + e + "')) d";
            assertEquals(0, TestDatabase.count(ds, sameAsPlan.formatted("EXCEPT")));
            assertEquals(EventFixture.PLANNED.size(), TestDatabase.count(ds, sameAsPlan.formatted("INTERSECT")));
            assertEquals(EventFixture.PLANNED.size(), TestDatabase.count(ds, "SELECT count(*) FROM event_household WHERE event_id = '" + e + "'"));

            // arrivals through the API: HH1–3 at the small shelter (10 people for 8 places), HH4 forced and arrived, HH5 on the way, HH6 refuses
            Map<String, String> finalState = new LinkedHashMap<>();
            for (String h : List.of("HH900001", "HH900002", "HH900003")) {
                step(api, leader, e, h, "moving");
                step(api, leader, e, h, "arrived");
                finalState.put(h, "arrived");
            }
            step(api, leader, e, "HH900004", "refused");
            step(api, leader, e, "HH900004", "forced");
            step(api, leader, e, "HH900004", "arrived");
            finalState.put("HH900004", "arrived");
            step(api, leader, e, "HH900005", "moving");
            finalState.put("HH900005", "moving");
            step(api, leader, e, "HH900006", "refused");
            finalState.put("HH900006", "refused");

            JsonNode before = api.get("/api/evacuation/events/" + e, leader).json();
            assertCounts(finalState, before);
            assertOccupancy(finalState, before);
            JsonNode small = shelter(before, EventFixture.SMALL_SHELTER);
            assertEquals(3 + 2 + 5, small.get("arrived").asLong());
            assertTrue(small.get("over_capacity").asBoolean(), small.toString());
            assertFalse(shelter(before, EventFixture.BIG_SHELTER).get("over_capacity").asBoolean());

            // stop the server; a new one on the same database sees the same event, states and counts
            app.close();
            app = App.start(AppConfig.load(TestDatabase.home(), new String[0], env));
            api = new Api(app.port());
            JsonNode after = api.get("/api/evacuation/events/" + e, leader).json();
            assertEquals(before.get("counts"), after.get("counts"));
            assertEquals(before.get("shelters"), after.get("shelters"));
            JsonNode households = api.get("/api/evacuation/events/" + e + "/households", leader).json();
            Map<String, String> seen = new HashMap<>();
            households.get("features").forEach(f -> seen.put(f.get("id").asText(), f.at("/properties/state").asText()));
            Map<String, String> expected = new HashMap<>(finalState);
            assertEquals(expected, seen);

            // the trigger job run a second time (as after a crash before its lease was recorded) opens no second event
            assertEquals(1, TestDatabase.count(ds, "WITH r AS (UPDATE job SET done_at = NULL, attempts = 0, locked_until = NULL"
                    + " WHERE idempotency_key = 'evacuation_trigger:" + red + "' RETURNING 1) SELECT count(*) FROM r"));
            awaitJobDone(ds, red);
            assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM evacuation_event"));
            assertEquals(before.get("counts"), api.get("/api/evacuation/events/" + e, leader).json().get("counts"));

            // cancelling the warning does not close the event: people are on the road
            Api.Response cancel = api.json("POST", "/api/warnings/" + red + "/cancel", desk, "{}");
            assertEquals(201, cancel.status(), cancel.body());
            awaitJobDone(ds, cancel.json().get("id").asText());
            assertTrue(api.get("/api/evacuation/events/" + e, leader).json().get("open").asBoolean());

            // the new server goes on: HH5 arrives at the big shelter
            step(api, leader, e, "HH900005", "arrived");
            finalState.put("HH900005", "arrived");
            JsonNode later = api.get("/api/evacuation/events/" + e, leader).json();
            assertCounts(finalState, later);
            assertOccupancy(finalState, later);
        } finally {
            app.close();
        }
    }

    /** The counts per state, summed here from the fixture's members and the states the test set. */
    private static void assertCounts(Map<String, String> states, JsonNode event) {
        Map<String, long[]> expected = new HashMap<>();
        for (String s : List.of("to_move", "moving", "arrived", "refused", "forced", "returned")) expected.put(s, new long[2]);
        EventFixture.PLANNED.values().forEach(h -> {
            long[] n = expected.get(states.getOrDefault(h.id(), "to_move"));
            n[0]++;
            n[1] += h.members();
        });
        expected.forEach((s, n) -> {
            assertEquals(n[0], event.at("/counts/" + s + "/households").asLong(), s + " in " + event.get("counts"));
            assertEquals(n[1], event.at("/counts/" + s + "/people").asLong(), s + " in " + event.get("counts"));
        });
    }

    /** Per shelter: people assigned and arrived, from the fixture; over capacity when arrived exceeds the fixture's capacity. */
    private static void assertOccupancy(Map<String, String> states, JsonNode event) {
        Map<String, Integer> capacity = Map.of(EventFixture.SMALL_SHELTER, EventFixture.SMALL_CAPACITY, EventFixture.BIG_SHELTER, EventFixture.BIG_CAPACITY);
        assertEquals(capacity.size(), event.get("shelters").size());
        capacity.forEach((id, cap) -> {
            long assigned = EventFixture.PLANNED.values().stream().filter(h -> h.shelter().equals(id)).mapToLong(EventFixture.Household::members).sum();
            long arrived = EventFixture.PLANNED.values().stream().filter(h -> h.shelter().equals(id) && "arrived".equals(states.get(h.id())))
                    .mapToLong(EventFixture.Household::members).sum();
            JsonNode s = shelter(event, id);
            assertEquals(cap, s.get("capacity").asInt());
            assertEquals(assigned, s.get("assigned").asLong(), id);
            assertEquals(arrived, s.get("arrived").asLong(), id);
            assertEquals(arrived, s.get("occupied").asLong(), id + ": the only open event");
            assertEquals(arrived > cap, s.get("over_capacity").asBoolean(), id);
        });
    }

    private static JsonNode shelter(JsonNode event, String id) {
        for (JsonNode s : event.get("shelters")) if (s.get("shelter_id").asText().equals(id)) return s;
        throw new AssertionError("no shelter " + id + " in " + event);
    }

    static void step(Api api, String token, String event, String household, String state) {
        Api.Response r = api.json("POST", "/api/evacuation/events/" + event + "/households/" + household + "/state", token, "{\"state\":\"" + state + "\"}");
        assertEquals(200, r.status(), household + " → " + state + ": " + r.body());
        assertEquals(state, r.json().get("state").asText());
    }

    private static void awaitJobDone(DataSource ds, String warningId) throws InterruptedException {
        await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job WHERE idempotency_key = 'evacuation_trigger:" + warningId + "' AND done_at IS NOT NULL") == 1, 20_000);
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM job WHERE kind = 'evacuation_trigger' AND last_error IS NOT NULL"));
    }

    private static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out after " + timeoutMs + " ms");
            Thread.sleep(50);
        }
    }

    private static Map<String, String> env() {
        DbUrl db = TestDatabase.url(DB);
        String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + URLEncoder.encode(db.user(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(db.password(), StandardCharsets.UTF_8) + "@");
        return Map.of("RISKMAP_DB_URL", url, "RISKMAP_PORT", "0", "RISKMAP_BIND_HOST", "127.0.0.1", "RISKMAP_SEED", "false",
                "RISKMAP_ACCESS_LOG", "false", "RISKMAP_JOB_POLL_MS", "100", "RISKMAP_JOB_LEASE_SECONDS", "5");
    }
}
