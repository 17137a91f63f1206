package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * The map page on a phone (issue 14): Chromium emulating a 390×844 touch screen (and 844×390 in
 * landscape) through DevTools, driven by real touch taps ({@link PhoneBrowsing}). Every tool button
 * lies inside the screen, on one line, at least 44 px square; each tool works by tap; the results
 * sheet takes at least 45% of the height and folds to a peek; "my location" with an emulated
 * position lists exactly the points an independent ST_DWithin finds within 2 km and the shelters
 * SQL ranks nearest; a tap on an old result marker while a tool waits goes to the tool.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapPagePhoneBrowserTest {
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;
    private static final String BAR_BUTTONS = "#topbar .tools button";
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static PhoneBrowsing phone;
    /** "My location": 200 m off the hazard point with the most neighbours within 2 km, 6 decimals as the page sends. */
    private static double lat;
    private static double lon;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        List<String> busiest = TestDatabase.row(ds, """
            SELECT round(ST_Y(p.geom)::numeric + 0.0018, 6)::text, round(ST_X(p.geom)::numeric + 0.0009, 6)::text FROM hazard_point p
            ORDER BY (SELECT count(*) FROM hazard_point q WHERE ST_DWithin(q.geom::geography, p.geom::geography, 2000)) DESC, p.id LIMIT 1""");
        lat = Double.parseDouble(busiest.get(0));
        lon = Double.parseDouble(busiest.get(1));
        server = new TestServer(ds);
        browser = new Browser();
        phone = new PhoneBrowsing(browser);
        phone.phone(WIDTH, HEIGHT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    static String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    static void open(int zoom) {
        String hash = String.format(Locale.ROOT, "map=%d/%.6f/%.6f", zoom, lat, lon);
        browser.open(origin() + "/", hash);
        if (!touchScreen()) { // the emulation was dropped with the tab's first page: set it up again and reload under it
            phone.reapply();
            browser.open(origin() + "/", hash);
        }
        assertEquals(true, touchScreen(), "a touch screen is emulated");
    }

    private static boolean touchScreen() {
        return Boolean.TRUE.equals(browser.js("return navigator.maxTouchPoints > 0 && matchMedia('(pointer: coarse)').matches"));
    }

    static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    /** left, top, right, bottom, width, height of an element's box on screen. */
    static double[] box(WebElement el) {
        List<?> r = (List<?>) browser.js("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, r.width, r.height];", el);
        return r.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** The ids SQL finds within {@code metres} of (lat, lon) on the spheroid, nearest first. */
    static List<String> sqlWithin(double atLat, double atLon, int metres) {
        return TestDatabase.ids(ds, String.format(Locale.ROOT, """
            SELECT id FROM hazard_point, (SELECT ST_SetSRID(ST_MakePoint(%.6f, %.6f), 4326)::geography AS g) c
            WHERE ST_DWithin(geom::geography, c.g, %d) ORDER BY ST_Distance(geom::geography, c.g), id""", atLon, atLat, metres));
    }

    /** The {@code k} shelters nearest (lat, lon) on the spheroid. */
    static List<String> sqlNearestShelters(double atLat, double atLon, int k) {
        return TestDatabase.ids(ds, String.format(Locale.ROOT, """
            SELECT id FROM shelter, (SELECT ST_SetSRID(ST_MakePoint(%.6f, %.6f), 4326)::geography AS g) c
            ORDER BY ST_Distance(geom::geography, c.g), id LIMIT %d""", atLon, atLat, k));
    }

    static List<String> listedIds(String kind) {
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='" + kind + "'] #results-body")).isEmpty()
                && !d.findElements(By.cssSelector("#results-body li[data-id], #results-body .note")).isEmpty());
        return browser.driver.findElements(By.cssSelector("#results-body li[data-id]")).stream().map(li -> li.getAttribute("data-id")).toList();
    }

    /** A tap on the map at container point (x, y), where nothing covers the map; the map position there, 6 decimals. */
    static double[] tapMap(double x, double y) {
        double[] m = box(byId("map"));
        List<?> ll = (List<?>) browser.js("const p = window.riskmap.map.containerPointToLatLng([arguments[0], arguments[1]]);"
                + " const hit = document.elementFromPoint(arguments[2], arguments[3]);"
                + " return [p.lat.toFixed(6), p.lng.toFixed(6), document.getElementById('map').contains(hit) && !hit.closest('.leaflet-control')];",
                x, y, m[0] + x, m[1] + y);
        assertEquals(true, ll.get(2), "the map is uncovered (no control over it) at " + x + "," + y);
        phone.tapAt(m[0] + x, m[1] + y);
        return new double[] {Double.parseDouble((String) ll.get(0)), Double.parseDouble((String) ll.get(1))};
    }

    /** Every visible bar button: inside the screen, ≥ 44 px each way, its label on one unclipped line, nothing over it. */
    static void assertBarFits(int width, int height) {
        List<WebElement> buttons = browser.driver.findElements(By.cssSelector(BAR_BUTTONS)).stream().filter(WebElement::isDisplayed).toList();
        assertTrue(buttons.size() >= 7, "radius, area, shelters, allocate, clear, my location, layers: " + buttons.size());
        for (WebElement b : buttons) {
            List<?> g = (List<?>) browser.js("""
                const b = arguments[0], r = b.getBoundingClientRect(), range = document.createRange();
                range.selectNodeContents(b);
                const lines = new Set([...range.getClientRects()].map((q) => Math.round(q.top))).size;
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return [r.left, r.top, r.right, r.bottom, r.width, r.height, lines, range.getBoundingClientRect().height,
                  parseFloat(getComputedStyle(b).fontSize), b.scrollWidth <= b.clientWidth, hit === b || b.contains(hit)];""", b);
            String what = "'" + b.getText() + "' " + g;
            assertTrue(num(g.get(0)) >= 0 && num(g.get(2)) <= width && num(g.get(1)) >= 0 && num(g.get(3)) <= height, what + ": inside the screen");
            assertTrue(num(g.get(4)) >= 44 && num(g.get(5)) >= 44, what + ": a 44 px target");
            assertEquals(1, num(g.get(6)), 0, what + ": the label is one line");
            assertTrue(num(g.get(7)) < 1.6 * num(g.get(8)), what + ": the label is one line high");
            assertEquals(true, g.get(9), what + ": the label is not clipped");
            assertEquals(true, g.get(10), what + ": nothing covers it");
        }
        List<?> w = (List<?>) browser.js("return [document.documentElement.scrollWidth, window.innerWidth]");
        assertTrue(num(w.get(0)) <= num(w.get(1)), "no sideways scrolling: " + w);
    }

    @Test
    @Order(1)
    void every_tool_button_is_on_screen_on_one_line_and_a_44px_target_in_both_languages() {
        browser.js("localStorage.clear()");
        open(13);
        assertEquals(List.of(WIDTH, HEIGHT), List.of(phone.viewport()[0], phone.viewport()[1]));
        assertBarFits(WIDTH, HEIGHT);
        assertEquals("半径查询", byId("tool-radius").getText());
        phone.tap(byId("lang-switch"));
        assertEquals("Radius", byId("tool-radius").getText());
        assertBarFits(WIDTH, HEIGHT);
        phone.tap(byId("lang-switch"));
        assertEquals("最近避难所", byId("tool-shelters").getText());
    }

    @Test
    @Order(2)
    void radius_by_tap_lists_what_sql_finds_and_the_sheet_takes_half_the_screen_or_a_peek() throws Exception {
        open(14);
        phone.tap(byId("tool-radius"));
        WebElement value = byId("radius-value");
        value.clear();
        value.sendKeys("2");
        double[] mapBox = box(byId("map"));
        double[] at = tapMap(mapBox[4] / 2, mapBox[5] / 2);
        List<String> listed = listedIds("radius");
        assertEquals("2000", browser.driver.findElement(By.cssSelector("#results-body .result-summary")).getAttribute("data-radius"));
        assertEquals(sqlWithin(at[0], at[1], 2000), listed, "the points within 2 km of the tapped centre, nearest first");
        assertFalse(listed.isEmpty(), "the busiest place has points around it");

        WebElement sheet = byId("results");
        double[] full = box(sheet);
        double barTop = box(browser.driver.findElement(By.cssSelector("#topbar .tools")))[1];
        assertTrue(full[5] >= 0.45 * HEIGHT, "the results take at least 45% of the height: " + full[5]);
        assertTrue(full[3] <= barTop + 1 && full[1] >= box(byId("topbar"))[3], "the sheet lies between the top bar and the tool bar");
        browser.screenshot("phone-portrait.png");

        WebElement handle = browser.driver.findElement(By.cssSelector("#results .rm-sheet-handle"));
        phone.tap(handle);
        browser.waitUpTo(5).until(d -> box(sheet)[5] < 120);
        assertTrue(byId("results-title").isDisplayed(), "a peek still shows what the results are");
        browser.screenshot("phone-portrait-peek.png");
        double[] h = box(handle);
        phone.drag(h[0] + h[4] / 2, h[1] + h[5] / 2, h[1] - 300);
        browser.waitUpTo(5).until(d -> box(sheet)[5] >= 0.45 * HEIGHT);
        h = box(handle);
        phone.drag(h[0] + h[4] / 2, h[1] + h[5] / 2, h[1] + 300);
        browser.waitUpTo(5).until(d -> box(sheet)[5] < 120);
    }

    @Test
    @Order(3)
    void area_shelters_layers_allocation_and_clear_work_by_tap() {
        open(13);
        phone.tap(byId("tool-area"));
        double[] m = box(byId("map"));
        double[][] corners = {{0.35, 0.3}, {0.8, 0.3}, {0.8, 0.6}, {0.35, 0.6}}; // clear of the map's controls
        StringBuilder ring = new StringBuilder();
        for (double[] c : corners) {
            double[] ll = tapMap(m[4] * c[0], m[5] * c[1]);
            ring.append(String.format(Locale.ROOT, "%.6f %.6f,", ll[1], ll[0]));
            browser.waitUpTo(5).until(d -> ((Number) browser.js("let n = 0; window.riskmap.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.options.color === '#6a1b9a') n++; }); return n;")).intValue() > 0);
        }
        ring.append(ring, 0, ring.indexOf(","));
        phone.tap(byId("area-finish"));
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='area'] #result-count")).isEmpty());
        long expected = TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE ST_Intersects(geom, ST_GeomFromText('POLYGON((" + ring + "))', 4326))");
        assertEquals(expected, Long.parseLong(byId("result-count").getText().replace(",", "")), "the tapped polygon holds what SQL counts in it");

        phone.tap(byId("tool-shelters"));
        double[] from = tapMap(m[4] * 0.5, m[5] * 0.3);
        assertEquals(sqlNearestShelters(from[0], from[1], 5), listedIds("shelters"), "the 5 nearest shelters of the tapped point");

        phone.tap(byId("tool-layers"));
        WebElement side = byId("sidebar");
        browser.waitUpTo(5).until(d -> side.isDisplayed());
        double[] s = box(side);
        assertTrue(s[0] >= 0 && s[2] <= WIDTH && s[1] >= 0 && s[3] <= HEIGHT, "the layers sheet is on screen: " + java.util.Arrays.toString(s));
        assertFalse(browser.driver.findElements(By.cssSelector(".rm-layer-shelters")).isEmpty(), "shelters shown");
        phone.tap(browser.driver.findElement(By.cssSelector("label:has(#layer-shelters)")));
        browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector(".rm-layer-shelters")).isEmpty());
        phone.tap(byId("tool-layers"));
        browser.waitUpTo(5).until(d -> !side.isDisplayed());

        phone.tap(byId("tool-allocate"));
        browser.waitUpTo(5).until(d -> byId("alloc-panel").isDisplayed());
        assertTrue(box(byId("alloc-panel"))[5] >= 0.45 * HEIGHT, "the allocation panel is a sheet of its own");
        phone.tap(byId("alloc-close"));
        phone.tap(byId("tool-clear"));
        browser.waitUpTo(5).until(d -> !byId("results").isDisplayed());
    }

    @Test
    @Order(4)
    void my_location_gives_the_points_within_2_km_and_the_nearest_shelters_sql_finds() {
        phone.locatedAt(origin(), lat, lon);
        open(11);
        phone.tap(byId("tool-locate"));
        browser.waitUpTo(10).until(d -> byId("locate-hazards").isEnabled());
        assertTrue(byId("locate-where").getText().contains(String.format(Locale.ROOT, "%.5f, %.5f", lat, lon)), byId("locate-where").getText());
        phone.tap(byId("locate-hazards"));
        List<String> expected = sqlWithin(lat, lon, 2000);
        assertTrue(expected.size() >= 2, "several points within 2 km of the chosen place: " + expected);
        browser.waitUpTo(20).until(d -> "2000".equals(browser.js("const s = document.querySelector('#results-body .result-summary'); return s && s.dataset.radius")));
        assertEquals(expected, listedIds("radius"), "exactly the points ST_DWithin finds within 2000 m, nearest first");
        assertEquals(String.format(Locale.ROOT, "%.6f", lon), browser.driver.findElement(By.cssSelector("#results-body .result-summary")).getAttribute("data-lon"));

        phone.tap(byId("tool-locate"));
        browser.waitUpTo(10).until(d -> byId("locate-shelter").isEnabled());
        phone.tap(byId("locate-shelter"));
        List<String> shelters = listedIds("shelters");
        assertEquals(sqlNearestShelters(lat, lon, 1).get(0), shelters.get(0), "the nearest shelter is SQL's nearest");
        assertEquals(sqlNearestShelters(lat, lon, 5), shelters);
    }

    @Test
    @Order(5)
    void a_refused_or_missing_position_says_so_in_both_languages() {
        open(11);
        phone.permitLocation(origin(), "denied");
        phone.tap(byId("tool-locate"));
        assertTrue(messageText().startsWith("无法获取您的位置：浏览器未允许本页使用位置信息"), messageText());
        assertFalse(byId("locate-panel").isDisplayed(), "nothing offered without a position");
        phone.tap(byId("lang-switch"));
        phone.tap(byId("tool-locate"));
        browser.waitUpTo(10).until(d -> messageText().startsWith("Your location is not available"));

        phone.permitLocation(origin(), "granted");
        phone.noPositionFix();
        phone.tap(byId("tool-locate"));
        browser.waitUpTo(20).until(d -> messageText().startsWith("Your position cannot be determined now"));
        phone.tap(byId("lang-switch"));
        phone.tap(byId("tool-locate"));
        browser.waitUpTo(20).until(d -> messageText().startsWith("暂时无法确定您的位置"));
    }

    static String messageText() {
        return browser.waitUpTo(20).until(d -> byId("message").isDisplayed() ? byId("message-body").getText() : null);
    }

    @Test
    @Order(6)
    void a_tap_on_an_old_result_marker_goes_to_the_tool_that_waits() {
        open(14);
        phone.tap(byId("tool-radius"));
        double[] m = box(byId("map"));
        tapMap(m[4] / 2, m[5] / 2);
        assertFalse(listedIds("radius").isEmpty());
        phone.tap(byId("tool-shelters"));
        browser.waitUpTo(5).until(d -> box(byId("results"))[5] < 120); // a waiting tool folds the sheet: the markers show
        // a result marker clear of the hint, the sheet and the bars
        List<?> at = (List<?>) browser.js("""
            const free = (x, y) => ['hint', 'results', 'topbar'].every((id) => { const r = document.getElementById(id).getBoundingClientRect();
              return !(x >= r.left && x <= r.right && y >= r.top && y <= r.bottom); })
              && y < document.querySelector('#topbar .tools').getBoundingClientRect().top;
            for (const p of document.querySelectorAll('.rm-result-icon')) {
              const r = p.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
              if (r.width > 0 && free(x, y)) return [x, y];
            }
            return null;""");
        assertTrue(at != null, "a result marker on the open map");
        phone.tapAt(num(at.get(0)), num(at.get(1)));
        listedIds("shelters");
        assertTrue(browser.driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty(), "no old popup took the tap");
    }

    @Test
    @Order(7)
    void landscape_keeps_the_tools_in_one_row_and_the_results_in_a_usable_column() throws Exception {
        phone.phone(HEIGHT, WIDTH);
        phone.locatedAt(origin(), lat, lon);
        open(13);
        assertEquals(List.of(HEIGHT, WIDTH), List.of(phone.viewport()[0], phone.viewport()[1]));
        assertBarFits(HEIGHT, WIDTH);
        List<?> tops = (List<?>) browser.js("return [...document.querySelectorAll('" + BAR_BUTTONS + "')].filter((b) => b.offsetParent).map((b) => Math.round(b.getBoundingClientRect().top))");
        assertEquals(1, tops.stream().distinct().count(), "one row of tools: " + tops);
        phone.tap(byId("tool-locate"));
        browser.waitUpTo(10).until(d -> byId("locate-hazards").isEnabled());
        phone.tap(byId("locate-hazards"));
        assertEquals(sqlWithin(lat, lon, 2000), listedIds("radius"));
        double[] sheet = box(byId("results"));
        assertTrue(sheet[4] >= 300 && sheet[5] >= 0.6 * WIDTH, "a results column of at least 300 px × 60% of the height: " + java.util.Arrays.toString(sheet));
        assertTrue(sheet[0] >= 0.45 * HEIGHT, "the map keeps the left half: " + sheet[0]);
        browser.screenshot("phone-landscape.png");
        phone.phone(WIDTH, HEIGHT);
    }

    @Test
    @Order(8)
    void no_console_errors_except_the_unreachable_base_map() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
