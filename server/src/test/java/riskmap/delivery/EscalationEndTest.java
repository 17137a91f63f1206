package riskmap.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.App;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;
import riskmap.auth.Tokens;
import riskmap.config.AppConfig;
import riskmap.store.TokenStore;

/**
 * A silent target with nobody above ends as {@code no_answer} with its reason, not as a silent
 * {@code escalated}. The fixture, in 万州区 (500101) without a county person: PS710001 of 关龙村
 * (500101145200), whose township 余家镇 (500101145) has a township person PS710010; PS710002 of
 * 红星村 (500101141200), whose township 500101141 has nobody. Nobody answers, so: PS710001 is
 * escalated and PS710010 called; PS710010 and PS710002 end no_answer / no_one_above, since no
 * county person exists above either. A second fixture holds only a county person (PS710020) of
 * 万州区: silent, it ends no_answer / top_tier, since county is the top tier.
 */
class EscalationEndTest {
    private static final String COUNTY = "500101";
    private static final String ESCALATED_VILLAGER = "PS710001";
    private static final String LONE_VILLAGER = "PS710002";
    private static final String TOWNSHIP_PERSON = "PS710010";
    /** The second fixture: only a county person of 万州区, responsible for a hazard inside the warning's polygon. */
    private static final String COUNTY_PERSON = "PS710020";
    /** person → region; the hazard each villager is responsible for lies inside the warning's polygon. */
    private static final Map<String, String> VILLAGERS = Map.of(ESCALATED_VILLAGER, "500101145200", LONE_VILLAGER, "500101141200");

    @Test
    void a_target_with_nobody_above_ends_no_answer_with_its_reason() throws Exception {
        DataSource ds = TestDatabase.database("delivery", false);
        load(ds);
        // expected from the fixture: the villager with a township person is escalated and that person called;
        // everyone else ends no_answer because no one of a higher tier exists above them
        Map<String, String[]> expected = Map.of(
                ESCALATED_VILLAGER, new String[] {"escalated", null},
                LONE_VILLAGER, new String[] {"no_answer", "no_one_above"},
                TOWNSHIP_PERSON, new String[] {"no_answer", "no_one_above"});
        Ended e = issueAndWaitForEnds(ds, 3);

        assertEquals(3, e.board().get("total").asLong(), e.board().toString());
        for (JsonNode t : e.board().get("targets")) {
            String[] x = expected.get(t.get("person_id").asText());
            assertEquals(x[0], t.get("state").asText(), t.toString());
            assertEquals(x[1], t.get("end_reason").isNull() ? null : t.get("end_reason").asText(), t.toString());
            if (x[1] != null) assertTrue(t.get("end_detail").asText().contains(t.get("admin_code").asText()), t.toString());
        }
        assertEquals(1, e.board().at("/by_state/escalated").asLong());
        assertEquals(2, e.board().at("/by_state/no_answer").asLong());
        // the township person was brought in by the escalated villager
        assertEquals(List.of(ESCALATED_VILLAGER), TestDatabase.ids(ds, "SELECT escalated_from FROM warning_target WHERE warning_id = '" + e.warningId()
                + "' AND person_id = '" + TOWNSHIP_PERSON + "'"));
        // the warning's history says so, once per ended target, with its reason
        assertEquals(Map.of(LONE_VILLAGER, "no_one_above", TOWNSHIP_PERSON, "no_one_above"), e.history());
    }

