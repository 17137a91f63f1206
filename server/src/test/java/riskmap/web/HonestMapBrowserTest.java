package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * "An honest map" (issue 14) in a real headless Chromium over a database of known features: the
 * symbols say the same at every zoom, the legend's colours are the markers' colours, level is
 * readable without hue, zones follow the filters, the clicked feature is the one that answers, a
 * cluster's popup goes when its points appear, and a double-click closes an area of the corners
 * clicked. Every expected value comes from SQL over the fixture, the pixels the browser drew, or
 * arithmetic done here.
 */
class HonestMapBrowserTest {
    /** The fixture lies around here, in Chongqing. */
    private static final double LON = 106.606;
    private static final double LAT = 29.602;
    /** Metres between the shelter and the hazard point beside it. */
    private static final double SHELTER_GAP_METRES = 7;

    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.database("honestmap", false);
        TestDatabase.emptyFeatureTables(ds);
        TestDatabase.execute(ds, """
            INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, geom) VALUES
              ('H1',  'flood',       '一级水点',   1, 'active', '500101', ST_SetSRID(ST_MakePoint(106.600, 29.600), 4326)),
              ('H2',  'landslide',   '二级滑坡',   2, 'active', '500101', ST_SetSRID(ST_MakePoint(106.604, 29.600), 4326)),
              ('H3',  'forest_fire', '三级火点',   3, 'active', '500101', ST_SetSRID(ST_MakePoint(106.608, 29.600), 4326)),
              ('H4',  'forest_fire', '四级火点',   4, 'active', '500101', ST_SetSRID(ST_MakePoint(106.612, 29.600), 4326)),
              ('H3L', 'landslide',   '三级滑坡',   3, 'active', '500101', ST_SetSRID(ST_MakePoint(106.608, 29.604), 4326)),
              ('H4L', 'landslide',   '四级滑坡',   4, 'active', '500101', ST_SetSRID(ST_MakePoint(106.612, 29.604), 4326)),
              ('HN',  'flood',       '避难所旁水点', 1, 'active', '500102', ST_SetSRID(ST_MakePoint(106.620, 29.600), 4326)),
              ('LL',  'landslide',   '孤立滑坡',   4, 'active', '500103', ST_SetSRID(ST_MakePoint(107.5, 29.9), 4326)),
              ('LF',  'flood',       '孤立水点',   4, 'active', '500103', ST_SetSRID(ST_MakePoint(108.5, 29.9), 4326));
            INSERT INTO shelter (id, name, capacity, geom) VALUES
              ('SN', '水点旁避难所', 300, ST_Project(ST_MakePoint(106.620, 29.600)::geography, 7, radians(90))::geometry);
            INSERT INTO risk_zone (id, name, category, risk_level, admin_code, geom) VALUES
              ('ZA', '四级滑坡区', 'landslide',   4, '500101', ST_Multi(ST_MakeEnvelope(106.600, 29.606, 106.602, 29.608, 4326))),
              ('ZB', '二级洪水区', 'flood',       2, '500102', ST_Multi(ST_MakeEnvelope(106.604, 29.606, 106.606, 29.608, 4326))),
              ('ZC', '三级火险区', 'forest_fire', 3, '500101', ST_Multi(ST_MakeEnvelope(106.608, 29.606, 106.610, 29.608, 4326)))""");
        server = new TestServer(ds);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** Rows of {@code query} as strings, its parameters bound in order. */
    private static List<List<String>> rows(String query, Object... params) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(rs.getString(i));
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static String view(int zoom, double lat, double lon) {
        return String.format(Locale.ROOT, "map=%d/%.6f/%.6f", zoom, lat, lon);
    }

    /** Opens the view and waits until hazards, zones and shelters have all loaded their tiles. */
    private static void open(String hash) {
        browser.open(base(), hash);
        waitForLayers();
    }

    private static void waitForLayers() {
        browser.waitUpTo(20).until(d -> Boolean.TRUE.equals(browser.js("""
            const l = window.riskmap.layers, m = window.riskmap.map;
            return Object.values(l).every((layer) => !m.hasLayer(layer) || !layer.isLoading());""")));
    }

