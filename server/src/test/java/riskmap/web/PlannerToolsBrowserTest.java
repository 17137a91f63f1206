package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The planner tools in headless Chromium: the measure tool against distances and areas computed
 * here (haversine, PostGIS geography), the coordinates under the cursor against the map's known
 * centre, the time filter against an SQL count, and the layer tree against what is drawn.
 */
class PlannerToolsBrowserTest {
    private static final double LAT = 30.8, LON = 108.4;
    private static final int ZOOM = 12;
    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        server = new TestServer(ds);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    private static String view(int zoom) {
        return String.format(Locale.ROOT, "map=%d/%.5f/%.5f&base=offline", zoom, LAT, LON);
    }

    private static WebElement map() {
        return browser.driver.findElement(By.id("map"));
    }

    /** Lon/lat of the pixel {@code dx, dy} from the centre of a Web Mercator view (centre LAT, LON at ZOOM). */
    private static double[] lonLatAt(int dx, int dy) {
        double size = 256 * Math.pow(2, ZOOM);
        double cx = (LON + 180) / 360 * size;
        double phi = Math.toRadians(LAT);
        double cy = (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * size;
        double lon = (cx + dx) / size * 360 - 180;
        double lat = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (cy + dy) / size))));
        return new double[] {lon, lat};
    }

    private static double haversineMetres(double[] a, double[] b) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(b[1] - a[1]), dLon = Math.toRadians(b[0] - a[0]);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a[1])) * Math.cos(Math.toRadians(b[1])) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }

    private static double sql(String query) {
        return Double.parseDouble(TestDatabase.row(ds, query).get(0));
    }

    private static void click(int dx, int dy) {
        new Actions(browser.driver).moveToElement(map(), dx, dy).click().perform();
    }

    @Test
    void the_measured_distance_and_area_equal_the_geodesic_figures_of_the_clicked_points() throws Exception {
        browser.open(base(), view(ZOOM));
        browser.driver.findElement(By.id("measure-distance")).click();
        int[][] line = {{-300, -100}, {280, 160}};
        for (int[] p : line) click(p[0], p[1]);
        browser.driver.findElement(By.id("measure-finish")).click();
        double shown = Double.parseDouble((String) js("return document.getElementById('measure-result').dataset.metres"));
        double[] a = lonLatAt(line[0][0], line[0][1]), b = lonLatAt(line[1][0], line[1][1]);
        double haversine = haversineMetres(a, b);
        double postgis = sql(String.format(Locale.ROOT, "SELECT ST_Distance(ST_MakePoint(%.8f, %.8f)::geography, ST_MakePoint(%.8f, %.8f)::geography)", a[0], a[1], b[0], b[1]));
        assertEquals(haversine, shown, haversine * 0.005, "haversine");
        assertEquals(postgis, shown, postgis * 0.005, "PostGIS on the spheroid");
        String text = browser.driver.findElement(By.id("measure-result")).getText();
        assertTrue(text.startsWith("长度: ") && text.endsWith(" km"), text);
        assertEquals(postgis / 1000, Double.parseDouble(text.replaceAll("[^0-9.]", "")), postgis * 0.005 / 1000, text);

        browser.driver.findElement(By.id("measure-area")).click();
        int[][] ring = {{-200, -150}, {220, -120}, {180, 170}, {-240, 140}};
        for (int[] p : ring) click(p[0], p[1]);
        browser.driver.findElement(By.id("measure-finish")).click();
        double squareMetres = Double.parseDouble((String) js("return document.getElementById('measure-result').dataset.squareMetres"));
        StringBuilder wkt = new StringBuilder("POLYGON((");
        for (int i = 0; i <= ring.length; i++) {
            double[] c = lonLatAt(ring[i % ring.length][0], ring[i % ring.length][1]);
            wkt.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.8f %.8f", c[0], c[1]));
        }
        double expected = sql("SELECT ST_Area(ST_GeogFromText('SRID=4326;" + wkt + "))'))");
        assertEquals(expected, squareMetres, expected * 0.005, "ST_Area(geography)");
        String areaText = browser.driver.findElement(By.id("measure-result")).getText();
        assertTrue(areaText.contains("km²") && areaText.contains("亩"), areaText);
        browser.screenshot("map-zh-measure-area.png");
        assertTrue(((Number) js("return document.querySelectorAll('.leaflet-popup').length")).intValue() == 0, "measuring opens no popups");
    }

    @Test
    void the_coordinates_under_the_cursor_at_the_centre_are_the_centre_in_degrees_and_in_dms() {
        browser.open(base(), view(ZOOM));
        new Actions(browser.driver).moveToElement(map()).perform();
        double degreesPerPixel = 360 / (256 * Math.pow(2, ZOOM)) * 1.5; // the pointer lands within a pixel of the centre
        String decimal = browser.waitUpTo(5).until(d -> {
            String s = d.findElement(By.id("cursor-coords")).getText();
            return s.contains("°N") ? s : null;
        });
        Matcher m = Pattern.compile("([0-9.]+)°N ([0-9.]+)°E").matcher(decimal);
        assertTrue(m.matches(), decimal);
        assertEquals(LAT, Double.parseDouble(m.group(1)), degreesPerPixel, decimal);
        assertEquals(LON, Double.parseDouble(m.group(2)), degreesPerPixel, decimal);

        browser.driver.findElement(By.id("coords-format")).click();
        new Actions(browser.driver).moveToElement(map()).perform();
        String dms = browser.driver.findElement(By.id("cursor-coords")).getText();
        Matcher d = Pattern.compile("(\\d+)°(\\d+)′([0-9.]+)″N (\\d+)°(\\d+)′([0-9.]+)″E").matcher(dms);
        assertTrue(d.matches(), dms);
        double lat = Integer.parseInt(d.group(1)) + Integer.parseInt(d.group(2)) / 60.0 + Double.parseDouble(d.group(3)) / 3600;
        double lon = Integer.parseInt(d.group(4)) + Integer.parseInt(d.group(5)) / 60.0 + Double.parseDouble(d.group(6)) / 3600;
        assertEquals(LAT, lat, degreesPerPixel, dms);
        assertEquals(LON, lon, degreesPerPixel, dms);
        browser.driver.findElement(By.id("coords-format")).click(); // back to decimal for the next visit
    }

    @Test
    void the_time_filter_gives_the_count_sql_gives_for_that_updated_at_range() {
        browser.open(base(), view(8));
        browser.waitUpTo(15).until(d -> !d.findElement(By.id("stat-total")).getText().isEmpty());
        String before = browser.driver.findElement(By.id("stat-total")).getText();
        js("""
            for (const [id, v] of [['filter-updated-from', '2025-06-01'], ['filter-updated-to', '2025-12-31']]) {
              const el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event('change'));
            }""");
        @SuppressWarnings("unchecked")
        List<String> bbox = (List<String>) js("const b = window.riskmap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5))");
        long expected = TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE ST_Intersects(geom, ST_MakeEnvelope("
                + String.join(",", bbox) + ", 4326)) AND updated_at >= '2025-06-01T00:00:00Z' AND updated_at < '2026-01-01T00:00:00Z'");
        assertTrue(expected > 0, "the range holds points in the view");
        browser.waitUpTo(15).until(d -> d.findElement(By.id("stat-total")).getText().replace(",", "").equals(Long.toString(expected)));
        assertFalse(before.equals(browser.driver.findElement(By.id("stat-total")).getText()), "the filter changed the count");
        assertTrue(((String) js("return location.hash")).contains("updated=2025-06-01/2025-12-31"));
        browser.waitForHazards();
        Number filteredTiles = (Number) js("return performance.getEntriesByType('resource').filter((e) => e.name.includes('/tiles/hazards/') && e.name.includes('datetime=2025-06-01')).length");
        assertTrue(filteredTiles.intValue() > 0, "the hazard tiles carry the interval");

        // the link reproduces it in a new page
        browser.load(base(), view(8) + "&updated=2025-06-01/2025-12-31");
        assertEquals("2025-06-01", js("return document.getElementById('filter-updated-from').value"));
        browser.waitUpTo(15).until(d -> d.findElement(By.id("stat-total")).getText().replace(",", "").equals(Long.toString(expected)));
        browser.driver.findElement(By.id("filters-clear")).click();
        assertEquals("", js("return document.getElementById('filter-updated-to').value"));
    }

    private static boolean shown(String layer) {
        return (Boolean) js("return window.riskmap.map.hasLayer(window.riskmap.layers[arguments[0]]) && !!document.querySelector('.rm-layer-' + arguments[0])", layer);
    }

    @Test
    void the_layer_tree_hides_and_shows_the_layers_and_the_link_keeps_them() throws Exception {
        browser.open(base(), view(10));
        assertTrue(browser.drawnHazards() > 0 && shown("hazards") && shown("zones") && shown("shelters"));
        browser.driver.findElement(By.id("layer-hazards")).click();
        browser.waitUpTo(10).until(d -> !shown("hazards"));
        assertEquals(0, browser.drawnHazards());
        assertTrue(browser.driver.findElements(By.cssSelector("#category-toggles input")).stream().noneMatch(WebElement::isSelected));
        browser.driver.findElement(By.id("layer-zones")).click();
        browser.waitUpTo(10).until(d -> !shown("zones"));
        browser.waitUpTo(10).until(d -> ((Number) js("return document.querySelectorAll('.rm-county-label').length")).intValue() > 0);
        assertTrue((Boolean) js("return [...document.querySelectorAll('.rm-county-label')].some((el) => getComputedStyle(el).display !== 'none')"));
        browser.driver.findElement(By.id("layer-labels")).click();
        assertTrue((Boolean) js("return [...document.querySelectorAll('.rm-county-label, .rm-province-label')].every((el) => getComputedStyle(el).display === 'none')"));
        browser.screenshot("map-zh-layer-tree.png");
        String hash = (String) js("return location.hash");
        assertTrue(hash.contains("cat=&") || hash.endsWith("cat="), hash);
        assertTrue(hash.contains("zones=0") && hash.contains("labels=0") && hash.contains("base=offline"), hash);

        browser.load(base(), hash.substring(1));
        assertFalse((Boolean) js("return document.getElementById('layer-zones').checked || document.getElementById('layer-labels').checked"));
        assertTrue(shown("shelters") && !shown("zones") && !shown("hazards"));
        browser.driver.findElement(By.id("layer-hazards")).click();
        browser.driver.findElement(By.id("layer-zones")).click();
        browser.waitUpTo(10).until(d -> shown("hazards") && shown("zones"));
        browser.waitForHazards();
        assertTrue(browser.drawnHazards() > 0);
        assertTrue(browser.driver.findElements(By.cssSelector("#category-toggles input")).stream().allMatch(WebElement::isSelected));
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
