package riskmap.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestClock;
import riskmap.auth.Action;
import riskmap.auth.Api;

/** The board's overdue flags, order and count follow the application's clock; {@code limit} cuts the rows, never the counts. */
class WarningBoardTest {
    private static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    /** No job workers: nothing but this test changes the targets' states and deadlines. */
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database, Map.of("RISKMAP_JOB_WORKERS", "0"), CLOCK);
    private static DataSource ds;
    private static Api api;
    private static String wanzhou;

    /** A target's state and deadline as this test sets them. */
    record Call(String personId, String state, Instant deadline) {
        boolean overdueAt(Instant now) {
            return deadline.isBefore(now) && Set.of("pending", "notified", "no_answer").contains(state);
        }
    }

    /** The people region code TOWNSHIP_A calls (WarningFixture), with deadlines on either side of the clock + 40 min. */
    private static List<Call> calls(Instant start) {
        return List.of(
                new Call("PS900001", "pending", start.plus(Duration.ofMinutes(10))),
                new Call("PS900007", "acknowledged", start.plus(Duration.ofMinutes(5))),
                new Call("PS900002", "notified", start.plus(Duration.ofMinutes(30))),
                new Call("PS900003", "no_answer", start.plus(Duration.ofMinutes(60))));
    }

    private String warning;
    private List<Call> calls;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        wanzhou = WarningFixture.token(ds, "万州区值班员", "500101", Action.ISSUE_WARNING, Action.READ_PERSONAL);
    }

    @BeforeEach
    void issue() throws Exception {
        WarningFixture.load(ds);
        Api.Response created = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A), 3));
        assertEquals(201, created.status(), created.body());
        warning = created.json().get("id").asText();
        Api.Response issued = api.json("POST", "/api/warnings/" + warning + "/issue", wanzhou, "");
        assertEquals(200, issued.status(), issued.body());
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE warning_target SET state = ?, deadline = ? WHERE warning_id = ? AND person_id = ?")) {
            calls = calls(CLOCK.instant());
            for (Call call : calls) {
                ps.setString(1, call.state());
                ps.setTimestamp(2, Timestamp.from(call.deadline()));
                ps.setString(3, warning);
                ps.setString(4, call.personId());
                assertEquals(1, ps.executeUpdate(), "fixture: " + call.personId() + " is a target");
            }
        }
    }

    @Test
    void overdue_follows_the_application_clock_and_comes_first() {
        JsonNode before = board("");
        assertEquals(0, before.get("overdue").asInt(), before.toString());
        rows(before).forEach(r -> assertEquals(false, r.get("overdue").asBoolean(), r.toString()));

        CLOCK.advance(Duration.ofMinutes(40));
        Instant now = CLOCK.instant();
        List<String> expected = calls.stream().filter(c -> c.overdueAt(now)).sorted(Comparator.comparing(Call::deadline)).map(Call::personId).toList();
        assertEquals(List.of("PS900001", "PS900002"), expected, "fixture: the pending and the notified one passed their deadlines");

        JsonNode after = board("");
        assertEquals(expected.size(), after.get("overdue").asInt(), after.toString());
        List<JsonNode> rows = rows(after);
        assertEquals(calls.size(), rows.size());
        assertEquals(expected, rows.subList(0, expected.size()).stream().map(r -> r.get("person_id").asText()).toList(), "overdue first, earliest deadline first");
        for (JsonNode r : rows) {
            assertEquals(expected.contains(r.get("person_id").asText()), r.get("overdue").asBoolean(), r.toString());
        }
    }

    @Test
    void limit_cuts_the_rows_and_leaves_the_counts_exact() {
        CLOCK.advance(Duration.ofMinutes(40));
        JsonNode all = board("");
        JsonNode two = board("?limit=2");
        assertEquals(2, rows(two).size(), two.toString());
        assertEquals(2, two.get("numberReturned").asInt());
        assertEquals(rows(all).subList(0, 2), rows(two), "the first two of the board's order");
        assertEquals(calls.size(), two.get("total").asInt());
        Map<String, Integer> byState = new TreeMap<>();
        calls.forEach(c -> byState.merge(c.state(), 1, Integer::sum));
        byState.forEach((state, n) -> assertEquals(n, two.get("by_state").get(state).asInt(), state));
        assertEquals(all.get("by_state"), two.get("by_state"));
        assertEquals(all.get("by_tier"), two.get("by_tier"));
        assertEquals(all.get("overdue"), two.get("overdue"));
    }

    @Test
    void a_bad_limit_is_400_with_what_to_send() {
        for (String bad : List.of("0", "abc", "10001")) {
            Api.Response r = api.get("/api/warnings/" + warning + "/board?limit=" + bad, wanzhou);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertTrue(r.json().has("error"), r.body());
            assertTrue(r.json().get("detail").asText().contains("limit"), r.body());
        }
    }

    private JsonNode board(String query) {
        Api.Response r = api.get("/api/warnings/" + warning + "/board" + query, wanzhou);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<JsonNode> rows(JsonNode board) {
        List<JsonNode> out = new ArrayList<>();
        board.get("targets").forEach(out::add);
        return out;
    }

    @Test
    void a_warning_without_effective_takes_effect_at_the_applications_now() {
        Instant appNow = CLOCK.instant().plus(Duration.ofDays(400)); // a year ahead: the system clock would give another date
        CLOCK.advance(Duration.ofDays(400));
        try {
            String body = WarningFixture.warning(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A), 3).replace("\"effective\":\"2026-01-01T08:00:00+08:00\",", "");
            assertFalse(body.contains("\"effective\""), body);
            Api.Response created = api.json("POST", "/api/warnings", wanzhou, body);
            assertEquals(201, created.status(), created.body());
            assertEquals(appNow.truncatedTo(ChronoUnit.SECONDS), java.time.OffsetDateTime.parse(created.json().get("effective").asText()).toInstant(), created.body());
        } finally {
            CLOCK.advance(Duration.ofDays(-400));
        }
    }
}
