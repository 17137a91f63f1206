package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Action;
import riskmap.auth.Api;
import riskmap.evacuation.event.EventFixture;

/**
 * The map page's evacuation panel (转移) in a real headless Chromium: the village's transfer group
 * opens the event, sees its six households counted and drawn by state, moves one on with the
 * panel's buttons, sees a change made elsewhere arrive through the stream, the small shelter's
 * occupancy grow, and the panel in English.
 */
class EvacuationPanelBrowserTest {
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static String leader;
    private static String event;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.smallPool(TestDatabase.database("evaceventsweb", false));
        EventFixture.load(ds);
        leader = EventFixture.token(ds, "关龙村转移组", EventFixture.TOWNSHIP, Action.EDIT, Action.READ_PERSONAL);
        server = new TestServer(ds, Map.of());
        Api.Response opened = new Api(server.port()).json("POST", "/api/evacuation/plans/" + EventFixture.PLAN + "/events", leader, "");
        assertEquals(201, opened.status(), opened.body());
        event = opened.json().get("id").asText();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static String count(String state) {
        return browser.driver.findElement(By.cssSelector(".evac-counts tr[data-state=" + state + "] td.households")).getText();
    }

    private static int drawn(String state) {
        return browser.driver.findElements(By.cssSelector("path.evac-hh.hs-" + state)).size();
    }

    @Test
    void the_panel_shows_live_counts_occupancy_and_households_and_moves_them_on() {
        browser.open("http://127.0.0.1:" + server.port() + "/", "map=13/30.85/108.35");
        assertTrue(browser.driver.findElements(By.cssSelector("#tool-evac:not([hidden])")).isEmpty(), "anonymous callers get no panel");
        browser.driver.findElement(By.id("signin-token")).sendKeys(leader);
        browser.driver.findElement(By.id("signin-submit")).click();
        browser.waitUpTo(10).until(d -> d.findElement(By.id("tool-evac")).isDisplayed());
        browser.driver.findElement(By.id("tool-evac")).click();
        browser.waitUpTo(10).until(d -> d.findElement(By.cssSelector(".evac-event[data-event=" + event + "]"))).click();
        browser.waitUpTo(10).until(d -> d.findElement(By.cssSelector(".evac-live[data-live=sse]")));
        int planned = EventFixture.PLANNED.size();
        assertEquals(String.valueOf(planned), count("to_move"));
        assertEquals(planned, drawn("to_move"));
        assertTrue(browser.driver.findElement(By.cssSelector("#evac-panel")).getText().contains("13990000100"), "the leader reads phones");

        // a button of the panel moves HH900001 on
        browser.driver.findElement(By.cssSelector(".evac-step[data-household=HH900001][data-state=moving]")).click();
        browser.waitUpTo(10).until(d -> count("moving").equals("1"));
        assertEquals(1, drawn("moving"));

        // a change made elsewhere arrives through the stream
        Api.Response r = new Api(server.port()).json("POST", "/api/evacuation/events/" + event + "/households/HH900002/state", leader, "{\"state\":\"refused\"}");
        assertEquals(200, r.status(), r.body());
        browser.waitUpTo(10).until(d -> count("refused").equals("1") && drawn("refused") == 1);

        // HH900001 arrives at the small shelter: its occupancy shows its members against the capacity
        browser.waitUpTo(10).until(d -> d.findElement(By.cssSelector(".evac-step[data-household=HH900001][data-state=arrived]"))).click();
        int members = EventFixture.PLANNED.get("HH900001").members();
        String small = "[data-shelter=" + EventFixture.SMALL_SHELTER + "]";
        browser.waitUpTo(10).until(d -> d.findElement(By.cssSelector(".evac-shelter" + small)).getText().contains("已到 " + members + " / 容量 " + EventFixture.SMALL_CAPACITY));
        assertEquals(String.valueOf(planned - 2), count("to_move"));

        browser.driver.findElement(By.id("lang-switch")).click();
        browser.waitUpTo(5).until(d -> d.findElement(By.id("evac-panel")).getText().contains("Households by state"));
        assertTrue(browser.driver.findElement(By.cssSelector(".evac-shelter" + small)).getText().contains(members + " arrived / capacity " + EventFixture.SMALL_CAPACITY));
        assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
    }
}