    @Test
    void a_silent_county_target_ends_no_answer_at_the_top_tier() throws Exception {
        DataSource ds = TestDatabase.database("delivery", false);
        loadCountyOnly(ds);
        Ended e = issueAndWaitForEnds(ds, 1);

        // expected from the fixture: the one county person is the only target, and nobody is brought in above
        assertEquals(1, e.board().get("total").asLong(), e.board().toString());
        JsonNode t = e.board().at("/targets/0");
        assertEquals(COUNTY_PERSON, t.get("person_id").asText(), t.toString());
        assertEquals("no_answer", t.get("state").asText(), t.toString());
        assertEquals("top_tier", t.get("end_reason").asText(), t.toString());
        assertTrue(t.get("end_detail").asText().contains("top tier"), t.toString());
        assertEquals(1, e.board().at("/by_state/no_answer").asLong());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + e.warningId() + "' AND escalated_from IS NOT NULL"));
        assertEquals(Map.of(COUNTY_PERSON, "top_tier"), e.history());
    }

    /** A warning's board once {@code ends} of its targets were escalated or ended, and the end reasons its history records per target. */
    private record Ended(String warningId, JsonNode board, Map<String, String> history) {}

    /** Issues the 万州区 warning to a server with 2-second deadlines and nobody answering; waits for {@code ends} escalated or ended targets. */
    private static Ended issueAndWaitForEnds(DataSource ds, int ends) throws Exception {
        String desk = Tokens.newToken();
        new TokenStore(ds).create("万州区值班室", null, Set.of(Action.ISSUE_WARNING, Action.ACKNOWLEDGE), COUNTY, desk);
        try (WebhookReceiver hook = new WebhookReceiver()) {
            Map<String, String> env = new HashMap<>(DeliveryEndToEndTest.env(hook.url(), TestDatabase.freePort()));
            env.put("RISKMAP_SMTP_HOST", "");
            env.put("RISKMAP_ACK_DEADLINE_SECONDS", "2");
            App app = App.start(AppConfig.load(TestDatabase.home(), new String[0], env));
            try {
                Api api = new Api(app.port());
                String body = "{\"level\":3,\"category\":\"landslide\",\"headline\":\"万州区地质灾害橙色预警\",\"description\":\"强降雨。\","
                        + "\"effective\":\"2026-01-01T08:00:00+08:00\",\"expires\":\"2099-01-01T08:00:00+08:00\",\"area\":{\"description\":\"万州区\","
                        + "\"polygons\":[{\"type\":\"Polygon\",\"coordinates\":[[[108.30,30.80],[108.40,30.80],[108.40,30.90],[108.30,30.90],[108.30,30.80]]]}]}}";
                String w = api.issueWarning(desk, body);
                DeliveryEndToEndTest.await(() -> TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + w
                        + "' AND (state = 'escalated' OR end_reason IS NOT NULL)") == ends, 40_000);

                JsonNode board = api.get("/api/warnings/" + w + "/board", desk).json();
                Map<String, String> ended = new HashMap<>();
                for (JsonNode ch : api.get("/api/warnings/" + w + "/history", desk).json().get("changes")) {
                    if (ch.get("actor").asText().equals("delivery")) ended.merge(ch.at("/new/target").asText(), ch.at("/new/end_reason").asText(), (a, b) -> a + "," + b);
                }
                return new Ended(w, board, ended);
            } finally {
                app.close();
            }
        }
    }

    private static void load(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            int n = 0;
            for (var p : new java.util.TreeMap<>(VILLAGERS).entrySet()) {
                n++;
                st.execute("INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('" + p.getKey() + "', '村责任人" + n + "', '1390000010" + n
                        + "', 'village', '" + p.getValue() + "')");
                st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_person_id, geom) VALUES ('HP71000" + n
                        + "', 'landslide', '测试点" + n + "', 3, '" + COUNTY + "', '" + p.getKey() + "', ST_SetSRID(ST_MakePoint(108.3" + n + ", 30.85), 4326))");
            }
            st.execute("INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('" + TOWNSHIP_PERSON + "', '镇责任人', '13900000110', 'township', '500101145')");
        }
    }

    private static void loadCountyOnly(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('" + COUNTY_PERSON + "', '区责任人', '13900000120', 'county', '" + COUNTY + "')");
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_person_id, geom) VALUES ('HP710020', 'landslide', '测试点区', 3, '"
                    + COUNTY + "', '" + COUNTY_PERSON + "', ST_SetSRID(ST_MakePoint(108.35, 30.85), 4326))");
        }
    }
}
