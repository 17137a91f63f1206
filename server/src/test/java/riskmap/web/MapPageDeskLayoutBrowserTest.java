package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * The map page on a 1920×1080 desk screen keeps its desk layout next to the phone one (issue 14):
 * the 48 px top bar holds every tool on one row, the 290 px sidebar on the left, the 330 px
 * results column on the right, no bottom bar, no sheet handles, no phone-only buttons. A mouse
 * click on an old result marker while a tool waits runs the tool; without a tool it opens the
 * marker's popup as before.
 */
class MapPageDeskLayoutBrowserTest {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        DataSource ds = TestDatabase.seeded();
        server = new TestServer(ds);
        browser = new Browser();
        new PhoneBrowsing(browser).desk(WIDTH, HEIGHT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    static double[] box(String css) {
        List<?> r = (List<?>) browser.js("const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", css);
        return r.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    static void assertBox(String css, double left, double top, double right, double bottom) {
        double[] b = box(css);
        assertEquals(List.of(left, top, right, bottom), List.of(b[0], b[1], b[2], b[3]), css + " on a " + WIDTH + "×" + HEIGHT + " screen");
    }

    @Test
    void the_desk_layout_is_unchanged_and_a_click_on_an_old_marker_goes_to_the_waiting_tool() throws Exception {
        List<String> point = TestDatabase.row(TestDatabase.seeded(), "SELECT ST_Y(geom)::text, ST_X(geom)::text FROM hazard_point"
                + " ORDER BY (SELECT count(*) FROM hazard_point q WHERE q.geom && ST_Expand(hazard_point.geom, 0.05)) DESC, id LIMIT 1");
        browser.js("localStorage.clear()");
        browser.open("http://127.0.0.1:" + server.port() + "/", String.format(Locale.ROOT, "map=13/%s/%s", point.get(0), point.get(1)));
        assertEquals(List.of(1920L, 1080L), browser.js("return [window.innerWidth, window.innerHeight]"));
        assertBox("#topbar", 0, 0, WIDTH, 48);
        assertBox("#sidebar", 0, 48, 290, HEIGHT);
        assertBox("#map", 290, 48, WIDTH, HEIGHT);
        for (WebElement b : browser.driver.findElements(By.cssSelector("#topbar .tools button"))) {
            if (!b.isDisplayed()) continue;
            List<?> r = (List<?>) browser.js("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", b);
            assertTrue(((Number) r.get(0)).doubleValue() > 0 && ((Number) r.get(1)).doubleValue() < 48, b.getText() + " in the top bar: " + r);
        }
        assertEquals("半径查询", browser.driver.findElement(By.id("tool-radius")).getText());
        for (String phoneOnly : List.of("tool-locate", "tool-layers", "locate-panel")) {
            assertFalse(browser.driver.findElement(By.id(phoneOnly)).isDisplayed(), phoneOnly + " is for phones");
        }
        assertEquals("static", browser.js("return getComputedStyle(document.querySelector('#topbar .tools')).position"), "no bottom bar");

        browser.driver.findElement(By.id("tool-radius")).click();
        new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("map"))).click().perform();
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='radius'] li[data-id]")).isEmpty());
        assertBox("#results", WIDTH - 330, 48, WIDTH, HEIGHT);
        assertBox("#map", 290, 48, WIDTH - 330, HEIGHT);
        assertFalse(browser.driver.findElement(By.cssSelector("#results .rm-sheet-handle")).isDisplayed(), "no sheet handle on the desk");
        browser.screenshot("desk.png");

        // an old result marker under the pointer: with no tool it opens its popup, as before
        browser.driver.findElement(By.id("tool-radius")).click();
        WebElement marker = browser.driver.findElements(By.cssSelector(".rm-result-icon")).get(0);
        List<?> at = (List<?>) browser.js("const r = arguments[0].getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();"
                + " return [Math.round(r.left + r.width / 2 - m.left - m.width / 2), Math.round(r.top + r.height / 2 - m.top - m.height / 2)];", marker);
        int dx = ((Number) at.get(0)).intValue();
        int dy = ((Number) at.get(1)).intValue();
        new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("map")), dx, dy).click().perform();
        assertTrue(browser.visibleText(".leaflet-popup .rm-popup", 10).contains("风险等级"), "the marker's popup");
        browser.driver.findElement(By.cssSelector(".leaflet-popup-close-button")).click();
        // with the shelters tool waiting, the same click is the tool's
        browser.driver.findElement(By.id("tool-shelters")).click();
        new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("map")), dx, dy).click().perform();
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='shelters'] li[data-id]")).isEmpty());
        assertTrue(browser.driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty(), "no old popup took the click");
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
