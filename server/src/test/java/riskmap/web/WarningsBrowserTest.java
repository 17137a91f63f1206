package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.openqa.selenium.StaleElementReferenceException;
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
    /** The id of the warning issued by the drawing test, and its area as drawn. */
    private static String issuedId;
    private static String issuedArea;
    /** The Update message sent through the board. */
    private static String updateId;

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
        issuedArea = area;
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
        String text = browser.visibleText(".rm-warning-popup", 10);
        assertTrue(text.contains(MARK) && text.contains("红色预警") && text.contains("生效时间") && text.contains("失效时间"), text);
        assertTrue(browser.driver.findElements(By.cssSelector(".rm-warning-popup button.board")).isEmpty(), "no board for an anonymous visitor");
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

    /** Signs in afresh and opens the board of {@code id} as a user does: the sidebar's list, the popup, its board button. */
    static void openBoard(String id) {
        browser.js("sessionStorage.clear()");
        browser.load(base(), "map=10/30.81/108.38");
        signIn(issuer);
        // the list is redrawn when the sign-in refreshes it: click what is there at the time
        clickWhenShown("#warning-list li[data-warning='" + id + "'] button");
        clickWhenShown(".rm-warning-popup button.board");
        browser.waitUpTo(20).until(d -> id.equals(browser.js("const h = document.querySelector('#warn-board .warn-board-head'); return h && h.dataset.warning")));
    }

    static String boardState() {
        return (String) browser.js("const s = document.querySelector('#warn-board .warn-state'); return s ? s.dataset.state : null");
    }

    @Test
    @Order(5)
    void the_duty_desk_records_a_phone_answer_for_one_target() throws Exception {
        openBoard(issuedId);
        String person = TestDatabase.ids(ds, "SELECT person_id FROM warning_target WHERE warning_id = '" + issuedId
                + "' AND tier = 'village' AND answered_at IS NULL ORDER BY 1 LIMIT 1").get(0);
        browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector("#warn-board button.warn-desk-answer[data-person='" + person + "']")).stream().findFirst().orElse(null)).click();
        WebElement form = byCss("#warn-board .warn-action-form");
        assertTrue(form.getText().contains("登记电话应答"), form.getText());
        assertEquals(person, form.findElement(By.cssSelector(".warn-desk-person")).getAttribute("data-person"));
        // no answer chosen: the form says so and sends nothing
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertEquals("请选择应答：收到、已到岗或需要支援", form.findElement(By.cssSelector(".form-error")).getText());
        assertEquals(List.of(), TestDatabase.row(ds, "SELECT answer FROM warning_target WHERE warning_id = ? AND person_id = ? AND answered_at IS NOT NULL", issuedId, person));

        form.findElement(By.cssSelector("input[name=answer][value=on_duty]")).click();
        form.findElement(By.cssSelector("textarea[name=note]")).sendKeys("电话确认：已在村委会值守");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement result = browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector("#warn-board .warn-action-result")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertTrue(result.getText().contains("已登记") && result.getText().contains("已到岗"), result.getText());
        // the row follows: its new state, the answer, and no answer button any more
        browser.waitUpTo(10).until(d -> "on_duty".equals(browser.js("const r = document.querySelector(`#warn-board tr[data-person='${arguments[0]}']`); return r && r.dataset.state", person)));
        assertTrue(browser.driver.findElements(By.cssSelector("#warn-board button.warn-desk-answer[data-person='" + person + "']")).isEmpty());
        assertEquals(List.of("on_duty", "on_duty", "电话确认：已在村委会值守", "phone", "true"),
                TestDatabase.row(ds, "SELECT state, answer, note, answered_via, (answered_at IS NOT NULL)::text FROM warning_target WHERE warning_id = ? AND person_id = ?", issuedId, person));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + issuedId + "' AND answered_at IS NOT NULL"),
                "only that target answered");
        browser.collectConsole();
    }

    @Test
    @Order(6)
    void an_update_is_confirmed_sent_and_the_original_shows_updated() throws Exception {
        openBoard(issuedId);
        assertEquals("issued", boardState());
        byCss("#warn-board .warn-update").click();
        WebElement form = byCss("#warn-board .warn-action-form");
        assertEquals("万州区暴雨洪涝红色预警（" + MARK + "）", form.findElement(By.name("headline")).getAttribute("value"), "the form starts from the warning");
        String headline = "万州区暴雨洪涝橙色预警（更新，" + MARK + "）";
        form.findElement(By.name("headline")).clear();
        form.findElement(By.name("headline")).sendKeys(headline);
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("level"))).selectByValue("3");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // a confirm step first: nothing is sent before it
        WebElement confirm = byCss("#warn-board .warn-action-confirm");
        assertTrue(confirm.isDisplayed() && confirm.getText().contains(headline) && confirm.getText().contains("橙色预警"), confirm.getText());
        assertEquals(List.of(), TestDatabase.row(ds, "SELECT id FROM warning WHERE ? = ANY(references_ids)", issuedId));
        confirm.findElement(By.cssSelector(".warn-action-yes")).click();

        WebElement result = browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("#warn-board .warn-action-result")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        browser.waitUpTo(10).until(d -> "updated".equals(boardState()));
        assertTrue(result.getText().contains("已更新"), result.getText());
        assertTrue(browser.driver.findElement(By.cssSelector("#warn-board .warn-msg-actions")).getAttribute("hidden") != null, "no Update/Cancel for an updated warning");
        updateId = result.findElement(By.cssSelector(".warn-open-new")).getAttribute("data-warning");
        assertTrue(result.getText().contains(updateId), result.getText());

        assertEquals(List.of("updated"), TestDatabase.row(ds, "SELECT state FROM warning WHERE id = ?", issuedId));
        assertEquals(List.of(updateId, "Update", "3", headline, "issued"),
                TestDatabase.row(ds, "SELECT id, msg_type, level::text, headline, state FROM warning WHERE ? = ANY(references_ids)", issuedId));
        assertEquals(expectedTargets(issuedArea), TestDatabase.ids(ds, "SELECT person_id FROM warning_target WHERE warning_id = '" + updateId + "' ORDER BY 1"),
                "the Update calls the people of the same area");

        result.findElement(By.cssSelector(".warn-open-new")).click();
        browser.waitUpTo(20).until(d -> updateId.equals(browser.js("const h = document.querySelector('#warn-board .warn-board-head'); return h && h.dataset.warning")));
        browser.waitUpTo(10).until(d -> "issued".equals(boardState()));
        assertEquals("更新", byCss("#warn-board .warn-msg-type").getText());
        browser.screenshot("map-zh-warning-updated.png");
        // the actions speak English after the switch, and Chinese again after the switch back
        byId("lang-switch").click();
        assertEquals(List.of("Update", "Cancel", "issued", "Record phone answer"), browser.js("""
            const b = document.getElementById('warn-board'), text = (css) => b.querySelector(css).textContent.trim();
            return [text('.warn-update'), text('.warn-cancel'), text('.warn-state'), text('.warn-desk-answer')];"""));
        byId("lang-switch").click();
        assertEquals("登记电话应答", byCss("#warn-board .warn-desk-answer").getText());
        browser.collectConsole();
    }

    @Test
    @Order(7)
    void a_cancel_is_confirmed_sent_and_the_warning_shows_cancelled() throws Exception {
        openBoard(updateId);
        byCss("#warn-board .warn-cancel").click();
        WebElement form = byCss("#warn-board .warn-action-form");
        form.findElement(By.name("description")).sendKeys("降雨已停止，险情解除。");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement confirm = byCss("#warn-board .warn-action-confirm");
        assertTrue(confirm.isDisplayed() && confirm.getText().contains("确认解除"), confirm.getText());
        // going back sends nothing
        confirm.findElement(By.cssSelector(".warn-action-no")).click();
        assertFalse(confirm.isDisplayed());
        assertEquals(List.of("issued"), TestDatabase.row(ds, "SELECT state FROM warning WHERE id = ?", updateId));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        confirm.findElement(By.cssSelector(".warn-action-yes")).click();

        WebElement result = browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("#warn-board .warn-action-result")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        browser.waitUpTo(10).until(d -> "cancelled".equals(boardState()));
        assertEquals("已解除", byCss("#warn-board .warn-state").getText());
        assertTrue(browser.driver.findElements(By.cssSelector("#warn-board button.warn-desk-answer")).isEmpty(), "no answers are taken for a cancelled message");
        assertTrue(result.getText().contains("已解除"), result.getText());
        String cancelId = result.findElement(By.cssSelector(".warn-open-new")).getAttribute("data-warning");
        assertEquals(List.of("cancelled"), TestDatabase.row(ds, "SELECT state FROM warning WHERE id = ?", updateId));
        List<String> cancel = TestDatabase.row(ds, "SELECT id, msg_type, description, state, headline FROM warning WHERE ? = ANY(references_ids)", updateId);
        assertEquals(List.of(cancelId, "Cancel", "降雨已停止，险情解除。", "issued"), cancel.subList(0, 4));
        assertTrue(cancel.get(4).startsWith("解除：万州区暴雨洪涝橙色预警"), cancel.get(4));
        // the cancelled message leaves the active list (refreshed after the change), and the Cancel is not drawn in its place
        browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector("#warning-list li[data-warning='" + updateId + "']")).isEmpty());
        assertTrue(browser.driver.findElements(By.cssSelector("#warning-list li[data-warning='" + cancelId + "']")).isEmpty(),
                "the Cancel itself is not listed as a hazard in force");
        browser.screenshot("map-zh-warning-cancelled.png");
        browser.collectConsole();
    }

    static void clickWhenShown(String css) {
        browser.waitUpTo(15).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement el = d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (el == null) return false;
            el.click();
            return true;
        });
    }

    static WebElement byCss(String css) {
        return browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    @Test
    @Order(9)
    void no_console_errors() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
