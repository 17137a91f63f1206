package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
 * The base maps in headless Chromium: the switcher lists what {@code base_maps} configures and a
 * choice changes the tiles requested (a local tile server records them); the offline layer shows
 * county outlines with the database's county names at county zoom; the 南海诸岛 inset shows on
 * national views only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaseMapBrowserTest {
    private static final String WANZHOU = "map=9/30.80000/108.40000";
    private static DataSource ds;
    private static LocalTileServer tiles;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        tiles = new LocalTileServer();
        String wmts = "?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=testkey";
        String baseMaps = "[{\"id\":\"local\",\"name\":\"本地瓦片\",\"name_en\":\"Local tiles\",\"url\":\"" + tiles.origin() + "/xyz/{z}/{x}/{y}.png\",\"max_zoom\":18},"
                + "{\"id\":\"tdt\",\"name\":\"天地图（测试）\",\"name_en\":\"Tianditu (test)\",\"type\":\"wmts\",\"url\":\"" + tiles.origin() + "/vec_w/wmts" + wmts + "&LAYER=vec\","
                + "\"labels_url\":\"" + tiles.origin() + "/cva_w/wmts" + wmts + "&LAYER=cva\",\"attribution\":\"天地图\"}]";
        server = new TestServer(ds, Map.of("RISKMAP_BASE_MAPS", baseMaps));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (tiles != null) tiles.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    private static String shownBase() {
        return (String) js("return document.getElementById('base-note').dataset.id || ''");
    }

    private static long requestsTo(String prefix) {
        return tiles.requests().stream().filter(r -> r.startsWith(prefix)).count();
    }

    @Test
    @Order(1)
    void the_switcher_lists_the_configured_base_maps_and_a_choice_changes_the_tiles_requested() throws Exception {
        js("localStorage.clear()");
        browser.open(base(), WANZHOU);
        List<String> names = browser.driver.findElements(By.cssSelector("#base-maps label")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("本地瓦片", "天地图（测试）", "离线底图（行政区划轮廓）"), names);
        browser.driver.findElement(By.id("lang-switch")).click();
        assertEquals(List.of("Local tiles", "Tianditu (test)", "Offline (administrative outlines)"),
                browser.driver.findElements(By.cssSelector("#base-maps label")).stream().map(WebElement::getText).toList());
        assertEquals("South China Sea Islands", js("return document.querySelector('#nanhai-inset figcaption').textContent"));
        browser.driver.findElement(By.id("lang-switch")).click();
        browser.waitUpTo(15).until(d -> "local".equals(shownBase()) && requestsTo("/xyz/9/") > 0);
        assertEquals(0, requestsTo("/vec_w/"));

        browser.driver.findElement(By.cssSelector("#base-maps input[value='tdt']")).click();
        browser.waitUpTo(15).until(d -> "tdt".equals(shownBase()) && requestsTo("/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile") > 0
                && requestsTo("/cva_w/wmts?") > 0);
        String wmts = tiles.requests().stream().filter(r -> r.startsWith("/vec_w/") && r.contains("TILEMATRIX=9&")).findFirst().orElseThrow();
        assertTrue(wmts.contains("&tk=testkey") && wmts.matches(".*TILEROW=\\d+&TILECOL=\\d+.*"), wmts);
        // the page itself asked for them (not only the probe): the browser's own record of requests
        Number fromPage = (Number) js("return performance.getEntriesByType('resource').filter((e) => e.name.includes('/vec_w/wmts') && e.name.includes('TILEMATRIX=9&')).length");
        assertTrue(fromPage.intValue() > 0, "the tile layer requested WMTS tiles at the view's zoom");
        assertTrue(((String) js("return location.hash")).contains("base=tdt"));
        assertEquals("tdt", js("return localStorage.getItem('riskmap.base')"));

        // remembered: a new visit without base= in the link starts with the last choice
        browser.load(base(), WANZHOU);
        browser.waitUpTo(15).until(d -> "tdt".equals(shownBase()));
        assertTrue((Boolean) js("return document.querySelector(\"#base-maps input[value='tdt']\").checked"));
        browser.screenshot("map-zh-base-tianditu.png");
    }

    @Test
    @Order(2)
    void the_offline_layer_shows_county_outlines_and_the_database_county_names_at_county_zoom() throws Exception {
        browser.load(base(), WANZHOU + "&base=offline");
        browser.waitUpTo(15).until(d -> "offline".equals(shownBase()));
        browser.waitUpTo(15).until(d -> ((Number) js("return document.querySelectorAll('path.rm-county').length")).intValue() > 100);
        @SuppressWarnings("unchecked")
        List<List<String>> labels = (List<List<String>>) js("""
            const r = document.getElementById('map').getBoundingClientRect();
            return [...document.querySelectorAll('.rm-county-label[data-code]')].filter((el) => {
              const b = el.getBoundingClientRect(); const x = b.left + b.width / 2, y = b.top + b.height / 2;
              return x > r.left && x < r.right && y > r.top && y < r.bottom && getComputedStyle(el).display !== 'none';
            }).map((el) => [el.dataset.code, el.textContent]);""");
        assertTrue(labels.size() >= 10, "county names in view: " + labels);
        for (List<String> l : labels) {
            assertEquals(TestDatabase.row(ds, "SELECT name FROM region WHERE code = ?", l.get(0)), List.of(l.get(1)), "the name of county " + l.get(0));
        }
        List<String> names = labels.stream().map(l -> l.get(1)).toList();
        String nearest = TestDatabase.row(ds, """
            SELECT r.name FROM hazard_point p JOIN region r ON r.code = left(p.admin_code, 6)
            ORDER BY p.geom <-> ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326) LIMIT 1""").get(0);
        assertTrue(names.contains(nearest), "the county of the hazard point at the centre, " + nearest + ", is named: " + names);
        browser.screenshot("map-zh-offline-counties.png");
    }

    @Test
    @Order(3)
    void the_south_china_sea_islands_inset_shows_on_national_views_and_hides_when_zoomed_in() throws Exception {
        browser.load(base(), "map=4/34.5/105.0&base=offline");
        browser.waitUpTo(10).until(d -> browser.driver.findElement(By.id("nanhai-inset")).isDisplayed());
        assertEquals("南海诸岛", browser.driver.findElement(By.cssSelector("#nanhai-inset figcaption")).getText());
        browser.waitUpTo(10).until(d -> ((Number) js("return document.querySelectorAll('#nanhai-inset .rm-nanhai-island').length")).intValue() > 20);
        browser.screenshot("map-zh-national-inset.png");
        js("window.riskmap.map.setView([30.8, 108.4], 9, { animate: false })");
        browser.waitUpTo(10).until(d -> !browser.driver.findElement(By.id("nanhai-inset")).isDisplayed());
        assertFalse(browser.driver.findElement(By.id("nanhai-inset")).isDisplayed());
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
