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
 * county person exists above either.
 */
class EscalationEndTest {
    private static final String COUNTY = "500101";
    private static final String ESCALATED_VILLAGER = "PS710001";
    private static final String LONE_VILLAGER = "PS710002";
    private static final String TOWNSHIP_PERSON = "PS710010";
    /** person → region; the hazard each villager is responsible for lies inside the warning's polygon. */
    private static final Map<String, String> VILLAGERS = Map.of(ESCALATED_VILLAGER, "500101145200", LONE_VILLAGER, "500101141200");

    @Test
    void a_target_with_nobody_above_ends_no_answer_with_its_reason() throws Exception {
        DataSource ds = TestDatabase.database("delivery", false);
        load(ds);
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
                String w = DeliveryEndToEndTest.issue(api, desk, body);

                // expected from the fixture: the villager with a township person is escalated and that person called;
                // everyone else ends no_answer because no one of a higher tier exists above them
                Map<String, String[]> expected = Map.of(
                        ESCALATED_VILLAGER, new String[] {"escalated", null},
                        LONE_VILLAGER, new String[] {"no_answer", "no_one_above"},
                        TOWNSHIP_PERSON, new String[] {"no_answer", "no_one_above"});
                DeliveryEndToEndTest.await(() -> TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + w
                        + "' AND (state = 'escalated' OR end_reason IS NOT NULL)") == 3, 40_000);

                JsonNode board = api.get("/api/warnings/" + w + "/board", desk).json();
                assertEquals(3, board.get("total").asLong(), board.toString());
                for (JsonNode t : board.get("targets")) {
                    String[] e = expected.get(t.get("person_id").asText());
                    assertEquals(e[0], t.get("state").asText(), t.toString());
                    assertEquals(e[1], t.get("end_reason").isNull() ? null : t.get("end_reason").asText(), t.toString());
                    if (e[1] != null) assertTrue(t.get("end_detail").asText().contains(t.get("admin_code").asText()), t.toString());
                }
                assertEquals(1, board.at("/by_state/escalated").asLong());
                assertEquals(2, board.at("/by_state/no_answer").asLong());
                // the township person was brought in by the escalated villager
                assertEquals(List.of(ESCALATED_VILLAGER), TestDatabase.ids(ds, "SELECT escalated_from FROM warning_target WHERE warning_id = '" + w
                        + "' AND person_id = '" + TOWNSHIP_PERSON + "'"));

                // the warning's history says so, once per ended target, with its reason
                JsonNode changes = api.get("/api/warnings/" + w + "/history", desk).json().get("changes");
                Map<String, String> ended = new HashMap<>();
                for (JsonNode ch : changes) {
                    if (ch.get("actor").asText().equals("delivery")) ended.merge(ch.at("/new/target").asText(), ch.at("/new/end_reason").asText(), (a, b) -> a + "," + b);
                }
                assertEquals(Map.of(LONE_VILLAGER, "no_one_above", TOWNSHIP_PERSON, "no_one_above"), ended);
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
}
