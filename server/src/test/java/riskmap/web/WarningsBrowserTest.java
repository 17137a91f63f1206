package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Action;
import riskmap.auth.Tokens;
import riskmap.store.TokenStore;

/**
 * The warnings tool of the map page (issue 10) in a real headless Chromium against the real server
 * over the seeded PostGIS: an account with issue_warning draws an area over known points, previews
 * whom the server would call (the count checked against an independent SQL count of the fixture),
 * issues and watches the board; an anonymous visitor then sees the warning drawn on the map.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarningsBrowserTest {
    private static final String WANZHOU = "500101";
    /** The test's warnings carry this in their headline, so the clean-up removes only them. */
    private static final String MARK = "浏览器测试";
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static String issuer;
    /** The id of the warning issued by the drawing test. */
    private static String issuedId;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        issuer = Tokens.newToken();
        new TokenStore(ds).create("万州预警员", null, EnumSet.of(Action.ISSUE_WARNING, Action.READ_PERSONAL), WANZHOU, issuer);
        server = new TestServer(ds);
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (ds != null) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM warning WHERE headline LIKE ?")) {
                ps.setString(1, "%" + MARK + "%");
                ps.executeUpdate();
            }
        }
    }

    static String base() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    static void signIn(String token) {
        byId("signin-token").sendKeys(token);
        byId("signin-submit").click();
        browser.waitUpTo(10).until(d -> byId("account-info").isDisplayed());
    }

    static long number(String text) {
        return Long.parseLong(text.replace(",", "").trim());
    }

    /**
     * Whom a warning over {@code areaGeoJson} calls, by SQL on the fixture alone (the rule of issue
     * 10 and the warnings README): the linked responsible person of every hazard point and risk zone
     * inside the area (boundary included), and everyone on duty for a region such a hazard lies in
     * (a person whose admin code begins the hazard's: its village, township or county), each once.
     */
    static List<String> expectedTargets(String areaGeoJson) {
        String area = "ST_SetSRID(ST_GeomFromGeoJSON('" + areaGeoJson.replace("'", "''") + "'), 4326)";
        return TestDatabase.ids(ds, "WITH inside AS ("
                + " SELECT admin_code, responsible_person_id FROM hazard_point WHERE ST_Intersects(geom, " + area + ")"
                + " UNION ALL SELECT admin_code, responsible_person_id FROM risk_zone WHERE ST_Intersects(geom, " + area + "))"
                + " SELECT responsible_person_id FROM inside WHERE responsible_person_id IS NOT NULL"
                + " UNION SELECT p.id FROM person p JOIN inside i ON starts_with(i.admin_code, p.admin_code) ORDER BY 1");
    }

    @Test
    @Order(1)
    void anonymous_and_viewers_get_no_warnings_tool() {
        browser.load(base(), "map=9/30.81/108.38");
        assertFalse(byId("tool-warn").isDisplayed(), "anonymous: no tool");
        browser.waitUpTo(10).until(d -> byId("warning-list-empty").isDisplayed());
        assertEquals("当前没有生效中的预警", byId("warning-list-empty").getText());
        browser.collectConsole();
    }

    @Test
    @Order(2)
    void an_issuer_draws_an_area_previews_the_targets_issues_and_sees_the_board() throws Exception {
        browser.open(base(), "map=11/30.81/108.38");
        signIn(issuer);
        WebElement toolButton = byId("tool-warn");
        browser.waitUpTo(10).until(d -> toolButton.isDisplayed());
        toolButton.click();
        assertTrue(byId("warn-panel").isDisplayed());
        assertEquals("true", toolButton.getAttribute("aria-expanded"));

        // nothing chosen yet: the page says what is missing, in Chinese, and sends nothing
        byId("warn-preview").click();
        assertEquals("请先选择预警区域（绘制、行政区或圆形）", byId("warn-form-error").getText());

        // a view with points of several townships, whatever the sign-in did to the map
        browser.js("window.riskmap.map.setView([30.70, 108.29], 11, { animate: false })");
        browser.waitForHazards();
        byId("warn-draw").click();
        assertTrue(byId("hint-text").getText().startsWith("预警区域"), byId("hint-text").getText());
        WebElement mapEl = byId("map");
        int[][] corners = {{-170, -130}, {170, -120}, {150, 140}, {-150, 130}};
        for (int[] c : corners) new Actions(browser.driver).moveToElement(mapEl, c[0], c[1]).click().perform();
        byId("area-finish").click();
        browser.waitUpTo(5).until(d -> byId("warn-area-summary").getText().contains("4"));
        String area = byId("warn-area-summary").getAttribute("data-area");

        browser.driver.findElement(By.cssSelector("input[name=warn-level][value='4']")).click();
        byId("warn-preview").click();
        assertEquals("请填写区域描述（如 万州区余家镇）", byId("warn-form-error").getText());
        byId("warn-area-desc").sendKeys("万州区城区北部");
        byId("warn-headline").sendKeys("万州区暴雨洪涝红色预警（" + MARK + "）");
        byId("warn-description").sendKeys("预计未来6小时万州区北部累计降雨量将达100毫米以上。");
        byId("warn-instruction").sendKeys("立即组织危险区群众转移。");
        byId("warn-preview").click();

        WebElement count = browser.waitUpTo(20).until(d -> d.findElements(By.id("warn-target-count")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        List<String> expected = expectedTargets(area);
        assertFalse(expected.isEmpty(), "the drawn area holds points with linked people: " + area);
        assertEquals(expected.size(), number(count.getText()), "the preview counts whom SQL finds inside " + area);
        List<String> listed = browser.driver.findElements(By.cssSelector("#warn-targets tr[data-person]")).stream()
                .map(tr -> tr.getAttribute("data-person")).sorted().toList();
        assertEquals(expected, listed, "every target listed once");
        assertFalse(browser.driver.findElements(By.cssSelector("#warn-targets td.phone")).isEmpty(), "phones for an account with read_personal in Wanzhou");
        browser.screenshot("map-zh-warning-preview.png");

        // issue: a confirm step first, then the board
        byId("warn-issue").click();
        assertTrue(byId("warn-confirm-text").getText().contains(String.valueOf(expected.size())), byId("warn-confirm-text").getText());
        assertEquals("warn-confirm-yes", browser.js("return document.activeElement.id"), "the keyboard lands on the confirm button");
        byId("warn-confirm-yes").click();
        // the board is drawn again on every change the event stream reports: read it in one go
        browser.waitUpTo(20).until(d -> !d.findElements(By.id("warn-board-total")).isEmpty());
        List<?> board = (List<?>) browser.js("""
            const b = document.getElementById('warn-board');
            const n = (el) => Number(el.textContent.replace(/,/g, ''));
            return [b.querySelector('.warn-board-head').dataset.warning, n(document.getElementById('warn-board-total')),
              [...b.querySelectorAll('table.warn-counts td.n')].reduce((a, td) => a + n(td), 0), b.querySelectorAll('tr[data-person]').length];""");
        issuedId = (String) board.get(0);
        assertEquals(expected.size(), ((Number) board.get(1)).intValue(), "the board's total");
        assertEquals(expected.size(), ((Number) board.get(2)).intValue(), "every target is in one state");
        assertEquals(expected.size(), ((Number) board.get(3)).intValue(), "one row per target");
        browser.waitUpTo(10).until(d -> "sse".equals(browser.js("return document.querySelector('#warn-board .warn-live').dataset.live")));
        assertEquals(expected.size(), TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + issuedId + "'"));
        // a target that ended at the top tier (as the deadline job ends it) carries a label saying why, the detail as its title;
        // the state change reaches the board through the event stream
        String ended = TestDatabase.ids(ds, "SELECT person_id FROM warning_target WHERE warning_id = '" + issuedId + "' AND tier = 'county' ORDER BY 1 LIMIT 1").get(0);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE warning_target SET state = 'no_answer', end_reason = 'top_tier', end_detail = 'county is the top tier' WHERE warning_id = ? AND person_id = ?")) {
            ps.setString(1, issuedId);
            ps.setString(2, ended);
            assertEquals(1, ps.executeUpdate());
        }
        // read in one go, since the board may be drawn again meanwhile
        List<?> label = (List<?>) browser.waitUpTo(10).until(d -> browser.js("""
            const l = document.querySelector(`#warn-board tr[data-person='${arguments[0]}'] .ws-end`);
            return l ? [l.textContent, l.title, document.querySelectorAll('#warn-board .ws-end').length] : null;""", ended));
        assertEquals("已是最高层级", label.get(0));
        assertEquals("county is the top tier", label.get(1));
        assertEquals(1, ((Number) label.get(2)).intValue(), "only the ended target is labelled");
        browser.waitUpTo(10).until(d -> ((Number) browser.js("return window.riskmap.activeWarnings()")).intValue() >= 1);
        browser.screenshot("map-zh-warning-board.png");
        browser.collectConsole();
    }

    @Test
    @Order(3)
    void an_anonymous_visitor_sees_the_active_warning_on_the_map() throws Exception {
        browser.js("sessionStorage.clear()");
        browser.open(base(), "map=10/30.81/108.38");
        WebElement item = browser.waitUpTo(15).until(d -> d.findElements(By.cssSelector("#warning-list li[data-warning='" + issuedId + "'] button")).stream().findFirst().orElse(null));
        assertTrue(item.getText().contains("红色预警") && item.getText().contains(MARK), item.getText());
        assertFalse(browser.driver.findElements(By.cssSelector("path.rm-warning.wl4")).isEmpty(), "the area drawn with the red level's class");
        assertTrue(browser.driver.findElements(By.cssSelector(".rm-warning-label.wl4")).stream().anyMatch(l -> l.getText().contains("红色预警")),
                "a label names the level on the map");
        item.click();
        WebElement popup = browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector(".rm-warning-popup")).stream().findFirst().orElse(null));
        String text = popup.getText();
        assertTrue(text.contains(MARK) && text.contains("红色预警") && text.contains("生效时间") && text.contains("失效时间"), text);
        assertTrue(popup.findElements(By.cssSelector("button.board")).isEmpty(), "no board for an anonymous visitor");
        browser.screenshot("map-zh-warning-active.png");
        browser.collectConsole();
    }

    @Test
    @Order(4)
    void the_panel_speaks_english_after_the_switch() {
        browser.load(base(), "map=9/30.81/108.38");
        signIn(issuer);
        byId("lang-switch").click();
        byId("tool-warn").click();
        assertEquals("Warnings", byId("tool-warn").getText());
        assertEquals("Preview whom to notify", byId("warn-preview").getText());
        assertTrue(byId("warn-panel").getText().contains("Red (level I)"));
        byId("lang-switch").click();
        assertEquals("发布预警", byId("tool-warn").getText());
        browser.collectConsole();
    }

    @Test
    @Order(5)
    void no_console_errors() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
