package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Extensions on the map page (issue 11) in a real headless Chromium over the seeded PostGIS: the
 * responsible side's editor opens a point's panel and requests a later deadline with a reason; the
 * county reviewer opens it, sees the pending request and grants it; both steps show on the
 * timeline and the stored deadline is checked by SQL.
 */
class ExtensionBrowserTest {
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static Api api;
    private static String point;
    private static String rectification;
    private static String editor;
    private static String reviewer;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        // a seeded point of 万州区 no other test works on, with no rectification yet
        point = TestDatabase.ids(ds, "SELECT h.id FROM hazard_point h WHERE h.admin_code LIKE '500101%' AND h.id <> 'HP00000341'"
                + " AND NOT EXISTS (SELECT 1 FROM rectification r WHERE r.hazard_id = h.id) ORDER BY h.id DESC LIMIT 1").get(0);
        editor = Api.token(ds, "万州包保责任人", Role.EDITOR, "500101");
        reviewer = Api.token(ds, "万州县级审核员", Role.COUNTY_REVIEWER, "500101");
        server = new TestServer(ds);
        api = new Api(server.port());
        rectification = api.json("POST", "/api/hazards/" + point + "/rectifications", editor, "").json().get("id").asText();
        String person = TestDatabase.ids(ds, "SELECT id FROM person ORDER BY id LIMIT 1").get(0);
        for (String body : List.of("{\"action\":\"order\",\"deadline\":\"" + Instant.now().plus(3, ChronoUnit.DAYS) + "\",\"responsible_person_id\":\"" + person + "\"}",
                "{\"action\":\"start\"}")) {
            assertEquals(200, api.json("POST", "/api/rectifications/" + rectification + "/transitions", editor, body, "Content-Type", "application/json").status());
        }
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (rectification != null) {
            try (Connection c = ds.getConnection(); PreparedStatement del = c.prepareStatement("DELETE FROM rectification WHERE hazard_id = ?");
                 PreparedStatement status = c.prepareStatement("UPDATE hazard_point SET status = 'active' WHERE id = ?")) {
                del.setString(1, point);
                del.executeUpdate();
                status.setString(1, point);
                status.executeUpdate();
            }
        }
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private static void signInAndOpenThePoint(String token) {
        browser.open("http://127.0.0.1:" + server.port() + "/", "map=12/30.8/108.4");
        browser.signIn(token);
        browser.inspectButtonOf(point).click();
        browser.waitUpTo(10).until(d -> byId("insp-rect").isDisplayed());
    }

    private static String timeline() {
        return browser.waitUpTo(10).until(d -> byId("insp-timeline").getText().isEmpty() ? null : byId("insp-timeline").getText());
    }

    @Test
    void the_editor_requests_an_extension_and_the_county_reviewer_grants_it() throws Exception {
        signInAndOpenThePoint(editor);
        assertTrue(byId("insp-rect").getText().contains("整改中"), byId("insp-rect").getText());
        assertTrue(byId("rect-request").isDisplayed());
        assertTrue(!byId("rect-decide").isDisplayed(), "an editor does not decide");
        // ten days on, at 18:00 in the browser's time zone: the instant the page must send
        LocalDateTime wanted = LocalDateTime.now().plusDays(10).withHour(18).withMinute(0).withSecond(0).withNano(0);
        Instant asked = wanted.atZone(ZoneId.systemDefault()).toInstant();
        browser.js("arguments[0].value = arguments[1]", byId("rect-new-deadline"), wanted.toString().substring(0, 16));
        byId("rect-reason").sendKeys("连续降雨，挖机无法进场");
        byId("rect-request-send").click();
        browser.waitUpTo(10).until(d -> byId("rect-pending").isDisplayed());
        assertTrue(byId("rect-pending").getText().contains("连续降雨，挖机无法进场"), byId("rect-pending").getText());
        browser.waitUpTo(10).until(d -> byId("insp-timeline").getText().contains("申请延期"));
        assertEquals(List.of(asked.toString()), TestDatabase.ids(ds, "SELECT to_char(extension_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM rectification WHERE id = '" + rectification + "'"));
        browser.screenshot("extension-requested.png");
        byId("signout").click();

        signInAndOpenThePoint(reviewer);
        browser.waitUpTo(10).until(d -> byId("rect-decide").isDisplayed());
        assertTrue(!byId("rect-request").isDisplayed(), "a request is already pending");
        byId("rect-opinion").sendKeys("同意延期");
        byId("rect-grant").click();
        browser.waitUpTo(10).until(d -> !byId("rect-decide").isDisplayed());
        browser.waitUpTo(10).until(d -> byId("insp-timeline").getText().contains("批准延期"));
        assertTrue(timeline().contains("同意延期"), timeline());
        assertTrue(!byId("rect-pending").isDisplayed());
        assertEquals(List.of(asked.toString()), TestDatabase.ids(ds, "SELECT to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM rectification WHERE id = '" + rectification + "'"));
        browser.screenshot("extension-granted.png");

        byId("lang-switch").click();
        browser.waitUpTo(5).until(d -> "Rectification".equals(browser.driver.findElement(By.cssSelector("#insp-rect h3")).getText()));
        assertEquals(List.of(), browser.consoleErrors());
    }
}
