package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * The map page's feedback (issue 14) in real headless Chromium against the real server over the
 * seeded PostGIS: axe-core on the desk (1920×1080) and on a phone (390×844 with touch) with no
 * critical or serious violation; the tools driven by keys alone, their answers checked by SQL; the
 * busy state on a slowed network; errors and infos in separate slots; API errors in Chinese and English.
 */
class AccessibilityBrowserTest {
    private static DataSource ds;
    private static TestServer server;
    private static Browser desk;
    /** The seeded hazard point with the most neighbours (a busy view), and a Wanzhou point. */
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
        desk = new Browser();
        desk.driver.manage().window().setSize(new Dimension(1920, 1080));
    }

    @AfterAll
    static void stop() {
        if (desk != null) desk.close();
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
        checkStates(desk, "desk");
    }

    @Test
    void phone_390x844_has_no_critical_or_serious_axe_violations() throws Exception {
        try (Browser phone = Browser.phone(390, 844)) {
            checkStates(phone, "phone");
        }
    }

    /** The three states of the issue, each checked by axe: radius tool with its list, area tool, account and popup. */
    private static void checkStates(Browser browser, String device) throws Exception {
        browser.js("localStorage.clear()");
        browser.open(base(), view(11));
        browser.driver.findElement(By.id("tool-radius")).click();
        clickMapCentre(browser);
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results-body li[data-id]")).isEmpty());
        assertNoSeriousViolations(browser, device + ", radius tool open with its list");

        browser.driver.findElement(By.id("tool-area")).click();
        clickMapCentre(browser);
        assertNoSeriousViolations(browser, device + ", area tool open");
        browser.driver.findElement(By.id("hint-cancel")).click();

        String token = Api.token(ds, "无障碍检查 " + device, Role.VIEWER, "500101");
        browser.open(base(), "map=9/30.8/108.4");
        browser.signIn(token);
        browser.driver.findElement(By.id("search-input")).sendKeys(wanzhouHazard, Keys.ENTER);
        browser.visibleText(".leaflet-popup .rm-popup", 15);
        assertNoSeriousViolations(browser, device + ", signed in with a popup open");
        browser.screenshot("a11y-" + device + "-popup.png");
        browser.signOut();
    }

    /** What a tap on the middle of the map does, without depending on the phone layout's geometry. */
    private static void clickMapCentre(Browser browser) {
        browser.js("const m = window.riskmap.map; m.fire('click', { latlng: m.getCenter() })");
    }

    private static void assertNoSeriousViolations(Browser browser, String where) {
        List<AxeCheck.Violation> found = AxeCheck.criticalOrSerious(browser);
        assertTrue(found.isEmpty(), AxeCheck.describe(where, found));
    }

    @Test
    void the_tools_work_from_the_keyboard_and_answer_what_sql_finds() throws Exception {
        WebDriver d = desk.driver;
        WebElement radiusTool = startFromTheKeyboard("#tool-radius", 40);
        assertTrue(d.findElement(By.id("hint")).isDisplayed(), "the tool's bar shows");

        double[] before = centre();
        active().sendKeys(Keys.ARROW_RIGHT);
        desk.waitUpTo(5).until(x -> centre()[0] > before[0] + 1e-4);
        waitUntilStill();
        double[] picked = centre();
        active().sendKeys(Keys.ENTER);
        WebElement summary = desk.waitUpTo(20).until(x -> x.findElements(By.cssSelector("#results-body .result-summary")).stream().findFirst().orElse(null));
        double pageLon = Double.parseDouble(summary.getAttribute("data-lon"));
        double pageLat = Double.parseDouble(summary.getAttribute("data-lat"));
        assertEquals(picked[0], pageLon, 1e-6, "the radius query is centred on the map centre");
        assertEquals(picked[1], pageLat, 1e-6);
        double radius = Double.parseDouble(summary.getAttribute("data-radius"));
        Set<String> expected = new HashSet<>(ids("SELECT id FROM hazard_point WHERE ST_DWithin(geom::geography,"
                + " ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)", pageLon, pageLat, radius));
        assertTrue(!expected.isEmpty(), "points within " + radius + " m of the centre");
        assertEquals(expected, new HashSet<>(listedIds()), "the list holds what ST_DWithin finds");

        // Tab reaches the list; Enter on an entry brings the map to that point
        tabUntil("#results-body li[data-id]", 60);
        String id = active().getAttribute("data-id");
        active().sendKeys(Keys.ENTER);
        List<Double> at = coordinates(id);
        String offCentre = """
            const m = window.riskmap.map, p = m.latLngToContainerPoint([arguments[1], arguments[0]]), s = m.getSize();
            return Math.hypot(p.x - s.x / 2, p.y - s.y / 2);""";
        desk.waitUpTo(10).withMessage(() -> "point " + id + " at " + at + " is " + desk.js(offCentre, at.get(0), at.get(1)) + " px off the centre")
                .until(x -> ((Number) desk.js(offCentre, at.get(0), at.get(1))).doubleValue() < 2);

        // Escape ends the tool and gives the focus back to its button
        d.findElement(By.id("map")).click();
        active().sendKeys(Keys.ESCAPE);
        assertEquals("false", radiusTool.getAttribute("aria-pressed"));
        assertTrue(!d.findElement(By.id("hint")).isDisplayed(), "the tool's bar is gone");
        assertEquals("tool-radius", desk.js("return document.activeElement.id"));

        // the area tool: corners at the map centre by Enter, panned by the arrow keys, Finish reached by Shift+Tab
        active().sendKeys(Keys.TAB);
        assertEquals("tool-area", desk.js("return document.activeElement.id"));
        active().sendKeys(Keys.ENTER);
        desk.waitUpTo(5).until(x -> "map".equals(desk.js("return document.activeElement.id")));
        active().sendKeys(Keys.ENTER);
        for (Keys pan : List.of(Keys.ARROW_RIGHT, Keys.ARROW_DOWN)) {
            panThreeSteps(pan);
            active().sendKeys(Keys.ENTER);
        }
        new Actions(d).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("hint-cancel", desk.js("return document.activeElement.id"));
        new Actions(d).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("area-finish", desk.js("return document.activeElement.id"));
        active().sendKeys(Keys.ENTER);
        desk.waitUpTo(20).until(x -> !x.findElements(By.cssSelector("#results[data-kind='area'] .result-summary")).isEmpty());
        // the drawn polygon as the page sent it (corners rounded to 6 decimals), counted by PostGIS
        String ring = (String) desk.js("""
            let ring = null;
            window.riskmap.map.eachLayer((l) => { if (l instanceof L.Polygon) ring = l.getLatLngs()[0]; });
            const c = ring.map((v) => v.lng.toFixed(6) + ' ' + v.lat.toFixed(6));
            return c.concat([c[0]]).join(',');""");
        long inside = TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE ST_Within(geom, ST_GeomFromText('POLYGON((" + ring + "))', 4326))");
        assertTrue(inside > 0, "the keyboard triangle holds points: " + ring);
        assertEquals(inside, Long.parseLong(d.findElement(By.id("result-count")).getText().replace(",", "")));
        desk.screenshot("a11y-keyboard-area.png");

        // Finish gave the focus back to the area tool; the next button finds the shelters nearest the map centre
        assertEquals("tool-area", desk.js("return document.activeElement.id"));
        active().sendKeys(Keys.TAB);
        assertEquals("tool-shelters", desk.js("return document.activeElement.id"));
        active().sendKeys(Keys.ENTER);
        desk.waitUpTo(5).until(x -> "map".equals(desk.js("return document.activeElement.id")));
        double[] from = centre();
        active().sendKeys(Keys.ENTER);
        desk.waitUpTo(20).until(x -> !x.findElements(By.cssSelector("#results[data-kind='shelters'] li[data-id]")).isEmpty());
        List<String> nearest = ids("SELECT id FROM shelter ORDER BY ST_Distance(geom::geography,"
                + " ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, true), id LIMIT ?", round6(from[0]), round6(from[1]), 5);
        assertEquals(nearest, listedIds(), "the five shelters nearest the centre, by spheroid distance");
    }

    @Test
    void the_measure_tool_works_from_the_keyboard_and_measures_what_postgis_measures() throws Exception {
        WebElement button = startFromTheKeyboard("#measure-distance", 60);
        List<double[]> corners = new ArrayList<>();
        corners.add(centre());
        active().sendKeys(Keys.ENTER);
        for (Keys pan : List.of(Keys.ARROW_RIGHT, Keys.ARROW_DOWN)) {
            panThreeSteps(pan);
            corners.add(centre());
            active().sendKeys(Keys.ENTER);
        }
        active().sendKeys(Keys.ESCAPE);
        assertEquals("measure-distance", desk.js("return document.activeElement.id"), "Escape gives the focus back to the button");
        assertEquals("false", button.getAttribute("aria-pressed"));
        double shown = Double.parseDouble((String) desk.js("return document.getElementById('measure-result').dataset.metres"));
        double expected = 0;
        for (int i = 1; i < corners.size(); i++) {
            double[] a = corners.get(i - 1), b = corners.get(i);
            expected += Double.parseDouble(TestDatabase.row(ds, String.format(Locale.ROOT, "SELECT ST_Distance(ST_SetSRID(ST_MakePoint(%.12f, %.12f), 4326)::geography,"
                    + " ST_SetSRID(ST_MakePoint(%.12f, %.12f), 4326)::geography)", a[0], a[1], b[0], b[1])).get(0));
        }
        assertTrue(expected > 1000, "three keyboard pans at zoom 11 span kilometres: " + expected);
        assertEquals(expected, shown, expected * 1e-6, "the length of the centres taken by Enter, by ST_Distance on the spheroid");
    }

    @Test
    void a_slow_network_shows_the_busy_state_and_no_stale_statistics() throws Exception {
        desk.open(base(), view(10));
        desk.waitUpTo(15).until(x -> !x.findElement(By.id("stat-total")).getText().isEmpty());
        desk.waitUpTo(15).until(x -> !x.findElement(By.id("busy")).isDisplayed());
        // every change of the statistics, in order: busy or not, and the total shown
        desk.js("""
            window.statsLog = [];
            const stats = document.getElementById('stats');
            const note = () => { const b = document.getElementById('stat-total');
              window.statsLog.push([stats.getAttribute('aria-busy'), b ? b.textContent : null]); };
            new MutationObserver(note).observe(stats, { subtree: true, childList: true, characterData: true, attributes: true });""");
        desk.driver.executeCdpCommand("Network.enable", Map.of());
        desk.driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 1500, "downloadThroughput", 200_000, "uploadThroughput", 200_000));
        try {
            desk.js("window.riskmap.map.panBy([400, 250], { animate: false })");
            desk.waitUpTo(10).until(x -> "true".equals(desk.js("return document.getElementById('stats').getAttribute('aria-busy')")));
            assertTrue(desk.driver.findElement(By.id("busy")).isDisplayed(), "the top bar says 加载中…");
            assertEquals("", desk.driver.findElement(By.id("stat-total")).getText(), "the old total is gone while the new one loads");
            assertEquals(List.of(), desk.js("return [...document.querySelectorAll('[data-count-for]')].map((c) => c.textContent).filter((t) => t)"),
                    "no old count beside the category toggles either");
            String said = (String) desk.js("return getComputedStyle(document.getElementById('stats'), '::before').content");
            assertTrue(said.contains("加载中"), "the statistics say they are loading: " + said);
            desk.screenshot("a11y-loading.png");
            desk.waitUpTo(30).until(x -> "false".equals(desk.js("return document.getElementById('stats').getAttribute('aria-busy')"))
                    && !x.findElement(By.id("stat-total")).getText().isEmpty());
        } finally {
            desk.driver.executeCdpCommand("Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
        List<?> log = (List<?>) desk.js("return window.statsLog");
        int blank = -1;
        int fresh = -1;
        for (int i = 0; i < log.size(); i++) {
            List<?> e = (List<?>) log.get(i);
            if (blank < 0 && "true".equals(e.get(0)) && "".equals(e.get(1))) blank = i;
            if (fresh < 0 && "false".equals(e.get(0)) && e.get(1) != null && !"".equals(e.get(1))) fresh = i;
        }
        assertTrue(blank >= 0 && fresh > blank, "blank while busy, then the new total: " + log);
        desk.waitUpTo(30).until(x -> !x.findElement(By.id("busy")).isDisplayed());
    }

    @Test
    void server_errors_read_in_the_page_language_with_the_detail_at_hand_and_infos_do_not_hide_them() throws Exception {
        desk.js("localStorage.clear()");
        // a link with a category the server does not know: the statistics request is refused
        desk.load(base(), view(11) + "&cat=no_such_category");
        WebElement message = desk.waitUpTo(15).until(x -> x.findElement(By.id("message")).isDisplayed() ? x.findElement(By.id("message")) : null);
        assertEquals("出错了：查询参数有误", desk.driver.findElement(By.cssSelector("#message .rm-error-text")).getText());
        assertTrue(!message.getText().contains("unknown value"), "the English detail waits behind 详情: " + message.getText());
        message.findElement(By.cssSelector("#message .rm-error-detail summary")).click();
        assertTrue(message.getText().contains("category: unknown value 'no_such_category'"), message.getText());

        // an info afterwards goes to the status line; the error stays
        String token = Api.token(ds, "反馈检查", Role.VIEWER, "500101");
        desk.signIn(token);
        desk.driver.findElement(By.id("signout")).click();
        WebElement status = desk.driver.findElement(By.id("status-line"));
        desk.waitUpTo(10).until(x -> status.isDisplayed() && status.getText().contains("已退出登录"));
        assertTrue(message.isDisplayed(), "the error is still shown beside the info");
        assertEquals("polite", status.getAttribute("aria-live"));
        assertEquals("alert", message.getAttribute("role"));
        desk.screenshot("a11y-error-and-status.png");

        // a crossed polygon from the area tool: the server refuses the geometry
        desk.open(base(), view(11));
        drawBowTie();
        desk.waitUpTo(15).until(x -> "出错了：区域图形无效".equals(x.findElement(By.cssSelector("#message .rm-error-text")).getText()));
        desk.driver.findElement(By.id("lang-switch")).click();
        assertEquals("Error: invalid area", desk.driver.findElement(By.cssSelector("#message .rm-error-text")).getText());
        desk.driver.findElement(By.id("message-close")).click();
        assertTrue(!desk.driver.findElement(By.id("message")).isDisplayed(), "closed by its button");

        desk.load(base(), view(11) + "&cat=no_such_category");
        desk.waitUpTo(15).until(x -> "Error: invalid query parameter".equals(x.findElement(By.cssSelector("#message .rm-error-text")).getText()));
        drawBowTie();
        desk.waitUpTo(15).until(x -> "Error: invalid area".equals(x.findElement(By.cssSelector("#message .rm-error-text")).getText()));
        desk.js("localStorage.clear()");
        desk.collectConsole(m -> true); // the refused requests are expected here
    }

    /** Corners of a bow-tie (the ring crosses itself) with the area tool, then Finish. */
    private static void drawBowTie() {
        desk.driver.findElement(By.id("tool-area")).click();
        WebElement map = desk.driver.findElement(By.id("map"));
        for (int[] c : new int[][] {{-150, -120}, {150, 120}, {150, -120}, {-150, 120}}) {
            new Actions(desk.driver).moveToElement(map, c[0], c[1]).click().perform();
        }
        desk.driver.findElement(By.id("area-finish")).click();
    }

    private static WebElement active() {
        return desk.driver.switchTo().activeElement();
    }

    /** Presses Tab until the focused element matches {@code css}; fails after {@code most} presses. */
    private static void tabUntil(String css, int most) {
        for (int i = 0; i < most; i++) {
            if (Boolean.TRUE.equals(desk.js("return !!document.activeElement && document.activeElement.matches(arguments[0])", css))) return;
            new Actions(desk.driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(css + " not reached with " + most + " Tab presses; focus on "
                + desk.js("return document.activeElement.outerHTML.slice(0, 120)"));
    }

    /** On a fresh desk page, tabs to the tool button {@code css} and starts it by Enter: the map takes the focus and marks its centre. */
    private static WebElement startFromTheKeyboard(String css, int most) {
        desk.js("localStorage.clear()");
        desk.open(base(), view(11));
        desk.js("document.activeElement.blur()");
        tabUntil(css, most);
        WebElement button = active();
        button.sendKeys(Keys.ENTER);
        desk.waitUpTo(5).until(x -> "map".equals(desk.js("return document.activeElement.id")));
        assertEquals("true", button.getAttribute("aria-pressed"));
        assertTrue(((String) desk.js("return getComputedStyle(document.getElementById('map'), '::after').content")).contains("\""),
                "the focused map marks its centre");
        return button;
    }

    /** Pans the focused map by three presses of an arrow key and waits for the animation to end. */
    private static void panThreeSteps(Keys pan) {
        double[] from = centre();
        active().sendKeys(pan, pan, pan);
        desk.waitUpTo(5).until(x -> centre()[0] != from[0] || centre()[1] != from[1]);
        waitUntilStill();
    }

    private static double[] centre() {
        List<?> c = (List<?>) desk.js("const c = window.riskmap.map.getCenter(); return [c.lng, c.lat]");
        return new double[] {((Number) c.get(0)).doubleValue(), ((Number) c.get(1)).doubleValue()};
    }

    /** Waits until the keyboard's pan animation has ended. */
    private static void waitUntilStill() {
        double[][] last = {centre()};
        desk.waitUpTo(5).until(x -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            double[] now = centre();
            boolean still = now[0] == last[0][0] && now[1] == last[0][1];
            last[0] = now;
            return still;
        });
    }

    private static List<String> listedIds() {
        return desk.driver.findElements(By.cssSelector("#results-body li[data-id]")).stream().map(li -> li.getAttribute("data-id"))
                .collect(Collectors.toList());
    }

    private static List<Double> coordinates(String id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement("SELECT ST_X(geom), ST_Y(geom) FROM hazard_point WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), id);
                return List.of(rs.getDouble(1), rs.getDouble(2));
            }
        }
    }

    /** A coordinate as the page sends it (toFixed(6)). */
    private static double round6(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6f", v));
    }

    private static List<String> ids(String sql, double lonArg, double latArg, double third) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setDouble(1, lonArg);
            st.setDouble(2, latArg);
            st.setDouble(3, third);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }
}