    /** Clicks (or double-clicks) the map at a geographic position. */
    private static void clickAt(double lat, double lon, boolean twice) {
        List<?> px = (List<?>) browser.js("const p = window.riskmap.map.latLngToContainerPoint([arguments[0], arguments[1]]);"
                + " const s = window.riskmap.map.getSize(); return [Math.round(p.x - s.x / 2), Math.round(p.y - s.y / 2)];", lat, lon);
        Actions a = new Actions(browser.driver).moveToElement(browser.driver.findElement(By.id("map")), ((Number) px.get(0)).intValue(), ((Number) px.get(1)).intValue());
        (twice ? a.doubleClick() : a.click()).perform();
    }

    private static double[] position(String table, String id) throws Exception {
        List<String> r = rows("SELECT ST_Y(geom), ST_X(geom) FROM " + table + " WHERE id = ?", id).get(0);
        return new double[] {Double.parseDouble(r.get(0)), Double.parseDouble(r.get(1))};
    }

    /** The computed fill of the legend's symbol for {@code level}. */
    private static int[] legendFill(int level) {
        return ColourVision.parse((String) browser.js("return getComputedStyle(document.querySelector('#legend [data-level=\"' + arguments[0] + '\"] .rm-symbol-fill')).fill", level));
    }

    @Test
    void below_zoom_9_a_lone_point_keeps_its_category_shape() throws Exception {
        open(view(8, 29.9, 108.0));
        // from SQL: the two points with no other within half a degree, and their categories
        List<List<String>> lone = rows("""
            SELECT p.id, p.category, ST_Y(p.geom), ST_X(p.geom) FROM hazard_point p
            WHERE NOT EXISTS (SELECT 1 FROM hazard_point q WHERE q.id <> p.id AND ST_DWithin(q.geom, p.geom, 0.5)) ORDER BY p.id""");
        assertEquals(List.of("LF", "LL"), lone.stream().map(r -> r.get(0)).toList());
        for (List<String> r : lone) {
            double ratio = MapPixels.around(browser, "rm-layer-hazards", Double.parseDouble(r.get(2)), Double.parseDouble(r.get(3)), 14).topToBottomWidth();
            if (r.get(1).equals("landslide")) assertTrue(ratio < 0.6, "a landslide is a triangle, apex up, at zoom 8 too: width ratio " + ratio);
            else assertTrue(ratio > 0.85, "a flood point is a circle: width ratio " + ratio);
        }
        // and a click opens the point's own popup, not a cluster's of one
        List<String> ll = lone.get(1);
        clickAt(Double.parseDouble(ll.get(2)), Double.parseDouble(ll.get(3)), false);
        String name = rows("SELECT name FROM hazard_point WHERE id = ?", ll.get(0)).get(0).get(0);
        browser.waitUpTo(10).until(d -> name.equals(browser.js("const h = document.querySelector('.leaflet-popup .rm-popup h3'); return h && h.textContent")));
        assertTrue(browser.driver.findElements(By.cssSelector(".leaflet-popup button.zoom")).isEmpty(), "no cluster popup");
        browser.screenshot("honest-zoom8-lone-points.png");
    }

