package riskmap.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.App;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;
import riskmap.auth.Tokens;
import riskmap.config.AppConfig;
import riskmap.db.DbUrl;
import riskmap.store.TokenStore;

/**
 * Issue → deliver → answer → retry → escalate, end to end: the real server (App with its job
 * workers) on a test database, a real HTTP receiver for the webhook and a real SMTP server
 * (GreenMail), and a kill and restart of the server in the middle of the escalation.
 *
 * <p>The fixture: four village people of 关龙村 (500101145200), responsible for four hazard
 * points inside the warning's polygon that are coded to the county only (500101), so the issue's
 * targets are those four and 万州区's county person; 余家镇's (500101145) township person is
 * called only by escalation. Everything expected is counted here from that.
 */
class DeliveryEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VILLAGE = "500101145200";
    private static final String TOWNSHIP = "500101145";
    private static final String COUNTY = "500101";
    // short enough for a quick test, long enough that a loaded machine delivers round 1 before it passes
    private static final int DEADLINE_S = 6;
    /** person → email (null: phone only); all four are village people. */
    private static final Map<String, String> VILLAGERS = new TreeMap<>(Map.of(
            "PS700001", "", "PS700002", "", "PS700003", "p3@example.cn", "PS700004", "p4@example.cn"));
    private static final String TOWNSHIP_PERSON = "PS700010";
    private static final String COUNTY_PERSON = "PS700020";

    @Test
    void a_warning_is_delivered_answered_retried_and_escalated_across_a_restart() throws Exception {
        DataSource ds = TestDatabase.database("delivery", false);
        if (ds instanceof HikariDataSource h) h.getHikariConfigMXBean().setMaximumPoolSize(4);
        load(ds);
        String desk = Tokens.newToken();
        new TokenStore(ds).create("万州区值班室", null, Set.of(Action.ISSUE_WARNING, Action.ACKNOWLEDGE, Action.READ_PERSONAL), COUNTY, desk);

        GreenMail smtp = new GreenMail(new ServerSetup(TestDatabase.freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        try (WebhookReceiver hook = new WebhookReceiver()) {
            Map<String, String> env = env(hook.url(), smtp.getSmtp().getPort());
            App app = App.start(AppConfig.load(TestDatabase.home(), new String[0], env));
            Api api = new Api(app.port());
            List<String> events = new CopyOnWriteArrayList<>();
            Thread sse = listen(app.port(), desk, events, null);

            // issue through the warnings API: the targets and their jobs commit together
            String body = "{\"level\":3,\"category\":\"landslide\",\"headline\":\"万州区余家镇地质灾害橙色预警\",\"description\":\"强降雨，滑坡风险很高。\","
                    + "\"instruction\":\"请立即组织群众转移。\",\"effective\":\"2026-01-01T08:00:00+08:00\",\"expires\":\"2099-01-01T08:00:00+08:00\","
                    + "\"area\":{\"description\":\"关龙村\",\"polygons\":[{\"type\":\"Polygon\",\"coordinates\":[[[108.30,30.80],[108.40,30.80],[108.40,30.90],[108.30,30.90],[108.30,30.80]]]}]}}";
            String w = api.issueWarning(desk, body);
            Set<String> targets = new TreeSet<>(VILLAGERS.keySet());
            targets.add(COUNTY_PERSON);
            assertEquals(targets, new TreeSet<>(TestDatabase.ids(ds, "SELECT person_id FROM warning_target WHERE warning_id = '" + w + "'")));

            // every target gets exactly one message per channel: the webhook for all, e-mail for those with an address
            Set<String> firstRound = new TreeSet<>();
            targets.forEach(p -> firstRound.add(key(w, p, 1, "webhook")));
            await(() -> hook.countByKey.keySet().containsAll(firstRound), 20_000);
            await(() -> smtp.getReceivedMessages().length == 2, 20_000);
            JsonNode m1 = hook.bodyByKey.get(key(w, "PS700001", 1, "webhook"));
            assertEquals("PS700001", m1.at("/recipient/person_id").asText());
            assertEquals(3, m1.at("/warning/level").asInt());
            assertTrue(m1.path("text").asText().startsWith("【橙色预警】万州区余家镇地质灾害橙色预警"), m1.toString());

            // half answer through their links: PS700001 by JSON, PS700003 (who also got an e-mail) by the page's form
            String link1 = path(m1.path("ack_url").asText());
            assertTrue(api.get(link1, null, "Accept", "text/html").body().contains("收到"));
            Api.Response a1 = api.json("POST", link1, null, "{\"answer\":\"received\"}", "Content-Type", "application/json");
            assertEquals(200, a1.status(), a1.body());
            assertEquals("acknowledged", a1.json().get("state").asText());
            String link3 = path(hook.bodyByKey.get(key(w, "PS700003", 1, "webhook")).path("ack_url").asText());
            Api.Response a3 = api.send("POST", link3, null, ("answer=on_duty&note=" + URLEncoder.encode("已在村委会值守", StandardCharsets.UTF_8)).getBytes(),
                    "Content-Type", "application/x-www-form-urlencoded");
            assertEquals(200, a3.status(), a3.body());
            assertTrue(a3.body().contains("已到岗"));

            // the county person answers a phone call at the desk
            Api.Response phoned = api.json("POST", "/api/warnings/" + w + "/targets/" + COUNTY_PERSON + "/answer", desk,
                    "{\"answer\":\"received\",\"note\":\"电话确认\",\"via\":\"phone\"}");
            assertEquals(200, phoned.status(), phoned.body());
            assertEquals("phone", phoned.json().get("answered_via").asText());
            Api.Response twice = api.json("POST", "/api/warnings/" + w + "/targets/" + COUNTY_PERSON + "/answer", desk, "{\"answer\":\"on_duty\"}");
            assertEquals(409, twice.status());
            Api.Response bad = api.json("POST", "/api/warnings/" + w + "/targets/PS700002/answer", desk, "{\"answer\":\"maybe\"}");
            assertEquals(400, bad.status());
            assertEquals("invalid_answer", bad.json().get("error").asText());
            assertEquals(401, api.json("POST", "/api/warnings/" + w + "/targets/PS700002/answer", null, "{\"answer\":\"received\"}").status());

            // a reused link and a forged one: 4xx, and nothing about the warning
            Api.Response reused = api.json("POST", link1, null, "{\"answer\":\"on_duty\"}", "Content-Type", "application/json");
            assertEquals(410, reused.status());
            assertEquals("link_used", reused.json().get("error").asText());
            Api.Response forged = api.get("/ack/" + "A".repeat(43), null);
            assertEquals(404, forged.status());
            assertEquals("invalid_link", forged.json().get("error").asText());
            Api.Response forgedPage = api.get("/ack/not-a-token", null, "Accept", "text/html");
            assertEquals(404, forgedPage.status());
            assertTrue(forgedPage.body().contains("此链接无效"));
            for (Api.Response r : List.of(reused, forged, forgedPage)) {
                assertFalse(r.body().contains(w) || r.body().contains("余家镇") || r.body().contains("PS7000"), r.body());
            }
            assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE person_id = 'PS700001' AND answer = 'received' AND answered_via = 'link'"));

            // the event stream saw the answer
            await(() -> events.stream().anyMatch(e -> e.contains("\"person\":\"PS700001\"") && e.contains("\"state\":\"acknowledged\"")), 10_000, events);

            // the first deadline passes: the two silent ones are retried (round 2, state no_answer)
            await(() -> hook.countByKey.containsKey(key(w, "PS700002", 2, "webhook")) && hook.countByKey.containsKey(key(w, "PS700004", 2, "webhook")), 20_000);
            await(() -> smtp.getReceivedMessages().length == 3, 20_000);
            assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + w + "' AND state = 'no_answer' AND round = 2"));

            // kill the server in the middle of the escalation; the second deadline passes while it is down
            sse.interrupt();
            app.close();
            Thread.sleep(DEADLINE_S * 1000L + 500);
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + w + "' AND person_id = '" + TOWNSHIP_PERSON + "'"));
            app = App.start(AppConfig.load(TestDatabase.home(), new String[0], env));
            api = new Api(app.port());

            // escalation goes on: the township person is called (once, though two villagers were silent); silent too, retried, then escalated
            await(() -> hook.countByKey.containsKey(key(w, TOWNSHIP_PERSON, 1, "webhook")), 20_000);
            JsonNode up = hook.bodyByKey.get(key(w, TOWNSHIP_PERSON, 1, "webhook"));
            assertTrue(up.path("escalation").asBoolean());
            assertTrue(up.path("text").asText().contains("升级通知"));
            assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + w + "' AND state = 'escalated' AND tier = 'village'"));
            await(() -> TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE person_id = '" + TOWNSHIP_PERSON + "' AND state = 'escalated'") == 1, 30_000);

            // the board: counted here from the story above
            JsonNode board = api.get("/api/warnings/" + w + "/board", desk).json();
            Map<String, Long> expected = new HashMap<>(Map.of("acknowledged", 2L, "on_duty", 1L, "escalated", 3L));
            for (String s : List.of("pending", "notified", "acknowledged", "on_duty", "no_answer", "escalated", "failed")) {
                assertEquals(expected.getOrDefault(s, 0L), board.at("/by_state/" + s).asLong(), s + " in " + board.get("by_state"));
            }
            assertEquals(6, board.get("total").asLong());
            assertEquals(2, board.at("/by_tier/village/by_state/escalated").asLong());
            assertEquals(1, board.at("/by_tier/village/by_state/acknowledged").asLong());
            assertEquals(1, board.at("/by_tier/village/by_state/on_duty").asLong());
            assertEquals(1, board.at("/by_tier/township/by_state/escalated").asLong());
            assertEquals(1, board.at("/by_tier/county/by_state/acknowledged").asLong());

            // no message was sent twice, none was lost
            Set<String> webhook = new TreeSet<>(firstRound);
            webhook.addAll(List.of(key(w, "PS700002", 2, "webhook"), key(w, "PS700004", 2, "webhook"), key(w, TOWNSHIP_PERSON, 1, "webhook"),
                    key(w, TOWNSHIP_PERSON, 2, "webhook")));
            Thread.sleep(500);
            assertEquals(webhook, new TreeSet<>(hook.countByKey.keySet()));
            hook.countByKey.forEach((k, n) -> assertEquals(1, n.get(), k + " was received " + n.get() + " times"));
            assertTrue(hook.missingKey.isEmpty());
            Map<String, Integer> mails = new TreeMap<>();
            for (MimeMessage m : smtp.getReceivedMessages()) mails.merge(m.getHeader("Idempotency-Key")[0], 1, Integer::sum);
            assertEquals(Map.of(key(w, "PS700003", 1, "email"), 1, key(w, "PS700004", 1, "email"), 1, key(w, "PS700004", 2, "email"), 1), mails);
            assertEquals(webhook.size() + 3L, TestDatabase.count(ds, "SELECT count(*) FROM delivery_attempt WHERE warning_id = '" + w + "' AND result = 'delivered'"));
            app.close();
        } finally {
            smtp.stop();
        }
    }

    private static String key(String w, String person, int round, String channel) {
        return "notify:" + w + ":" + person + ":" + round + ":" + channel;
    }

    /** The path of an answer link (the server's public address is localhost:port; the test talks to 127.0.0.1). */
    private static String path(String url) {
        return URI.create(url).getPath();
    }

    static Map<String, String> env(String webhookUrl, int smtpPort) {
        DbUrl db = TestDatabase.url("delivery");
        String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + URLEncoder.encode(db.user(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(db.password(), StandardCharsets.UTF_8) + "@");
        Map<String, String> env = new HashMap<>();
        env.put("RISKMAP_DB_URL", url);
        env.put("RISKMAP_PORT", "0");
        env.put("RISKMAP_BIND_HOST", "127.0.0.1");
        env.put("RISKMAP_SEED", "false");
        env.put("RISKMAP_ACCESS_LOG", "false");
        env.put("RISKMAP_WEBHOOK_URL", webhookUrl);
        env.put("RISKMAP_SMTP_HOST", "127.0.0.1");
        env.put("RISKMAP_SMTP_PORT", String.valueOf(smtpPort));
        env.put("RISKMAP_ACK_DEADLINE_SECONDS", String.valueOf(DEADLINE_S));
        env.put("RISKMAP_JOB_POLL_MS", "100");
        env.put("RISKMAP_JOB_LEASE_SECONDS", "5");
        env.put("RISKMAP_JOB_RETRY_BASE_MS", "200");
        return env;
    }

    /** Reads the warning's event stream into {@code events} on a thread of its own. */
    static Thread listen(int port, String token, List<String> events, String warningId) {
        Thread t = new Thread(() -> {
            try {
                String w = warningId;
                while (w == null) {
                    List<String> ids = TestDatabase.ids(TestDatabase.database("delivery", false), "SELECT id FROM warning WHERE state = 'issued' ORDER BY created_at DESC LIMIT 1");
                    if (!ids.isEmpty()) w = ids.get(0);
                    else Thread.sleep(50);
                }
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/warnings/" + w + "/events"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
                HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("data:")) events.add(line.substring(5).strip());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                events.add("error: " + e);
            }
        }, "sse-test");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void load(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            int n = 0;
            for (var p : VILLAGERS.entrySet()) {
                n++;
                st.execute("INSERT INTO person (id, name, phone, email, tier, admin_code) VALUES ('" + p.getKey() + "', '村责任人" + n + "', '1390000000" + n + "', "
                        + (p.getValue().isEmpty() ? "NULL" : "'" + p.getValue() + "'") + ", 'village', '" + VILLAGE + "')");
                st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_person_id, geom) VALUES ('HP70000" + n
                        + "', 'landslide', '测试点" + n + "', 3, '" + COUNTY + "', '" + p.getKey() + "', ST_SetSRID(ST_MakePoint(108.3" + n + ", 30.85), 4326))");
            }
            st.execute("INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('" + TOWNSHIP_PERSON + "', '镇责任人', '13900000010', 'township', '" + TOWNSHIP + "')");
            st.execute("INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('" + COUNTY_PERSON + "', '县责任人', '13900000020', 'county', '" + COUNTY + "')");
        }
    }

    static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        await(condition, timeoutMs, "");
    }

    static void await(BooleanSupplier condition, long timeoutMs, Object seen) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out after " + timeoutMs + " ms " + seen);
            Thread.sleep(50);
        }
    }
}
