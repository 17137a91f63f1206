package riskmap.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;
import riskmap.delivery.AckLinks;

/** draft → issued → updated/cancelled/expired; refusals write nothing; writes need issue_warning in scope. */
class WarningLifecycleTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String wanzhou;
    private static String township;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        wanzhou = WarningFixture.token(ds, "万州区预警员", "500101", Action.ISSUE_WARNING, Action.READ_PERSONAL);
        township = WarningFixture.token(ds, "小周镇预警员", WarningFixture.TOWNSHIP_B, Action.ISSUE_WARNING);
        viewer = WarningFixture.token(ds, "万州区值班", "500101", Action.READ_PERSONAL);
    }

    @BeforeEach
    void reset() throws Exception {
        WarningFixture.load(ds);
    }

    @Test
    void a_draft_is_patched_with_if_match_issued_once_updated_and_cancelled_by_messages_of_their_own() {
        Api.Response created = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A), 2));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals("/api/warnings/" + id, created.header("Location"));
        assertEquals("\"1\"", created.header("ETag"));
        assertEquals("draft", created.json().get("state").asText());
        assertTrue(created.json().get("identifier").isNull());
        assertEquals(428, api.json("PATCH", "/api/warnings/" + id, wanzhou, "{\"level\":3}").status());
        Api.Response patched = api.json("PATCH", "/api/warnings/" + id, wanzhou, "{\"level\":\"橙\"}", "If-Match", "\"1\"");
        assertEquals(200, patched.status(), patched.body());
        assertEquals(3, patched.json().get("level").asInt());
        assertEquals("Severe", patched.json().get("severity").asText());
        assertEquals(412, api.json("PATCH", "/api/warnings/" + id, wanzhou, "{\"level\":4}", "If-Match", "\"1\"").status());

        Api.Response issued = api.json("POST", "/api/warnings/" + id + "/issue", wanzhou, "");
        assertEquals("issued", issued.json().get("state").asText());
        String identifier = issued.json().get("identifier").asText();
        assertTrue(identifier.matches("50010100000000_\\d{14}_\\d"), identifier);
        long targets = TestDatabase.count(ds, "SELECT count(*) FROM warning_target");
        long history = TestDatabase.count(ds, "SELECT count(*) FROM change_history");
        Api.Response again = api.json("POST", "/api/warnings/" + id + "/issue", wanzhou, "");
        assertEquals(409, again.status());
        assertTrue(again.json().get("detail").asText().contains("already issued"), again.body());
        assertEquals(409, api.json("PATCH", "/api/warnings/" + id, wanzhou, "{\"level\":4}", "If-Match", "\"3\"").status(), "an issued warning is not patched");
        assertEquals(targets, TestDatabase.count(ds, "SELECT count(*) FROM warning_target"), "issuing twice wrote nothing");
        assertEquals(history, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));

        Api.Response update = api.json("POST", "/api/warnings/" + id + "/update", wanzhou, "{\"level\":4,\"headline\":\"余家镇地质灾害红色预警\"}");
        assertEquals(201, update.status(), update.body());
        JsonNode u = update.json();
        assertEquals("Update", u.get("msg_type").asText());
        assertEquals(List.of(id), WarningTargetsTest.texts(u.get("references")));
        assertEquals("issued", u.get("state").asText());
        assertEquals("Extreme", u.get("severity").asText());
        assertEquals("updated", api.get("/api/warnings/" + id, null).json().get("state").asText());
        assertEquals(409, api.json("POST", "/api/warnings/" + id + "/update", wanzhou, "{\"level\":1}").status(), "an updated warning is not updated again");
        String cap = api.get("/api/warnings/" + u.get("id").asText() + ".cap", null).body();
        assertTrue(cap.contains("<references>50010100000000," + identifier + ","), cap);

        String updateId = u.get("id").asText();
        Api.Response cancel = api.json("POST", "/api/warnings/" + updateId + "/cancel", wanzhou, "");
        assertEquals(201, cancel.status(), cancel.body());
        assertEquals("Cancel", cancel.json().get("msg_type").asText());
        assertTrue(cancel.json().get("headline").asText().startsWith("解除："));
        assertEquals("cancelled", api.get("/api/warnings/" + updateId, null).json().get("state").asText());
        List<String> actions = TestDatabase.ids(ds, "SELECT action FROM change_history WHERE collection = 'warnings' AND feature_id = '" + id + "' ORDER BY id");
        assertEquals(List.of("create", "update", "update", "update"), actions, "create, patch, issue, superseded");
    }

    @Test
    void expired_is_computed_from_expires_and_active_lists_only_issued_unexpired_warnings() {
        String a = issued(wanzhou, WarningFixture.codesArea(WarningFixture.TOWNSHIP_A), 3);
        String b = issued(wanzhou, WarningFixture.codesArea(WarningFixture.TOWNSHIP_B), 1);
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("UPDATE warning SET effective = now() - interval '2 hours', expires = now() - interval '1 hour' WHERE id = '" + b + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals("expired", api.get("/api/warnings/" + b, null).json().get("state").asText());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM warning WHERE state = 'issued' AND id = '" + b + "'"), "stored state unchanged");
        assertEquals(List.of(a), ids(api.get("/api/warnings?active=true", null).json()));
        assertEquals(List.of(b), ids(api.get("/api/warnings?state=expired", null).json()));
        assertEquals(List.of(a), ids(api.get("/api/warnings?level=3", null).json()));
        assertEquals(List.of(a), ids(api.get("/api/warnings?bbox=108.2,30.7,108.4,30.9", null).json()), "region-code area: in the box through its hazards");
        assertEquals(409, api.json("POST", "/api/warnings/" + b + "/cancel", wanzhou, "").status(), "an expired warning is not cancelled");
        String draft = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 2)).json().get("id").asText();
        assertTrue(!ids(api.get("/api/warnings", null).json()).contains(draft), "drafts are not public");
        assertTrue(ids(api.get("/api/warnings", wanzhou).json()).contains(draft));
    }

    @Test
    void bad_input_is_refused_with_what_to_fix_and_nothing_is_written() {
        String open = "{\"description\":\"x\",\"polygons\":[{\"type\":\"Polygon\",\"coordinates\":[[[108.0,30.0],[108.1,30.0],[108.1,30.1],[108.0,31.0]]]}]}";
        assertRefused(WarningFixture.warning(open, 3), "does not close");
        assertRefused(WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 3).replace("2099-01-01T08:00:00+08:00", "2025-01-01T08:00:00+08:00"), "is not after effective");
        assertRefused(WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 5), "level: must be 1 blue");
        assertRefused(WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 3).replace("landslide", "meteor"), "unknown category 'meteor'");
        assertRefused(WarningFixture.warning(WarningFixture.codesArea("500199"), 3), "no region has the code 500199");
        assertRefused(WarningFixture.warning(WarningFixture.circleArea(108.5, 30.7, -5), 3), "radius_m must be");
        assertRefused("{\"level\":3}", "headline: is required");
        Api.Response notJson = api.json("POST", "/api/warnings", wanzhou, "{level");
        assertEquals("invalid_json", notJson.json().get("error").asText());
        assertEquals(404, api.json("POST", "/api/warnings/WN999999/cancel", wanzhou, "").status());
        assertEquals(404, api.json("POST", "/api/warnings/WN999999/update", wanzhou, "{\"level\":2}").status());
        String draft = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 2)).json().get("id").asText();
        assertEquals(409, api.json("POST", "/api/warnings/" + draft + "/cancel", wanzhou, "").status(), "a draft is not cancelled: it references nothing issued");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM warning"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning_target"));
    }

    @Test
    void writes_need_issue_warning_and_an_area_inside_the_accounts_scope() {
        String body = WarningFixture.warning(WarningFixture.polygonArea(WarningFixture.BOX_A), 3);
        assertEquals(401, api.json("POST", "/api/warnings", null, body).status());
        Api.Response noAction = api.json("POST", "/api/warnings", viewer, body);
        assertEquals(403, noAction.status());
        assertTrue(noAction.json().get("detail").asText().contains("issue_warning"), noAction.body());
        Api.Response outside = api.json("POST", "/api/warnings", township, body);
        assertEquals(403, outside.status(), "the polygon reaches township A's hazards");
        assertTrue(outside.json().get("detail").asText().contains("HP900001 in " + WarningFixture.VILLAGE_A), outside.body());
        assertEquals(403, api.json("POST", "/api/warnings/preview", township, body).status());
        assertEquals(403, api.json("POST", "/api/warnings", township, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 2)).status(),
                "a township account cannot warn its whole county");
        assertEquals(403, api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.FULING), 2)).status());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning") + TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        String own = issued(township, WarningFixture.codesArea(WarningFixture.TOWNSHIP_B), 2);
        JsonNode w = api.get("/api/warnings/" + own, null).json();
        assertEquals("50010100000000", w.get("sender_code").asText(), "a township office issues under its county's code");
        String countyWarning = issued(wanzhou, WarningFixture.codesArea(WarningFixture.COUNTY), 2);
        assertEquals(403, api.json("POST", "/api/warnings/" + countyWarning + "/cancel", township, "").status(), "its area reaches beyond the township");
        JsonNode board = api.get("/api/warnings/" + own + "/board", null).json();
        assertEquals(board.get("total").asInt(), board.get("by_state").get("pending").asInt());
        assertEquals(board.get("total").asInt(), board.get("targets").size());
    }

    private void assertRefused(String body, String expectedDetail) {
        Api.Response r = api.json("POST", "/api/warnings", wanzhou, body);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains(expectedDetail), expectedDetail + " in " + r.body());
        Api.Response p = api.json("POST", "/api/warnings/preview", wanzhou, body);
        assertEquals(400, p.status(), p.body());
    }

    private static String issued(String token, String area, int level) {
        Api.Response created = api.json("POST", "/api/warnings", token, WarningFixture.warning(area, level));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        Api.Response r = api.json("POST", "/api/warnings/" + id + "/issue", token, "");
        assertEquals(200, r.status(), r.body());
        return id;
    }

    private static List<String> ids(JsonNode list) {
        return WarningTargetsTest.list(list.get("warnings")).stream().map(w -> w.get("id").asText()).toList();
    }

    @Test
    void neither_the_desk_nor_a_link_records_an_answer_to_a_cancelled_or_an_expired_warning() throws Exception {
        for (String ending : List.of("cancelled", "expired")) {
            WarningFixture.load(ds);
            Api.Response created = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A), 2));
            String id = created.json().get("id").asText();
            assertEquals(200, api.json("POST", "/api/warnings/" + id + "/issue", wanzhou, "").status());
            String person = TestDatabase.ids(ds, "SELECT person_id FROM warning_target WHERE warning_id = '" + id + "' ORDER BY person_id LIMIT 1").get(0);
            if (ending.equals("cancelled")) {
                assertEquals(201, api.json("POST", "/api/warnings/" + id + "/cancel", wanzhou, "").status());
            } else {
                try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
                    st.execute("UPDATE warning SET effective = now() - interval '2 days', expires = now() - interval '1 day' WHERE id = '" + id + "'");
                }
            }
            Api.Response answer = api.json("POST", "/api/warnings/" + id + "/targets/" + person + "/answer", wanzhou, "{\"answer\":\"received\"}");
            assertEquals(409, answer.status(), ending + ": " + answer.body());
            assertEquals("warning_closed", answer.json().get("error").asText());
            assertTrue(answer.json().get("detail").asText().contains(ending.equals("cancelled") ? "was cancelled" : "has expired"), answer.body());

            String link = AckLinks.create(ds, id, person);
            Api.Response page = api.get("/ack/" + link, null, "Accept", "text/html");
            assertEquals(200, page.status());
            assertTrue(page.body().contains(ending.equals("cancelled") ? "此预警已解除" : "此预警已过期"), page.body());
            assertTrue(!page.body().contains("<button") && !page.body().contains("<form"), ending + ": the page offers no answer: " + page.body());
            Api.Response byLink = api.json("POST", "/ack/" + link, null, "{\"answer\":\"received\"}");
            assertEquals(409, byLink.status(), ending + ": " + byLink.body());
            assertEquals("warning_closed", byLink.json().get("error").asText());
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + id + "' AND answered_at IS NOT NULL"));
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM ack_link WHERE warning_id = '" + id + "' AND used_at IS NOT NULL"));
        }
    }
}
