package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Action;
import riskmap.auth.Tokens;
import riskmap.delivery.AckLinks;
import riskmap.http.Json;
import riskmap.store.TokenStore;

/**
 * The answer page behind a one-time link (delivery.AckPage) on a phone: Chromium emulating a
 * 390×844 touch screen. The three answer buttons lie wholly inside the screen with no sideways
 * scrolling and are at least 44 px high (the usual smallest touch target); a tap records the
 * answer (checked by SQL); the same link opened again, or a second tap on a page opened before
 * the answer, gets a clear refusal and writes nothing.
 */
class AckPagePhoneBrowserTest {
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;
    private static final String MARK = "手机应答测试";
    private static DataSource ds;
    private static TestServer server;
    private static Browser phone;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        server = new TestServer(ds);
        phone = Browser.phone(WIDTH, HEIGHT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (phone != null) phone.close();
        if (server != null) server.close();
        if (ds != null) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM warning WHERE headline LIKE ?")) {
                ps.setString(1, "%" + MARK + "%");
                ps.executeUpdate();
            }
        }
    }

    /** A warning issued through the API over Wanzhou, with a long headline and instruction as real ones have. */
    static String issueWarning() throws Exception {
        String token = Tokens.newToken();
        new TokenStore(ds).create("万州手机测试", null, EnumSet.of(Action.ISSUE_WARNING), "500101", token);
        String body = Json.MAPPER.writeValueAsString(Map.of("level", 4, "category", "landslide",
                "headline", "万州区余家镇地质灾害红色预警：关龙村、大坪村一带滑坡风险极高（" + MARK + "）",
                "description", "受持续强降雨影响，余家镇发生滑坡、崩塌的风险极高。",
                "instruction", "请立即组织危险区群众转移至安置点，封闭危险路段，村组责任人到岗值守并每小时报告一次险情变化。",
                "expires", "2099-01-01T00:00:00Z", "area", Map.of("description", "万州区", "region_codes", List.of("500101"))));
        String id = Json.MAPPER.readTree(post("/api/warnings", body, token)).get("id").asText();
        post("/api/warnings/" + id + "/issue", "{}", token);
        return id;
    }

    static String post(String path, String body, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The page is no wider than the screen: nothing to scroll sideways. */
    static void assertNoSidewaysScroll(String page) {
        List<?> w = (List<?>) phone.js("return [document.documentElement.scrollWidth, window.innerWidth]");
        assertEquals(WIDTH, ((Number) w.get(1)).intValue(), "the emulated screen's width");
        assertTrue(((Number) w.get(0)).intValue() <= WIDTH, page + ": the page is " + w.get(0) + " px wide on a " + WIDTH + " px screen");
    }

    /** A real tap: a touch pointer down and up at the element's centre. */
    static void tap(WebElement el) {
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(el), 0, 0))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        phone.driver.perform(List.of(tap));
    }

    @Test
    void the_three_answers_fit_a_phone_a_tap_records_one_and_the_link_works_once() throws Exception {
        String warning = issueWarning();
        String person = TestDatabase.ids(ds, "SELECT person_id FROM warning_target WHERE warning_id = '" + warning + "' ORDER BY 1 LIMIT 1").get(0);
        String link = base() + "/ack/" + AckLinks.create(ds, warning, person);

        phone.driver.get(link);
        // chromedriver applies the device emulation to a new tab asynchronously: on a loaded machine
        // the first page can load before it; a reload then gets it
        String touch = "return navigator.maxTouchPoints > 0 && 'ontouchstart' in window";
        if (!Boolean.TRUE.equals(phone.js(touch))) phone.driver.navigate().refresh();
        assertEquals(true, phone.js(touch), "a touch screen is emulated");
        assertTrue(phone.driver.findElement(By.tagName("h1")).getText().contains(MARK));
        assertNoSidewaysScroll("the answer page");
        List<WebElement> buttons = phone.driver.findElements(By.cssSelector("button[name=answer]"));
        assertEquals(List.of("received", "on_duty", "need_support"), buttons.stream().map(b -> b.getAttribute("value")).toList());
        for (WebElement b : buttons) {
            // the box on screen, and whether a tap at its centre reaches the button itself
            List<?> r = (List<?>) phone.js("""
                const b = arguments[0], r = b.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return [r.left, r.right, r.top, r.bottom, r.height, hit === b || b.contains(hit)];""", b);
            double left = num(r.get(0));
            double right = num(r.get(1));
            double top = num(r.get(2));
            double bottom = num(r.get(3));
            String what = b.getText() + " at " + r;
            assertTrue(left >= 0 && right <= WIDTH && top >= 0 && bottom <= HEIGHT, what + ": wholly on the first screen");
            assertTrue(num(r.get(4)) >= 44, what + ": at least 44 px high");
            assertTrue((Boolean) r.get(5), what + ": nothing covers it");
        }
        // the note, written before the tap that sends, lies in the buttons' column
        List<?> column = (List<?>) phone.js("""
            const n = document.querySelector('textarea[name=note]').getBoundingClientRect();
            const b = document.querySelector('button[name=answer]').getBoundingClientRect();
            return [n.left - b.left, n.right - b.right, n.bottom <= b.top];""");
        assertTrue(Math.abs(num(column.get(0))) < 1 && Math.abs(num(column.get(1))) < 1, "the note box is as wide as the buttons: " + column);
        assertTrue((Boolean) column.get(2), "the note comes before the buttons that send");
        phone.screenshot("ack-phone-390.png");

        // the same link opened in a second tab before answering: a page with live buttons, to be tapped after the answer
        String first = phone.driver.getWindowHandle();
        phone.driver.switchTo().newWindow(WindowType.TAB).get(link);
        String second = phone.driver.getWindowHandle();
        phone.driver.switchTo().window(first);

        phone.driver.findElement(By.name("note")).sendKeys("已到村委会值守");
        tap(phone.driver.findElement(By.cssSelector("button[value=on_duty]")));
        // while the answer's page replaces the form, Chromium may report the old h1 as "Node … does not belong to the document"
        phone.waitUpTo(10).ignoring(org.openqa.selenium.WebDriverException.class).until(d -> d.findElement(By.tagName("h1")).getText().startsWith("已记录"));
        assertEquals("已记录：已到岗", phone.driver.findElement(By.tagName("h1")).getText());
        assertNoSidewaysScroll("the answered page");
        List<String> recorded = TestDatabase.row(ds, "SELECT t.state, t.answer, t.note, t.answered_via, t.answered_at::text, (l.used_at IS NOT NULL)::text"
                + " FROM warning_target t JOIN ack_link l USING (warning_id, person_id) WHERE t.warning_id = ? AND t.person_id = ?", warning, person);
        assertEquals(List.of("on_duty", "on_duty", "已到村委会值守", "link", "true"),
                List.of(recorded.get(0), recorded.get(1), recorded.get(2), recorded.get(3), recorded.get(5)));

        // opened again: the refusal, no buttons
        phone.driver.get(link);
        assertEquals("此链接已使用过，仅第一次回复有效。如需更改，请致电值班室。", phone.driver.findElement(By.tagName("h1")).getText());
        assertTrue(phone.driver.findElements(By.cssSelector("button")).isEmpty(), "a spent link offers no answer");
        assertNoSidewaysScroll("the refusal page");
        phone.screenshot("ack-phone-390-used.png");

        // the page opened before the answer: a tap there is refused the same way, and changes nothing
        phone.driver.switchTo().window(second);
        tap(phone.driver.findElement(By.cssSelector("button[value=need_support]")));
        // the h1 read may hit the page being replaced by the answer's: Chromium then says its node left the document
        phone.waitUpTo(10).ignoring(WebDriverException.class).until(d -> d.findElement(By.tagName("h1")).getText().startsWith("此链接已使用过"));
        assertEquals(recorded, TestDatabase.row(ds, "SELECT t.state, t.answer, t.note, t.answered_via, t.answered_at::text, (l.used_at IS NOT NULL)::text"
                + " FROM warning_target t JOIN ack_link l USING (warning_id, person_id) WHERE t.warning_id = ? AND t.person_id = ?", warning, person),
                "the second answer wrote nothing");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + warning + "' AND answered_at IS NOT NULL"));
        // the refusals answer 410, which Chromium logs as a failed load: expected here, nothing else is
        assertEquals(List.of(), phone.consoleErrors().stream().filter(m -> !m.contains("/ack/") || !m.contains("410")).toList(), "console errors in the page");
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
