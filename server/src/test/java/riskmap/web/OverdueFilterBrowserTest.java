package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import riskmap.TestClock;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * The map page's overdue filter (超期隐患) in a real headless Chromium: a Wanzhou viewer turns it on and
 * sees exactly the points whose rectification is past its deadline while work is owed, in its scope,
 * counted; a deadline passing on the server's clock adds its point; off gives the normal map back.
 */
class OverdueFilterBrowserTest {
    private static final Instant START = Instant.parse("2026-07-01T04:00:00Z");
    private static final Set<String> OWED = Set.of("ordered", "rectifying", "rejected");

    /** One test rectification: its point, county, state and deadline relative to START. */
    private record Case(String hazard, String county, String state, Duration fromStart) {
        Instant deadline() {
            return START.plus(fromStart);
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("HPOD1", "500101", "ordered", Duration.ofDays(-3).minusHours(2)),
            new Case("HPOD2", "500101", "rectifying", Duration.ofHours(-1)),
            new Case("HPOD3", "500101", "ordered", Duration.ofDays(2)),      // due in two days
            new Case("HPOD4", "500101", "submitted", Duration.ofDays(-5)),   // work handed in: not owed
            new Case("HPOD5", "500101", "rejected", Duration.ofDays(-10)),
            new Case("HPOD6", "500102", "ordered", Duration.ofDays(-2)));    // another county

    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static String viewer;
    private static final TestClock clock = new TestClock(START);

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        TestDatabase.emptyFeatureTables(ds);
        viewer = Api.token(ds, "万州查看", Role.VIEWER, "500101");
        try (var c = ds.getConnection();
             var point = c.prepareStatement("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                     + " VALUES (?, 'landslide', ?, 3, ?, ST_SetSRID(ST_MakePoint(?, 30.80), 4326))");
             var rect = c.prepareStatement("INSERT INTO rectification (id, hazard_id, state, deadline, created_at, created_by)"
                     + " VALUES (?, ?, ?, ?, ?, 'test')")) {
            for (int i = 0; i < CASES.size(); i++) {
                Case k = CASES.get(i);
                point.setString(1, k.hazard());
                point.setString(2, k.hazard() + "滑坡");
                point.setString(3, k.county() + "001001");
                point.setDouble(4, 108.40 + 0.002 * i);
                point.executeUpdate();
                rect.setString(1, "RC9" + k.hazard());
                rect.setString(2, k.hazard());
                rect.setString(3, k.state());
                rect.setTimestamp(4, Timestamp.from(k.deadline()));
                rect.setTimestamp(5, Timestamp.from(START.minus(Duration.ofDays(20))));
                rect.executeUpdate();
            }
        }
        server = new TestServer(ds, Map.of(), clock);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** Independently of the server: owed work, deadline before now, in Wanzhou. */
    private static Set<String> expectedOverdue(Instant now) {
        return CASES.stream().filter(k -> k.county().equals("500101") && OWED.contains(k.state()) && k.deadline().isBefore(now))
                .map(Case::hazard).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> shown() {
        return new TreeSet<>(((List<?>) browser.js("return window.riskmap.overdueShown()")).stream().map(Object::toString).toList());
    }

    private static void toggle(boolean on) {
        WebElement box = browser.driver.findElement(By.id("filter-overdue"));
        if (box.isSelected() != on) box.click();
    }

    @Test
    void the_overdue_filter_shows_exactly_the_overdue_points_of_the_callers_scope() throws Exception {
        browser.open("http://127.0.0.1:" + server.port() + "/", "map=15/30.8000/108.4050");
        assertTrue(browser.driver.findElements(By.cssSelector("#overdue-toggle:not([hidden])")).isEmpty(), "anonymous callers get no toggle");
        browser.driver.findElement(By.id("signin-token")).sendKeys(viewer);
        browser.driver.findElement(By.id("signin-submit")).click();
        browser.waitUpTo(10).until(d -> d.findElement(By.id("overdue-toggle")).isDisplayed());
        browser.waitForHazards();
        browser.waitUpTo(20).until(d -> browser.drawnHazards() > 0);

        Set<String> expected = expectedOverdue(START);
        assertEquals(Set.of("HPOD1", "HPOD2", "HPOD5"), expected, "the cases themselves");
        toggle(true);
        browser.waitUpTo(10).until(d -> d.findElement(By.id("overdue-count")).getText().startsWith(expected.size() + " 个超期隐患"));
        assertEquals(expected, shown());
        assertEquals(expected.size(), browser.driver.findElements(By.cssSelector("path.rm-overdue")).size());
        assertEquals(0L, browser.drawnHazards(), "the normal hazard layer is off while the filter is on");

        // the popup of the longest-overdue point names its rectification, deadline and days overdue
        browser.js("window.riskmap.map.eachLayer((l) => { if (l.options && l.options.hazardId === 'HPOD5') l.openPopup(); })");
        String popup = browser.visibleText(".leaflet-popup .od-popup", 5);
        long days = Duration.between(CASES.get(4).deadline(), START).toDays();
        assertTrue(popup.contains("RC9HPOD5") && popup.contains("已超期 " + days + " 天") && popup.contains("验收不通过"), popup);
        assertTrue(popup.contains("2026/6/21"), popup); // the deadline, in the browser's zone (the test runs Chromium in UTC or +08:00)

        // three days on, the point due in two days is overdue too
        clock.advance(Duration.ofDays(3));
        Set<String> later = expectedOverdue(START.plus(Duration.ofDays(3)));
        assertEquals(expected.size() + 1, later.size());
        toggle(false);
        toggle(true);
        browser.waitUpTo(10).until(d -> d.findElement(By.id("overdue-count")).getText().startsWith(later.size() + " 个超期隐患"));
        assertEquals(later, shown());

        toggle(false);
        browser.waitForHazards();
        browser.waitUpTo(20).until(d -> browser.drawnHazards() > 0);
        assertTrue(browser.driver.findElements(By.cssSelector("path.rm-overdue")).isEmpty());
        assertEquals("", browser.driver.findElement(By.id("overdue-count")).getText());
        assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
    }
}
