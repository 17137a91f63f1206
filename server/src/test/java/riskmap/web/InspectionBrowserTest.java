package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Action;
import riskmap.auth.Tokens;
import riskmap.inspection.ExifJpeg;
import riskmap.store.TokenStore;

/**
 * The phone inspection flow (issue 11) in a real headless Chromium emulating a 390×844 phone,
 * against the real server over the seeded PostGIS: an inspector finds a point, opens its
 * inspection screen, takes a photo (a file given to the camera input), submits, and sees the
 * inspection with that photo on the point's timeline; the stored photo is checked by SQL.
 */
class InspectionBrowserTest {
    /** A seeded landslide point of 万州区 (500101). */
    private static final String POINT = "HP00000341";
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static String inspector;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        inspector = Tokens.newToken();
        new TokenStore(ds).create("万州巡查员", null, EnumSet.of(Action.INSPECT), "500101", inspector);
        server = new TestServer(ds);
        browser = new Browser();
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", false));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (ds != null) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM inspection WHERE hazard_id = ?")) {
                ps.setString(1, POINT);
                ps.executeUpdate();
            }
        }
    }

    static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    @Test
    void an_inspector_takes_a_photo_submits_and_sees_it_on_the_points_timeline() throws Exception {
        byte[] photo = ExifJpeg.withExif("2026:06:01 09:30:00", "+08:00", new int[] {30, 40, 22}, new int[] {108, 25, 56});
        Path file = Files.createTempFile("裂缝", ".jpg");
        Files.write(file, photo);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));

        browser.open("http://127.0.0.1:" + server.port() + "/", "map=13/30.673/108.432");
        assertEquals(390L, browser.js("return document.documentElement.clientWidth")); // the layout viewport of a 390-wide phone
        browser.signIn(inspector);

        WebElement open = browser.inspectButtonOf(POINT);
        assertEquals("巡查 / 时间线", open.getText());
        open.click();
        browser.waitUpTo(10).until(d -> byId("insp-panel").isDisplayed());
        assertTrue(byId("insp-title").getText().contains("巡查记录"), byId("insp-title").getText());
        // the screen fills the phone's width and no more
        assertEquals(390L, browser.js("const r = document.getElementById('insp-panel').getBoundingClientRect(); return Math.round(r.left + r.width)"));

        new Select(byId("insp-kind")).selectByValue("in_flood");
        new Select(byId("insp-result")).selectByValue("hidden_danger");
        byId("insp-findings").sendKeys("后缘新增裂缝约 2 米");
        assertEquals("image/*", byId("insp-photo").getAttribute("accept"));
        byId("insp-photo").sendKeys(file.toAbsolutePath().toString());
        byId("insp-submit").click();

        browser.waitUpTo(15).until(d -> "巡查记录已保存".equals(byId("insp-status").getText()) || byId("insp-error").isDisplayed());
        assertEquals("巡查记录已保存", byId("insp-status").getText(), byId("insp-error").getText());
        // the photo on the timeline, fetched with the token and decoded by the browser
        WebElement img = browser.waitUpTo(15).until(d -> d.findElements(By.cssSelector("#insp-timeline li.inspection img")).stream()
                .filter(i -> ((Number) browser.js("return arguments[0].complete ? arguments[0].naturalWidth : 0", i)).intValue() > 0).findFirst().orElse(null));
        assertEquals(sha256, img.getAttribute("data-sha256"));
        assertEquals(16L, browser.js("return arguments[0].naturalWidth", img));
        WebElement event = browser.driver.findElement(By.cssSelector("#insp-timeline li.inspection"));
        assertTrue(event.getText().contains("汛中巡查") && event.getText().contains("发现隐患") && event.getText().contains("后缘新增裂缝约 2 米"), event.getText());
        browser.screenshot("inspection-phone.png");

        assertEquals(List.of(sha256), TestDatabase.ids(ds, "SELECT p.sha256 FROM inspection_photo p JOIN inspection i ON i.id = p.inspection_id"
                + " WHERE i.hazard_id = '" + POINT + "' AND i.kind = 'in_flood' AND i.result = 'hidden_danger' AND i.inspector = '万州巡查员'"));
        assertEquals(List.of(), browser.consoleErrors());
        Files.deleteIfExists(file);
    }
}
