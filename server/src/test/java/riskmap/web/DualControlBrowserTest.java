package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Dual control on the map page in a real headless Chromium: a Wanzhou editor opens a zone's popup,
 * sees the point inside it and the one 100 m outside suggested (the one 1 km away not), confirms one,
 * and finds it among the linked points — and in the database.
 */
class DualControlBrowserTest {
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        TestDatabase.emptyFeatureTables(ds);
        editor = Api.token(ds, "万州编辑", Role.EDITOR, "500101");
        TestDatabase.execute(ds, "INSERT INTO risk_zone (id, name, category, risk_level, admin_code, threatened_people, warning_signal, geom) VALUES"
                + " ('RZWEB', '枫木村滑坡风险区', 'landslide', 4, '500101', 81, '鸣锣', ST_Multi(ST_MakeEnvelope(108.40, 30.80, 108.41, 30.81, 4326)))");
        TestDatabase.execute(ds, "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES"
                + " ('HPWIN', 'landslide', '区内滑坡', 4, '500101', ST_SetSRID(ST_MakePoint(108.409, 30.809), 4326)),"
                + " ('HPWNEAR', 'landslide', '区外近旁', 2, '500101', ST_SetSRID(ST_MakePoint(108.411, 30.805), 4326)),"
                + " ('HPWFAR', 'landslide', '一公里外', 3, '500101', ST_SetSRID(ST_MakePoint(108.42, 30.805), 4326))");
        server = new TestServer(ds);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @Test
    void an_editor_confirms_a_suggested_point_from_the_zone_popup() throws Exception {
        browser.open("http://127.0.0.1:" + server.port() + "/", "map=15/30.8050/108.4050");
        browser.driver.findElement(By.id("signin-token")).sendKeys(editor);
        browser.driver.findElement(By.id("signin-submit")).click();
        browser.waitUpTo(10).until(d -> d.findElement(By.id("account-info")).isDisplayed());

        // click the zone away from its point until its tile is drawn and the popup opens
        WebElement popup = browser.waitUpTo(20).until(d -> {
            List<?> px = (List<?>) browser.js("const p = window.riskmap.map.latLngToContainerPoint([30.803, 108.403]); return [p.x, p.y];");
            WebElement map = d.findElement(By.id("map"));
            new Actions(d).moveToElement(map, ((Number) px.get(0)).intValue() - map.getSize().width / 2,
                    ((Number) px.get(1)).intValue() - map.getSize().height / 2).click().perform();
            return d.findElements(By.cssSelector(".leaflet-popup .rm-popup .dc-open")).stream().findFirst().orElse(null);
        });
        String fields = browser.visibleText(".leaflet-popup .rm-popup", 5);
        assertTrue(fields.contains("鸣锣") && fields.contains("预警信号"), fields);
        popup.click();
        browser.waitUpTo(10).until(d -> !d.findElements(By.cssSelector(".dc-confirm")).isEmpty());
        assertEquals(List.of("HPWIN", "HPWNEAR"), confirmable());

        browser.driver.findElement(By.cssSelector(".dc-confirm[data-hazard='HPWNEAR']")).click();
        browser.waitUpTo(10).until(d -> confirmable().equals(List.of("HPWIN")));
        String panel = browser.driver.findElement(By.cssSelector(".dc-panel")).getText();
        assertTrue(panel.contains("已关联隐患点 (1)") && panel.contains("区外近旁") && panel.contains("按位置建议"), panel);
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM zone_hazard WHERE zone_id = 'RZWEB' AND hazard_id = 'HPWNEAR' AND confirmed_by = '万州编辑'"));
        browser.screenshot("dual-control-popup.png");
        assertEquals(List.of(), browser.consoleErrors());
    }

    private static List<String> confirmable() {
        return browser.driver.findElements(By.cssSelector(".dc-confirm")).stream().map(e -> e.getAttribute("data-hazard")).toList();
    }
}