    @Test
    void legend_colours_are_the_markers_colours_and_the_popups_badges() throws Exception {
        open(view(15, LAT, LON));
        // a point of every level present in the view, from SQL
        List<List<String>> perLevel = rows("""
            SELECT DISTINCT ON (risk_level) risk_level, id, ST_Y(geom), ST_X(geom) FROM hazard_point
            WHERE geom && ST_MakeEnvelope(106.59, 29.59, 106.625, 29.61, 4326) ORDER BY risk_level, id""");
        assertEquals(List.of("1", "2", "3", "4"), perLevel.stream().map(r -> r.get(0)).toList());
        for (List<String> r : perLevel) {
            int level = Integer.parseInt(r.get(0));
            double lat = Double.parseDouble(r.get(2));
            double lon = Double.parseDouble(r.get(3));
            int[] drawn = MapPixels.around(browser, "rm-layer-hazards", lat, lon, 12).fill();
            assertArrayEquals(legendFill(level), drawn, "legend and marker " + r.get(1) + " agree on level " + level);
            clickAt(lat, lon, false);
            // text and colour read together (textContent: getText() is empty while Leaflet still fades the popup in)
            List<?> badge = browser.waitUpTo(10).until(d -> (List<?>) browser.js("""
                const b = document.querySelector('.leaflet-popup .rm-popup .badge');
                return b ? [b.textContent, getComputedStyle(b).backgroundColor] : null;"""));
            assertTrue(((String) badge.get(0)).startsWith(level + " "), (String) badge.get(0));
            assertArrayEquals(drawn, ColourVision.parse((String) badge.get(1)), "the popup's level badge has the marker's colour");
            browser.js("window.riskmap.map.closePopup()");
            popupGone("closed");
        }
        browser.screenshot("honest-levels.png");
        browser.js("document.getElementById('legend').scrollIntoView()");
        Files.write(Browser.SCREENSHOTS.resolve("map-legend.png"),
                browser.driver.findElement(By.id("legend")).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void levels_3_and_4_differ_without_hue_and_stay_apart_for_deuteranopes() throws Exception {
        open(view(15, LAT, LON));
        double[] l3 = position("hazard_point", "H3L");
        double[] l4 = position("hazard_point", "H4L");
        assertEquals(List.of(List.of("landslide", "3"), List.of("landslide", "4")), rows("SELECT category, risk_level FROM hazard_point WHERE id IN ('H3L', 'H4L') ORDER BY id"));
        int area3 = MapPixels.around(browser, "rm-layer-hazards", l3[0], l3[1], 14).opaqueCount();
        int area4 = MapPixels.around(browser, "rm-layer-hazards", l4[0], l4[1], 14).opaqueCount();
        assertTrue(area4 > area3 * 1.15, "a level-4 landslide is drawn larger than a level-3 one: " + area4 + " vs " + area3 + " pixels");
        // the legend says so too: the number in each symbol, and the size
        for (int level = 1; level <= 4; level++) {
            assertEquals(String.valueOf(level), browser.js("return document.querySelector('#legend [data-level=\"' + arguments[0] + '\"] .rm-symbol text').textContent", level));
        }
        double w3 = ((Number) browser.js("return document.querySelector('#legend [data-level=\"3\"] .rm-symbol-fill').getBoundingClientRect().width")).doubleValue();
        double w4 = ((Number) browser.js("return document.querySelector('#legend [data-level=\"4\"] .rm-symbol-fill').getBoundingClientRect().width")).doubleValue();
        assertTrue(w4 > w3, "the legend's level-4 symbol is larger: " + w4 + " vs " + w3);
        // every pair of level colours, as a deuteranope sees them (Machado 2009), at least ΔE*76 35 apart; 3 and 4 also by 20 in lightness
        for (int a = 1; a <= 4; a++) {
            for (int b = a + 1; b <= 4; b++) {
                double[] labA = ColourVision.lab(ColourVision.deuteranopia(legendFill(a)));
                double[] labB = ColourVision.lab(ColourVision.deuteranopia(legendFill(b)));
                double dE = ColourVision.deltaE(labA, labB);
                assertTrue(dE >= 35, "levels " + a + " and " + b + " under deuteranopia: ΔE " + dE);
                if (a == 3 && b == 4) assertTrue(Math.abs(labA[0] - labB[0]) >= 20, "levels 3 and 4 differ in lightness: " + labA[0] + " vs " + labB[0]);
            }
        }
    }

    @Test
    void risk_zones_follow_category_level_and_county_filters() throws Exception {
        open(view(15, LAT, LON));
        checkZones("", "SELECT id FROM risk_zone ORDER BY id");
        checkZones("&min_level=3", "SELECT id FROM risk_zone WHERE risk_level >= 3 ORDER BY id");
        checkZones("&cat=landslide,flood&min_level=2", "SELECT id FROM risk_zone WHERE category IN ('landslide', 'flood') AND risk_level >= 2 ORDER BY id");
        checkZones("&admin_code=500102", "SELECT id FROM risk_zone WHERE admin_code LIKE '500102%' ORDER BY id");
        // zones have no status: that filter is the points' alone and leaves every zone shown
        checkZones("&status=closed", "SELECT id FROM risk_zone ORDER BY id");
    }

    @Test
    void risk_zones_follow_the_updated_at_filter() throws Exception {
        TestDatabase.execute(ds, """
            UPDATE risk_zone SET updated_at = '2025-03-10T12:00:00Z' WHERE id = 'ZA';
            UPDATE risk_zone SET updated_at = '2025-07-01T00:00:00Z' WHERE id = 'ZB';
            UPDATE risk_zone SET updated_at = '2025-12-31T23:59:59Z' WHERE id = 'ZC'""");
        assertEquals(List.of(List.of("ZA"), List.of("ZB"), List.of("ZC")), rows("SELECT id FROM risk_zone ORDER BY updated_at"), "three distinct times");
        open(view(15, LAT, LON));
        // a date as an end is its whole UTC day, so ZC (last second of 2025-12-31) is inside and ZA is not
        checkZones("&updated=2025-06-01/2025-12-31",
                "SELECT id FROM risk_zone WHERE updated_at >= '2025-06-01T00:00:00Z' AND updated_at < '2026-01-01T00:00:00Z' ORDER BY id");
        checkZones("&updated=../2025-06-30", "SELECT id FROM risk_zone WHERE updated_at < '2025-07-01T00:00:00Z' ORDER BY id");
        checkZones("&updated=2025-07-01/..", "SELECT id FROM risk_zone WHERE updated_at >= '2025-07-01T00:00:00Z' ORDER BY id");
        checkZones("", "SELECT id FROM risk_zone ORDER BY id");
    }

    private static void checkZones(String filters, String expectedSql) throws Exception {
        List<String> expected = rows(expectedSql).stream().map(r -> r.get(0)).toList();
        browser.js("location.hash = arguments[0]", view(15, LAT, LON) + filters);
        String script = """
            const ids = new Set();
            for (const e of window.riskmap.layers.zones._decoded.values()) for (const f of e.features) ids.add(f.properties.id);
            return [...ids].sort().join(',');""";
        String wanted = String.join(",", expected);
        // the tiles of the previous filter may still be in flight: read once none is loading
        String idle = "return window.riskmap.layers.zones._aborts.size === 0";
        try {
            browser.waitUpTo(20).until(d -> Boolean.TRUE.equals(browser.js(idle)) && wanted.equals(browser.js(script)));
        } catch (TimeoutException e) {
            assertEquals(wanted, browser.js(script), "zones drawn with " + filters + " (hash " + browser.js("return location.hash")
                    + ", loading " + browser.js("return window.riskmap.layers.zones._aborts.size") + ")");
        }
    }

    @Test
    void a_click_on_a_shelter_beside_a_hazard_opens_the_shelter() throws Exception {
        double[] hazard = position("hazard_point", "HN");
        double[] shelter = position("shelter", "SN");
        List<String> gap = rows("SELECT ST_Distance(h.geom::geography, s.geom::geography) FROM hazard_point h, shelter s WHERE h.id = 'HN' AND s.id = 'SN'").get(0);
        assertEquals(SHELTER_GAP_METRES, Double.parseDouble(gap.get(0)), 0.01);
        open(view(17, hazard[0], hazard[1]));
        clickAt(shelter[0], shelter[1], false);
        assertEquals(rows("SELECT name FROM shelter WHERE id = 'SN'").get(0).get(0), browser.visibleText(".leaflet-popup .rm-popup h3", 10));
        assertTrue(!browser.driver.findElements(By.cssSelector(".leaflet-popup tr[data-field='capacity']")).isEmpty(), "the shelter's capacity");
        browser.js("window.riskmap.map.closePopup()");
        popupGone("closed");
        clickAt(hazard[0], hazard[1], false);
        assertEquals(rows("SELECT name FROM hazard_point WHERE id = 'HN'").get(0).get(0), browser.visibleText(".leaflet-popup .rm-popup h3", 10));
    }

    @Test
    void a_cluster_popup_closes_when_the_map_zooms_in_and_a_point_popup_stays() throws Exception {
        open(view(6, LAT, LON));
        // the seven points around the view centre are within 0.03° of one another: one cell (or a few) at zoom 6
        assertEquals(7, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE ST_DWithin(geom, ST_SetSRID(ST_MakePoint(106.61, 29.60), 4326), 0.03)"));
        List<?> cell = (List<?>) browser.js("""
            const layer = window.riskmap.layers.hazards, map = window.riskmap.map;
            for (const e of layer._decoded.values()) for (const f of e.features) if (f.properties.count > 1) {
              const s = 256 / e.extent, [x, y] = f.geometry[0][0];
              const ll = map.unproject([e.coords.x * 256 + x * s, e.coords.y * 256 + y * s], e.coords.z);
              return [ll.lat, ll.lng];
            }
            return null;""");
        double lat = ((Number) cell.get(0)).doubleValue();
        double lon = ((Number) cell.get(1)).doubleValue();
        clickAt(lat, lon, false);
        browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector(".leaflet-popup .rm-popup button.zoom")).stream().findFirst().orElse(null)).click();
        browser.waitUpTo(10).until(d -> ((Number) browser.js("return window.riskmap.map.getZoom()")).intValue() == 8);
        popupGone("the cluster's popup left with its cluster");
        // the zoom buttons too
        browser.js("window.riskmap.map.setView([arguments[0], arguments[1]], 6, { animate: false })", lat, lon);
        waitForLayers();
        clickAt(lat, lon, false);
        browser.waitUpTo(10).until(d -> !d.findElements(By.cssSelector(".leaflet-popup .rm-popup button.zoom")).isEmpty());
        browser.driver.findElement(By.cssSelector(".leaflet-control-zoom-in")).click();
        browser.waitUpTo(10).until(d -> ((Number) browser.js("return window.riskmap.map.getZoom()")).intValue() == 7);
        popupGone("the cluster's popup left on the zoom button too");
        // a single point's popup still describes its point after a zoom: it stays
        double[] h3 = position("hazard_point", "H3");
        open(view(15, h3[0], h3[1]));
        clickAt(h3[0], h3[1], false);
        browser.visibleText(".leaflet-popup .rm-popup h3", 10);
        browser.driver.findElement(By.cssSelector(".leaflet-control-zoom-in")).click();
        browser.waitUpTo(10).until(d -> ((Number) browser.js("return window.riskmap.map.getZoom()")).intValue() == 16);
        Thread.sleep(POPUP_FADE_MS * 3);
        assertEquals(1, browser.driver.findElements(By.cssSelector(".leaflet-popup")).size(), "a point's popup stays open");
    }

    /** Leaflet fades a closed popup out and removes its element 200 ms later. */
    private static final int POPUP_FADE_MS = 200;

    private static void popupGone(String why) {
        try {
            browser.waitUpTo(5).until(d -> d.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
        } catch (TimeoutException e) {
            assertEquals(0, browser.driver.findElements(By.cssSelector(".leaflet-popup")).size(), why);
        }
    }

    @Test
    void a_double_click_finishes_the_area_with_the_corners_clicked_and_no_zoom() throws Exception {
        open(view(15, LAT, LON));
        browser.driver.findElement(By.id("tool-area")).click();
        double[][] corners = {{29.606, 106.598}, {29.606, 106.614}, {29.598, 106.614}, {29.598, 106.598}};
        for (int i = 0; i < 3; i++) clickAt(corners[i][0], corners[i][1], false);
        clickAt(corners[3][0], corners[3][1], true);
        WebElement summary = browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("#results[data-kind='area'] .result-summary")).stream().findFirst().orElse(null));
        assertEquals(15, ((Number) browser.js("return window.riskmap.map.getZoom()")).intValue(), "the double-click did not zoom");
        JsonNode ring = new ObjectMapper().readTree(summary.getAttribute("data-ring"));
        assertEquals(5, ring.size(), "four corners and the closing one: " + ring);
        assertEquals(ring.get(0), ring.get(4));
        for (int i = 0; i < 4; i++) {
            // a click lands within a pixel (~4 m, 0.00005° here) of where it was aimed
            assertEquals(corners[i][1], ring.get(i).get(0).asDouble(), 5e-5, "corner " + i + " longitude");
            assertEquals(corners[i][0], ring.get(i).get(1).asDouble(), 5e-5, "corner " + i + " latitude");
        }
        long expected = TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON('"
                + "{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}'), 4326))");
        assertEquals(6, expected, "the six points of H1…H4L lie inside");
        assertEquals(expected, Long.parseLong(browser.driver.findElement(By.id("result-count")).getText().replace(",", "")));
        assertEquals(4L, ((Number) browser.js("let n = 0; window.riskmap.map.eachLayer(l => { if (l instanceof L.Polygon && l.options.pane === 'overlayPane') n = l.getLatLngs()[0].length; }); return n;")).longValue(),
                "the polygon drawn has four corners");
        browser.screenshot("honest-area-double-click.png");
    }
}
