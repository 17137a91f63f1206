package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * axe-core over the map page (issue 14, "Feedback") in real headless Chromium, on the desk
 * (1920×1080) and on a phone (390×844 with touch): no critical or serious violation with the
 * radius tool open, with the area tool open, and signed in with a point's popup open.
 */
class AccessibilityBrowserTest {
    private static DataSource ds;
    private static TestServer server;
    /** The seeded hazard point with the most neighbours (a busy view), and a Wanzhou point with a phone. */
    private static double lon;
    private static double lat;
    private static String wanzhouHazard;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                 SELECT ST_X(p.geom), ST_Y(p.geom) FROM hazard_point p
                 ORDER BY (SELECT count(*) FROM hazard_point q WHERE q.geom && ST_Expand(p.geom, 0.1)) DESC, p.id LIMIT 1""")) {
            assertTrue(rs.next(), "the demo seeds hold hazard points");
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
        wanzhouHazard = TestDatabase.ids(ds, "SELECT id FROM hazard_point WHERE admin_code LIKE '500101%' ORDER BY id LIMIT 1").get(0);
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static String base() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    static String view(int zoom) {
        return String.format(Locale.ROOT, "map=%d/%.5f/%.5f", zoom, lat, lon);
    }

    @Test
    void desk_1920x1080_has_no_critical_or_serious_axe_violations() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver.manage().window().setSize(new Dimension(1920, 1080));
            checkStates(browser, "desk");
        }
    }

    @Test
    void phone_390x844_has_no_critical_or_serious_axe_violations() throws Exception {
        try (Browser browser = Browser.phone(390, 844)) {
            checkStates(browser, "phone");
        }
    }

    /** The three states of the issue, each checked by axe: radius tool with its list, area tool, account and popup. */
    private static void checkStates(Browser browser, String device) throws Exception {
        browser.js("localStorage.clear()");
        browser.open(base(), view(11));
        click(browser, "tool-radius");
        browser.js("const m = window.riskmap.map; m.fire('click', { latlng: m.getCenter() })");
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results-body li[data-id]")).isEmpty());
        assertNoSeriousViolations(browser, device + ", radius tool open with its list");

        click(browser, "tool-area");
        browser.js("const m = window.riskmap.map; m.fire('click', { latlng: m.getCenter() })");
        assertNoSeriousViolations(browser, device + ", area tool open");
        click(browser, "hint-cancel");

        String token = Api.token(ds, "无障碍检查 " + device, Role.VIEWER, "500101");
        browser.open(base(), "map=9/30.8/108.4");
        browser.signIn(token);
        browser.driver.findElement(By.id("search-input")).sendKeys(wanzhouHazard, Keys.ENTER);
        browser.visibleText(".leaflet-popup .rm-popup", 15);
        assertNoSeriousViolations(browser, device + ", signed in with a popup open");
        browser.screenshot("a11y-" + device + "-popup.png");
    }

    private static void click(Browser browser, String id) {
        browser.driver.findElement(By.id(id)).click();
    }

    private static void assertNoSeriousViolations(Browser browser, String where) {
        List<AxeCheck.Violation> found = AxeCheck.criticalOrSerious(browser);
        assertEquals(List.of(), found, AxeCheck.describe(where, found));
    }
}
