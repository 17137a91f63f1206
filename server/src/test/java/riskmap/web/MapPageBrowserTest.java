package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * The map page in a real headless Chromium (Debian's chromium + chromium-driver) against the real
 * server over the seeded PostGIS. The machine has no internet: the OpenStreetMap base map cannot
 * load, and the page must notice and fall back to its own offline outlines without errors of its own.
 * Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapPageBrowserTest {
    private static TestServer server;
    private static Browser browser;
    private static ChromeDriver driver;
    /** A hazard point of the demo data and its category: the page is centred on it. */
    private static double lon;
    private static double lat;
    private static String category;

    @BeforeAll
    static void start() throws Exception {
        DataSource ds = TestDatabase.seeded();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             // the point with the most neighbours within ~10 km, so the view is busy
             ResultSet rs = st.executeQuery("""
                 SELECT ST_X(p.geom), ST_Y(p.geom), p.category FROM hazard_point p
                 ORDER BY (SELECT count(*) FROM hazard_point q WHERE q.geom && ST_Expand(p.geom, 0.1)) DESC, p.id LIMIT 1""")) {
            assertTrue(rs.next(), "the demo seeds hold hazard points");
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
            category = rs.getString(3);
        }
        server = new TestServer(ds);
        browser = new Browser();
        driver = browser.driver;
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    static String base() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    static Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    static WebDriverWait waitUpTo(int seconds) {
        return browser.waitUpTo(seconds);
    }

    /** Opens the page at a view and waits until the base map is settled and the hazard tiles are drawn. */
    static void open(String hash) {
        browser.open(base(), hash);
    }

    static void waitForHazards() {
        browser.waitForHazards();
    }

    static long drawnHazards() {
        return browser.drawnHazards();
    }

    /** Non-transparent pixels on the hazard layer's canvases: what a person actually sees drawn. */
    static long hazardPixels() {
        return ((Number) js("""
            let n = 0;
            for (const c of document.querySelectorAll('.rm-layer-hazards canvas')) {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
            }
            return n;""")).longValue();
    }

    static void screenshot(String name) throws Exception {
        browser.screenshot(name);
    }

    static void collectConsole() {
        browser.collectConsole();
    }

    static String view(int zoom) {
        return String.format(Locale.ROOT, "map=%d/%.5f/%.5f", zoom, lat, lon);
    }

    @Test
    @Order(1)
    void page_loads_offline_base_map_and_draws_hazards_in_chinese() throws Exception {
        js("localStorage.clear()");
        open("map=5/32.0/108.0");
        assertEquals("offline", js("return document.getElementById('base-note').dataset.base"),
                "no internet here: the page must fall back to its own province outlines");
        waitUpTo(10).until(d -> ((Number) js("return document.querySelectorAll('.rm-province-label').length")).intValue() > 30);
        assertTrue(drawnHazards() > 0, "aggregated hazard cells are drawn at zoom 5");
        assertEquals("风险一张图", driver.findElement(By.cssSelector("#topbar .brand strong")).getText());
        waitUpTo(10).until(d -> !driver.findElement(By.id("stat-total")).getText().isEmpty());
        assertTrue(Long.parseLong(driver.findElement(By.id("stat-total")).getText().replace(",", "")) > 0, "statistics for the view");
        screenshot("map-zh-overview.png");
        collectConsole();
    }

    @Test
    @Order(2)
    void layer_toggles_change_what_is_drawn_and_the_link_keeps_them() throws Exception {
        open(view(12));
        // a click on the demo point opens its popup with the public fields
        List<?> px = (List<?>) js("const p = window.riskmap.map.latLngToContainerPoint([arguments[0], arguments[1]]);"
                + " const s = window.riskmap.map.getSize(); return [p.x - s.x / 2, p.y - s.y / 2];", lat, lon);
        new Actions(driver).moveToElement(driver.findElement(By.id("map")), ((Number) px.get(0)).intValue(), ((Number) px.get(1)).intValue()).click().perform();
        String popupText = browser.visibleText(".leaflet-popup .rm-popup", 10);
        assertTrue(popupText.contains("风险等级") && popupText.contains("行政区划代码") && popupText.contains("受威胁人数"), popupText);
        assertFalse(popupText.contains("phone"), popupText);
        driver.findElement(By.cssSelector(".leaflet-popup-close-button")).click();

        long allDrawn = drawnHazards();
        long allPixels = hazardPixels();
        assertTrue(allDrawn > 0 && allPixels > 0, "hazard points drawn around the demo point");

        driver.findElement(By.cssSelector("input[data-category='" + category + "']")).click();
        waitUpTo(15).until(d -> drawnHazards() < allDrawn);
        waitForHazards();
        assertTrue(hazardPixels() < allPixels, "fewer points painted without " + category);
        String hash = (String) js("return location.hash");
        assertTrue(hash.contains("cat=") && !hash.contains(category), "the link keeps the toggles: " + hash);

        // the link reproduces the view and filters in a fresh page
        driver.get(base() + "#" + view(12) + "&min_level=3&status=active");
        driver.navigate().refresh();
        waitForHazards();
        assertEquals("3", new Select(driver.findElement(By.id("filter-level"))).getFirstSelectedOption().getAttribute("value"));
        assertTrue(driver.findElement(By.cssSelector("#status-boxes input[value='active']")).isSelected());

        for (WebElement box : driver.findElements(By.cssSelector("#category-toggles input"))) {
            if (box.isSelected()) box.click();
        }
        waitUpTo(10).until(d -> driver.findElements(By.cssSelector(".rm-layer-hazards")).isEmpty());
        assertEquals(0, drawnHazards());

        assertFalse(driver.findElements(By.cssSelector(".rm-layer-shelters")).isEmpty(), "shelters on");
        driver.findElement(By.id("layer-shelters")).click();
        waitUpTo(10).until(d -> driver.findElements(By.cssSelector(".rm-layer-shelters")).isEmpty());
        collectConsole();
    }

    @Test
    @Order(3)
    void radius_tool_lists_the_same_features_as_the_api_nearest_first() throws Exception {
        open(view(11));
        driver.findElement(By.id("tool-radius")).click();
        WebElement value = driver.findElement(By.id("radius-value"));
        value.clear();
        value.sendKeys("15");
        new Select(driver.findElement(By.id("radius-unit"))).selectByValue("km");
        new Actions(driver).moveToElement(driver.findElement(By.id("map"))).click().perform();

        WebElement summary = waitUpTo(20).until(d -> d.findElements(By.cssSelector("#results-body .result-summary")).stream().findFirst().orElse(null));
        List<String> pageIds = driver.findElements(By.cssSelector("#results-body li[data-id]")).stream()
                .map(li -> li.getAttribute("data-id")).toList();
        String query = "/api/hazards/near?lon=" + summary.getAttribute("data-lon") + "&lat=" + summary.getAttribute("data-lat")
                + "&radius=" + summary.getAttribute("data-radius") + "&limit=1000";
        assertEquals("15000", summary.getAttribute("data-radius"));
        JsonNode api = server.http.get(query).json();
        List<String> apiIds = new ArrayList<>();
        api.get("features").forEach(f -> apiIds.add(f.get("id").asText()));
        assertFalse(apiIds.isEmpty(), "the demo point is inside its own circle: " + query);
        assertEquals(apiIds, pageIds, "same features, same (nearest-first) order as " + query);
        long people = 0;
        for (JsonNode f : api.get("features")) people += f.at("/properties/threatened_people").asLong();
        assertEquals(people, Long.parseLong(driver.findElement(By.id("result-people")).getText().replace(",", "")));
        assertTrue(driver.findElement(By.cssSelector("#results-body li[data-id] .dir")).getText().matches("(北|东北|东|东南|南|西南|西|西北) \\d+°"));
        screenshot("map-zh-radius.png");

        // an answer the API refuses shows as a readable message, not a silent blank
        value.clear();
        value.sendKeys("900");
        value.sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement message = waitUpTo(10).until(d -> {
            WebElement m = d.findElement(By.id("message"));
            return m.isDisplayed() && m.getAttribute("class").contains("error") ? m : null;
        });
        assertTrue(message.getText().contains("查询参数有误"), message.getText());
        message.findElement(By.cssSelector("#message .rm-error-detail summary")).click(); // the server's own detail behind 详情
        assertTrue(message.getText().contains("radius"), message.getText());
        browser.collectConsole(m -> m.contains("/api/hazards/near")); // that refused request is expected
    }

    @Test
    @Order(4)
    void area_tool_shows_the_summary_of_the_within_api() throws Exception {
        open(view(11));
        driver.findElement(By.id("tool-area")).click();
        WebElement mapEl = driver.findElement(By.id("map"));
        int[][] corners = {{-150, -120}, {160, -110}, {140, 130}, {-130, 120}};
        for (int[] c : corners) new Actions(driver).moveToElement(mapEl, c[0], c[1]).click().perform();
        driver.findElement(By.id("area-finish")).click();
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='area'] .result-summary")).isEmpty());
        long count = Long.parseLong(driver.findElement(By.id("result-count")).getText().replace(",", ""));
        long listed = driver.findElements(By.cssSelector("#results-body li[data-id]")).size();
        assertTrue(count > 0, "the polygon around the demo point holds points");
        assertEquals(count, listed);
        assertEquals(count, ((Number) js("let n = 0; window.riskmap.map.eachLayer(l => { if (l.options && l.options.className === 'rm-result-marker') n++; }); return n;")).longValue(),
                "every point inside is drawn");
        assertFalse(driver.findElements(By.cssSelector("#results-body table.responsible td")).isEmpty(), "whom to call");
        screenshot("map-zh-area.png");
        collectConsole();
    }

    @Test
    @Order(5)
    void language_switch_changes_the_labels_and_is_remembered() throws Exception {
        open(view(9));
        assertEquals("图层", driver.findElement(By.id("layers-title")).getAttribute("textContent"));
        driver.findElement(By.id("lang-switch")).click();
        assertEquals("Risk One-Map", driver.findElement(By.cssSelector("#topbar .brand strong")).getText());
        assertEquals("Layers", driver.findElement(By.id("layers-title")).getAttribute("textContent"));
        assertEquals("Radius query", driver.findElement(By.id("tool-radius")).getText());
        assertEquals("en", js("return document.documentElement.lang"));

        driver.navigate().refresh();
        waitForHazards();
        assertEquals("Risk One-Map", driver.findElement(By.cssSelector("#topbar .brand strong")).getText(), "remembered after a reload");
        waitUpTo(10).until(d -> !driver.findElement(By.id("stat-total")).getText().isEmpty());
        driver.findElement(By.id("tool-shelters")).click();
        new Actions(driver).moveToElement(driver.findElement(By.id("map"))).click().perform();
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='shelters'] li[data-id]")).isEmpty());
        screenshot("map-en-shelters.png");

        driver.findElement(By.id("lang-switch")).click();
        assertEquals("风险一张图", driver.findElement(By.cssSelector("#topbar .brand strong")).getText());
        collectConsole();
    }

    @Test
    @Order(6)
    void no_console_errors_except_the_unreachable_base_map() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
