package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import riskmap.TestCsv;
import riskmap.TestDatabase;
import riskmap.TestFiles;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * The print view and the CSV exports of the map page in a real headless Chromium, over points,
 * a zone and shelters of its own around 29.5°N 106.5°E. The print view goes to PDF through Chromium's
 * own printer (CDP Page.printToPDF): one A4 page, landscape or portrait as chosen, counted in the PDF's
 * page objects. The CSV files are really downloaded (Chromium's download directory) and parsed here;
 * their rows must be what SQL finds for the same polygon (ST_Contains) and point (ST_Distance on geography).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrintAndExportBrowserTest {
    private static final String VIEW = "map=14/29.50000/106.50000";
    /** A name that needs every kind of CSV quoting: comma, quotes, a line break, Chinese. */
    private static final String AWKWARD_NAME = "老屋,\"后山\"\n滑坡";
    /** A name Excel would run as a formula (OWASP "CSV Injection"); other points' text starts with -, +, tab and @. */
    private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"小湾滑坡\")";
    private static final Map<String, String> CATEGORY_ZH = Map.of("landslide", "滑坡", "flood", "洪涝", "forest_fire", "森林火灾");
    private static final Map<String, String> STATUS_ZH = Map.of("active", "在册", "monitoring", "监测中", "rectifying", "整治中");
    private static final Map<Integer, String> LEVEL_ZH = Map.of(1, "低风险", 2, "一般风险", 3, "较大风险", 4, "重大风险");
    private static final Path DOWNLOADS = Path.of("target", "print-export-downloads").toAbsolutePath();
    private static final Path README_SCREENSHOTS = Path.of("docs", "screenshots");

    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;
    private static ChromeDriver driver;
    private static String viewerToken;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.smallPool(TestDatabase.database("print", false));
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, county, township, village, threatened_people,
                    responsible_person, responsible_unit, responsible_phone, geom) VALUES
                ('P1', 'landslide', 'AWKWARD', 4, 'active', '500101', '万州区', '龙驹镇', '玉龙村', 120, '张三', '龙驹镇人民政府', '13800000001', ST_SetSRID(ST_MakePoint(106.5000, 29.5000), 4326)),
                ('P2', 'flood', '河坝洪涝点', 3, 'monitoring', '500101', '万州区', '-龙驹镇', '+河坝村', 35, '李四', E'\\t水利站', '13900000002', ST_SetSRID(ST_MakePoint(106.5040, 29.5020), 4326)),
                ('P3', 'forest_fire', '后山林区', 2, 'rectifying', '500101', '万州区', NULL, NULL, 0, NULL, NULL, NULL, ST_SetSRID(ST_MakePoint(106.4960, 29.4980), 4326)),
                ('P4', 'landslide', 'FORMULA', 1, 'active', '500101', '万州区', '龙驹镇', '小湾村', 8, '王五', '@小湾村委会', NULL, ST_SetSRID(ST_MakePoint(106.5020, 29.4970), 4326)),
                ('P5', 'flood', '远处洪涝点', 2, 'active', '500101', '万州区', NULL, NULL, 5, '赵六', NULL, '13700000005', ST_SetSRID(ST_MakePoint(106.5300, 29.5000), 4326)),
                ('P6', 'forest_fire', '视野外火点', 4, 'active', '500102', NULL, NULL, NULL, 3, NULL, NULL, NULL, ST_SetSRID(ST_MakePoint(107.2000, 29.9000), 4326))
                """.replace("'AWKWARD'", "'" + AWKWARD_NAME.replace("'", "''") + "'").replace("'FORMULA'", "'" + FORMULA_NAME + "'"));
            st.execute("""
                INSERT INTO risk_zone (id, name, category, risk_level, admin_code, geom) VALUES
                ('Z1', '东坡风险区', 'landslide', 3, '500101', ST_ForcePolygonCCW(ST_Multi(ST_MakeEnvelope(106.515, 29.495, 106.525, 29.505, 4326))))""");
            st.execute("""
                INSERT INTO shelter (id, name, capacity, shelter_type, address, admin_code, geom) VALUES
                ('S1', '第一中学,操场', 800, '学校', '龙驹镇"中心"街1号', '500101', ST_SetSRID(ST_MakePoint(106.501, 29.501), 4326)),
                ('S2', '镇政府广场', 1500, '广场', '龙驹镇政府前', '500101', ST_SetSRID(ST_MakePoint(106.510, 29.500), 4326)),
                ('S3', '玉龙村活动中心', 200, '室内', NULL, '500101', ST_SetSRID(ST_MakePoint(106.490, 29.505), 4326)),
                ('S4', '体育馆', 3000, '场馆', '体育路8号', '500101', ST_SetSRID(ST_MakePoint(106.520, 29.490), 4326)),
                ('S5', '敬老院', 100, '室内', '敬老路2号', '500101', ST_SetSRID(ST_MakePoint(106.480, 29.480), 4326)),
                ('S6', '远郊避难所', 500, '空地', NULL, '500101', ST_SetSRID(ST_MakePoint(106.600, 29.600), 4326)),
                ('S7', '更远避难所', 500, '空地', NULL, '500101', ST_SetSRID(ST_MakePoint(106.700, 29.700), 4326))""");
        }
        viewerToken = Api.token(ds, "打印测试查看员", Role.VIEWER, null);
        server = new TestServer(ds, Map.of());
        base = "http://127.0.0.1:" + server.port() + "/";
        browser = new Browser();
        driver = browser.driver;
        TestFiles.deleteRecursively(DOWNLOADS);
        Files.createDirectories(DOWNLOADS);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** Opens the print view on a freshly loaded page at {@code hash} and waits for its map to be drawn. */
    static void openPrintView(String hash) {
        browser.open(base, hash);
        driver.findElement(By.id("tool-print")).click();
        browser.waitUpTo(10).until(d -> d.findElement(By.id("print-view")).isDisplayed()
                && !d.findElement(By.id("print-title")).getText().isEmpty());
        browser.waitForHazards();
    }

    @Test
    @Order(1)
    void print_view_is_one_a4_page_in_landscape_and_in_portrait() throws Exception {
        // a viewport tall enough for the whole sheet, for the screenshots
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
        browser.open(base, VIEW);
        assertEquals(1, pageCount(printToPdf(true, true)), "the map page itself prints on one page, not 16");
        openPrintView(VIEW);
        assertTrue(driver.findElement(By.id("print-title")).getText().startsWith("风险一张图 — 当前视野 29.50°N 106.50°E"), "default title names the view");
        WebElement title = driver.findElement(By.id("print-title-input"));
        title.clear();
        title.sendKeys("龙驹镇汛期风险隐患分布图");
        assertEquals("龙驹镇汛期风险隐患分布图", driver.findElement(By.id("print-title")).getText());
        assertTrue(browser.drawnHazards() > 0, "the sheet's map shows the points of the view");
        Files.createDirectories(README_SCREENSHOTS);
        Files.write(README_SCREENSHOTS.resolve("print-view-zh.png"), ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        // the sheet as the printer gets it: print media, no tool chrome
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertFalse(driver.findElement(By.cssSelector(".print-toolbar")).isDisplayed(), "no tools on paper");
        assertFalse(driver.findElement(By.id("topbar")).isDisplayed(), "no top bar on paper");
        assertTrue(driver.findElements(By.cssSelector("#print-view .leaflet-control-zoom")).stream().noneMatch(WebElement::isDisplayed), "no zoom buttons on paper");
        Files.write(README_SCREENSHOTS.resolve("print-sheet-zh.png"), driver.findElement(By.id("print-sheet")).getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        byte[] landscape = printToPdf(true, true);
        Files.write(Browser.SCREENSHOTS.resolve("print-view-landscape.pdf"), landscape);
        assertEquals(1, pageCount(landscape), "one A4 landscape page");
        double[] box = mediaBox(landscape);
        assertEquals(842, box[0], 2, "A4 long side across: 297 mm = 842 pt");
        assertEquals(595, box[1], 2);
        // the browser's own margins (0.4 in) instead of the page's 10 mm: still one page
        assertEquals(1, pageCount(printToPdf(true, false)), "one page with the printer's default margins");

        new Select(driver.findElement(By.id("print-orientation"))).selectByValue("portrait");
        browser.waitForHazards();
        byte[] portrait = printToPdf(false, true);
        Files.write(Browser.SCREENSHOTS.resolve("print-view-portrait.pdf"), portrait);
        assertEquals(1, pageCount(portrait), "one A4 portrait page");
        box = mediaBox(portrait);
        assertEquals(595, box[0], 2);
        assertEquals(842, box[1], 2, "A4 long side down");
        browser.screenshot("print-view-portrait.png");

        driver.findElement(By.id("print-close")).click();
        assertFalse(driver.findElement(By.id("print-view")).isDisplayed());
        assertEquals("BODY", browser.js("return document.getElementById('map').parentElement.tagName"), "the map is back on the page");
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.collectConsole();
    }

    @Test
    @Order(2)
    void print_view_shows_legend_of_what_is_shown_scale_bar_north_arrow_date_and_filters() throws Exception {
        openPrintView(VIEW + "&min_level=2&status=active,monitoring,rectifying&admin_code=500101");
        String county = TestDatabase.row(ds, "SELECT name FROM region WHERE code = '500101'").get(0);
        browser.waitUpTo(10).until(d -> d.findElement(By.id("print-title")).getText().equals("风险一张图 — " + county + "（500101）"));
        // what the map shows: the points of the view that pass the filters, by SQL over the map's bounds
        List<?> bounds = (List<?>) browser.js("const b = window.riskmap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];");
        List<String> categories = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT category, risk_level FROM hazard_point
                WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND risk_level >= 2 AND status IN ('active', 'monitoring', 'rectifying')
                  AND admin_code LIKE '500101%'""")) {
            for (int i = 0; i < 4; i++) ps.setDouble(i + 1, ((Number) bounds.get(i)).doubleValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    categories.add(rs.getString(1));
                    levels.add(rs.getInt(2));
                }
            }
        }
        assertEquals(3, categories.stream().distinct().count(), "all three categories are in view " + bounds + ": " + categories);
        String legend = driver.findElement(By.id("print-legend")).getText();
        for (String cat : categories) assertTrue(legend.contains(CATEGORY_ZH.get(cat)), cat + " in the legend: " + legend);
        for (int level : levels) assertTrue(legend.contains(LEVEL_ZH.get(level)), "level " + level + " in the legend: " + legend);
        assertTrue(legend.contains("避难场所") && legend.contains("风险区"), "shelters and zones are shown, so legended: " + legend);

        WebElement scale = driver.findElement(By.cssSelector("#print-view .leaflet-control-scale-line"));
        assertTrue(scale.isDisplayed(), "scale bar on the printed map");
        Matcher m = Pattern.compile("(\\d+) (m|km)").matcher(scale.getText());
        assertTrue(m.matches(), scale.getText());
        double metres = Double.parseDouble(m.group(1)) * (m.group(2).equals("km") ? 1000 : 1);
        double widthPx = ((Number) browser.js("return arguments[0].getBoundingClientRect().width", scale)).doubleValue();
        double lat = ((Number) browser.js("return window.riskmap.map.getCenter().lat")).doubleValue();
        // Web Mercator at zoom 14: 2πR·cos(lat) / (256·2^14) metres per pixel
        double metresPerPx = 2 * Math.PI * 6378137 * Math.cos(Math.toRadians(lat)) / (256 * Math.pow(2, 14));
        assertEquals(metresPerPx, metres / widthPx, metresPerPx * 0.02, "scale bar length matches the map's resolution");

        WebElement north = driver.findElement(By.id("print-north"));
        assertTrue(north.isDisplayed() && north.getText().contains("N"), "north arrow");
        assertTrue(driver.findElement(By.id("print-date")).getText().startsWith(LocalDate.now().toString()), "today's date");
        String filters = driver.findElement(By.id("print-filters")).getText();
        assertTrue(filters.contains("≥ 2 一般风险") && filters.contains("在册") && filters.contains("监测中") && filters.contains("整治中") && filters.contains("500101"), filters);
        String meta = driver.findElement(By.cssSelector("#print-view .print-meta")).getText();
        assertTrue(meta.contains("WGS 84") && meta.contains("EPSG:4326"), "the sheet names its coordinate system: " + meta);
        browser.collectConsole();
    }

    @Test
    @Order(3)
    void area_csv_holds_the_points_sql_finds_inside_the_polygon_with_phones_only_for_a_reader_of_phones() throws Exception {
        List<String> anonymousHeader = List.of("编号", "名称", "类别", "风险等级", "状态", "受威胁人数", "行政区划代码", "区县", "乡镇", "村",
                "责任人", "责任单位", "经度", "纬度");
        String polygon = drawArea();
        String csv = downloadCsv("hazards-within-");
        assertTrue(csv.contains("\"老屋,\"\"后山\"\"\n滑坡\""), "the awkward name quoted, its quotes doubled: " + csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"小湾滑坡\"\")\","), "the formula guarded by ', then quoted: " + csv);
        List<List<String>> rows = TestCsv.parse(csv);
        assertEquals(anonymousHeader, rows.get(0), "Chinese headers, no phone column for an anonymous visitor");
        assertEquals(expectedArea(polygon, false), sortedById(rows.subList(1, rows.size())));

        browser.signIn(viewerToken);
        String signedIn = drawArea();
        List<List<String>> withPhones = TestCsv.parse(downloadCsv("hazards-within-"));
        List<String> header = new ArrayList<>(anonymousHeader);
        header.add(header.indexOf("责任单位"), "联系电话");
        assertEquals(header, withPhones.get(0), "a viewer reads phones: the column is there");
        assertEquals(expectedArea(signedIn, true), sortedById(withPhones.subList(1, withPhones.size())));
        browser.collectConsole();
    }

    @Test
    @Order(4)
    void radius_csv_adds_distance_and_bearing_as_sql_computes_them() throws Exception {
        browser.open(base, VIEW);
        driver.findElement(By.id("tool-radius")).click();
        WebElement value = driver.findElement(By.id("radius-value"));
        value.clear();
        value.sendKeys("2");
        new Select(driver.findElement(By.id("radius-unit"))).selectByValue("km");
        new Actions(driver).moveToElement(driver.findElement(By.id("map"))).click().perform();
        WebElement summary = browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("#results[data-kind='radius'] .result-summary"))
                .stream().findFirst().orElse(null));
        double lon = Double.parseDouble(summary.getAttribute("data-lon"));
        double lat = Double.parseDouble(summary.getAttribute("data-lat"));
        List<List<String>> rows = TestCsv.parse(downloadCsv("hazards-near-"));
        assertEquals(List.of("编号", "名称", "类别", "风险等级", "状态", "距离（米）", "方位角（度）", "受威胁人数", "行政区划代码", "区县", "乡镇", "村",
                "责任人", "联系电话", "责任单位", "经度", "纬度"), rows.get(0), "still signed in as a viewer: phones included");
        List<String> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                WITH o AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g)
                SELECT id, ST_Distance(geom::geography, o.g), degrees(ST_Azimuth(o.g, geom::geography)) FROM hazard_point, o
                WHERE ST_Distance(geom::geography, o.g) <= 2000 ORDER BY 2, id""")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    List<String> row = rows.get(rs.getRow());
                    assertEquals(rs.getString(1), row.get(0), "nearest first");
                    assertEquals(rs.getDouble(2), Double.parseDouble(row.get(5)), 0.051, "distance of " + row.get(0));
                    assertEquals(rs.getDouble(3), Double.parseDouble(row.get(6)), 0.051, "bearing of " + row.get(0));
                }
            }
        }
        assertFalse(ids.isEmpty(), "points within 2 km");
        assertEquals(ids.size(), rows.size() - 1, "one row per point within 2 km");
        browser.collectConsole();
    }

    @Test
    @Order(5)
    void shelter_csv_lists_the_nearest_shelters_sql_finds_in_chinese_and_in_english() throws Exception {
        List<String> zh = List.of("序号", "编号", "名称", "距离（米）", "容纳人数", "类型", "地址", "行政区划代码", "经度", "纬度");
        List<String> en = List.of("Rank", "ID", "Name", "Distance (m)", "Capacity", "Type", "Address", "Admin code", "Longitude", "Latitude");
        for (List<String> header : List.of(zh, en)) {
            browser.open(base, VIEW);
            if (header == en) driver.findElement(By.id("lang-switch")).click();
            driver.findElement(By.id("tool-shelters")).click();
            new Actions(driver).moveToElement(driver.findElement(By.id("map")), 40, -30).click().perform();
            WebElement summary = browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("#results[data-kind='shelters'] .result-summary"))
                    .stream().findFirst().orElse(null));
            double lon = Double.parseDouble(summary.getAttribute("data-lon"));
            double lat = Double.parseDouble(summary.getAttribute("data-lat"));
            List<List<String>> rows = TestCsv.parse(downloadCsv("shelters-nearest-"));
            assertEquals(header, rows.get(0));
            List<List<String>> expected = expectedShelters(lon, lat);
            assertEquals(expected.size(), rows.size() - 1, "the 5 nearest");
            for (int i = 0; i < expected.size(); i++) {
                List<String> got = rows.get(i + 1);
                List<String> want = expected.get(i);
                assertEquals(want.subList(0, 3), got.subList(0, 3), "rank, id and name of row " + (i + 1));
                assertEquals(Double.parseDouble(want.get(3)), Double.parseDouble(got.get(3)), 0.051, "distance in metres, to a tenth");
                assertEquals(want.subList(4, 8), got.subList(4, 8), "capacity, type, address, admin code");
                assertEquals(Double.parseDouble(want.get(8)), Double.parseDouble(got.get(8)), 1e-7);
                assertEquals(Double.parseDouble(want.get(9)), Double.parseDouble(got.get(9)), 1e-7);
            }
        }
        driver.findElement(By.id("lang-switch")).click(); // back to Chinese for the next visitor of this profile
        browser.collectConsole();
    }

    @Test
    @Order(6)
    void csv_cells_guard_text_that_starts_like_a_formula_but_keep_numbers_numbers() {
        browser.open(base, VIEW);
        // encoded, since WebDriver hands a string back with its CRLF turned into LF
        Object encoded = driver.executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            import(new URL('js/csv.js', location.href)).then((m) => done(encodeURIComponent(m.csvText(['number', 'text'], [
              [-3.5, '-3.5'], [0, '=1+2'], [2.5e-7, '+86 138'], [-12, '@SUM(A1)'], [null, '\\tx'], ['', 'a,=b'], [7, '=A1,"x"'],
            ]))), (e) => done('import failed: ' + e));""");
        String csv = URLDecoder.decode((String) encoded, StandardCharsets.UTF_8);
        assertEquals("number,text\r\n"
                + "-3.5,'-3.5\r\n" // the number stays a number, the same characters as text are guarded
                + "0,'=1+2\r\n"
                + "2.5e-7,'+86 138\r\n"
                + "-12,'@SUM(A1)\r\n"
                + ",'\tx\r\n"
                + ",\"a,=b\"\r\n" // = inside the text is harmless: quoted for its comma only
                + "7,\"'=A1,\"\"x\"\"\"\r\n", csv); // guarded, then quoted, its quotes doubled
        browser.collectConsole();
    }

    @Test
    @Order(7)
    void no_console_errors_except_the_unreachable_base_map() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }

    // ---- the area tool, and what SQL finds ----

    /** Draws a polygon round the view's middle with the area tool; the GeoJSON polygon the page sent. */
    private static String drawArea() {
        browser.open(base, VIEW);
        browser.js("""
            window.__sentArea = null;
            const fetch0 = window.fetch;
            window.fetch = (url, init) => { if (String(url).includes('api/hazards/within')) window.__sentArea = init.body; return fetch0(url, init); };""");
        driver.findElement(By.id("tool-area")).click();
        WebElement map = driver.findElement(By.id("map"));
        for (int[] c : new int[][] {{-150, -120}, {150, -120}, {150, 120}, {-150, 120}}) new Actions(driver).moveToElement(map, c[0], c[1]).click().perform();
        driver.findElement(By.id("area-finish")).click();
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#results[data-kind='area'] #csv-download")).isEmpty());
        return (String) browser.js("return window.__sentArea");
    }

    private static List<List<String>> expectedArea(String polygon, boolean withPhones) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, name, category, risk_level, status, threatened_people, admin_code, county, township, village,
                       responsible_person, responsible_phone, responsible_unit, ST_X(geom), ST_Y(geom)
                FROM hazard_point WHERE ST_Contains(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), geom) ORDER BY id""")) {
            ps.setString(1, polygon);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>(List.of(rs.getString(1), guardedText(rs.getString(2)), CATEGORY_ZH.get(rs.getString(3)),
                            rs.getString(4), STATUS_ZH.get(rs.getString(5)), rs.getString(6), rs.getString(7)));
                    for (int col = 8; col <= 13; col++) {
                        if (col != 12 || withPhones) row.add(rs.getString(col) == null ? "" : guardedText(rs.getString(col)));
                    }
                    row.add(number(rs.getDouble(14)));
                    row.add(number(rs.getDouble(15)));
                    rows.add(row);
                }
            }
        }
        assertEquals(List.of("P1", "P2", "P3", "P4"), rows.stream().map(r -> r.get(0)).toList(), "the polygon holds the four middle points");
        return rows;
    }

    private static List<List<String>> expectedShelters(double lon, double lat) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, name, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) AS d,
                       capacity, shelter_type, address, admin_code, ST_X(geom), ST_Y(geom)
                FROM shelter ORDER BY d, id LIMIT 5""")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Arrays.asList(String.valueOf(rs.getRow()), rs.getString(1), rs.getString(2), String.valueOf(rs.getDouble(3)),
                            rs.getString(4), str(rs.getString(5)), str(rs.getString(6)), str(rs.getString(7)),
                            String.valueOf(rs.getDouble(8)), String.valueOf(rs.getDouble(9))));
                }
            }
        }
        return rows;
    }

    /** A text cell as a spreadsheet must receive it: a leading ' before =, +, -, @, tab or carriage return (OWASP). */
    private static String guardedText(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }

    /** A coordinate as JavaScript writes the number: no trailing ".0". */
    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static List<List<String>> sortedById(List<List<String>> rows) {
        return rows.stream().sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList();
    }

    // ---- downloads, CSV and PDF, read here without the page's code ----

    /** Clicks the results' CSV button; the downloaded file's text after checking its UTF-8 byte-order mark and CRLF line ends. */
    private static String downloadCsv(String prefix) throws Exception {
        try (var old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) Files.delete(p);
        }
        driver.findElement(By.id("csv-download")).click();
        Path file = browser.waitUpTo(15).until(d -> finishedDownload(prefix, ".csv"));
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark for Excel");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "CRLF line ends");
        return text;
    }

    /**
     * The downloaded file once Chromium has written it: the file can be seen under its own name,
     * still empty, while the bytes go to a {@code .crdownload} file beside it.
     */
    private static Path finishedDownload(String prefix, String suffix) {
        try (var files = Files.list(DOWNLOADS)) {
            List<Path> all = files.toList();
            if (all.stream().anyMatch(p -> p.toString().endsWith(".crdownload"))) return null;
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(suffix) && Files.size(p) > 0) return p;
            }
            return null;
        } catch (java.io.IOException e) {
            return null; // a file renamed while listed: look again
        }
    }


    /** The page as Chromium prints it to A4 ({@code cssPageSize}: the page's @page size and margins, else the printer defaults). */
    private static byte[] printToPdf(boolean landscape, boolean cssPageSize) {
        Map<String, Object> answer = driver.executeCdpCommand("Page.printToPDF", Map.of("landscape", landscape,
                "paperWidth", 8.27, "paperHeight", 11.69, "preferCSSPageSize", cssPageSize, "printBackground", false));
        return java.util.Base64.getDecoder().decode((String) answer.get("data"));
    }

    /** Page objects in a PDF: "/Type /Page" dictionaries, not the "/Type /Pages" tree nodes. */
    static int pageCount(byte[] pdf) {
        Matcher m = Pattern.compile("/Type\\s*/Page(?![A-Za-z])").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** Width and height in points of the first page's MediaBox. */
    static double[] mediaBox(byte[] pdf) {
        Matcher m = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)\\s*\\]").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertTrue(m.find(), "a MediaBox");
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
