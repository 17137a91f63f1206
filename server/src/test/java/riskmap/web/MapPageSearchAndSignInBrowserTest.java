package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;
import riskmap.store.TokenStore;

/**
 * The map page's search box and sign-in (issue 9) in a real headless Chromium against the real
 * server over the seeded PostGIS, and against a second server with {@code public_read=false}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapPageSearchAndSignInBrowserTest {
    private static final String WANZHOU = "500101";
    private static DataSource ds;
    private static TestServer server;
    private static TestServer closed;
    private static Browser browser;
    /** A Wanzhou hazard point with a phone: id, name, phone, lon, lat. */
    private static String hazardId;
    private static String hazardName;
    private static String hazardPhone;
    private static double hazardLon;
    private static double hazardLat;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.seeded();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, responsible_phone, ST_X(geom), ST_Y(geom) FROM hazard_point"
                     + " WHERE admin_code LIKE '" + WANZHOU + "%' AND responsible_phone IS NOT NULL ORDER BY id LIMIT 1")) {
            assertTrue(rs.next(), "the demo seeds hold Wanzhou hazard points with phones");
            hazardId = rs.getString(1);
            hazardName = rs.getString(2);
            hazardPhone = rs.getString(3);
            hazardLon = rs.getDouble(4);
            hazardLat = rs.getDouble(5);
        }
        server = new TestServer(ds);
        closed = new TestServer(ds, Map.of("RISKMAP_PUBLIC_READ", "false"));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (closed != null) closed.close();
    }

    static String base(TestServer s) {
        return "http://127.0.0.1:" + s.port() + "/";
    }

    static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    /** The extent of Wanzhou's hazard points by SQL: minx, miny, maxx, maxy. */
    static double[] wanzhouHazardExtent() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM"
                     + " (SELECT ST_Extent(geom) AS e FROM hazard_point WHERE admin_code LIKE '" + WANZHOU + "%') s")) {
            assertTrue(rs.next());
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }

    /** The map's view: west, south, east, north, centre lon, centre lat. */
    static double[] view() {
        List<?> v = (List<?>) browser.js("const m = window.riskmap.map, b = m.getBounds(), c = m.getCenter();"
                + " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), c.lng, c.lat];");
        return v.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    static boolean inside(double lon, double lat, double[] box) {
        return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
    }

    static void search(String text) {
        WebElement input = byId("search-input");
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER); // before the debounce: the page searches at once and takes the first suggestion
    }

    static WebElement popup() {
        return browser.waitUpTo(15).until(d -> d.findElements(By.cssSelector(".leaflet-popup .rm-popup")).stream().findFirst().orElse(null));
    }

    static void signIn(String token) {
        WebElement field = byId("signin-token");
        field.clear();
        field.sendKeys(token);
        byId("signin-submit").click();
    }

    /** Opens the page at {@code hash} and signs in with a new Wanzhou token of {@code role}; returns the token. */
    static String openSignedIn(String name, Role role, String hash) throws Exception {
        String token = Api.token(ds, name, role, WANZHOU);
        browser.open(base(server), hash);
        signIn(token);
        browser.waitUpTo(10).until(d -> byId("account-info").isDisplayed());
        return token;
    }

    @Test
    @Order(1)
    void search_escapes_like_wildcards_and_quotes_for_cql2() {
        browser.load(base(server), "map=5/32.0/108.0");
        Object pattern = browser.driver.executeAsyncScript(
                "import('./js/search.js').then(m => arguments[arguments.length - 1](m.containsPattern(arguments[0])))", "5%_a'b\\");
        assertEquals("'%5\\%\\_a''b\\\\%'", pattern);
        Object kinds = browser.driver.executeAsyncScript("import('./js/search.js').then(m => arguments[arguments.length - 1]("
                + "[m.lookupsFor('500101'), m.lookupsFor('hp00000367'), m.lookupsFor('万州')].map(k => Object.keys(k).filter(n => k[n]).join(','))))");
        assertEquals(List.of("regions", "hazardId,hazardName", "regions,hazardName"), kinds);

        // the requests and their order in the list, against a stand-in for the API
        Object asked = browser.driver.executeAsyncScript("""
            const done = arguments[arguments.length - 1], urls = [];
            const hazard = (id) => ({ type: 'Feature', id, properties: { name: 'n' + id, category: 'flood' }, geometry: { type: 'Point', coordinates: [108, 30] } });
            const api = async (url) => {
              urls.push(url);
              if (url.startsWith('api/regions')) return { regions: [{ code: '500101', name: '万州区', level: 'county', path: ['重庆市', '市辖区', '万州区'] }] };
              if (url.startsWith('api/hazards/HZ01')) return hazard('HZ01');
              if (url.startsWith('api/hazards/')) { const e = new Error('no'); e.status = 404; throw e; }
              return { features: [hazard('HZ01'), hazard('HZ02')] };
            };
            import('./js/search.js').then(async (m) => {
              const a = await m.suggestionsFor(' 万州 ', api), b = await m.suggestionsFor('hz01', api), c = await m.suggestionsFor('hz99', api);
              const keys = (l) => l.map((s) => s.kind === 'region' ? s.region.code : s.feature.id).join(',');
              done([urls.map(decodeURIComponent), keys(a), keys(b), keys(c)]);
            });""");
        assertEquals(List.of(
                List.of("api/regions?q=万州&limit=8", "ogc/collections/hazards/items?limit=5&filter=name LIKE '%万州%'",
                        "api/hazards/HZ01", "ogc/collections/hazards/items?limit=5&filter=name LIKE '%hz01%'",
                        "api/hazards/HZ99", "ogc/collections/hazards/items?limit=5&filter=name LIKE '%hz99%'"),
                "500101,HZ01,HZ02", "HZ01,HZ02", "HZ01,HZ02"), asked, "regions first, an id's own point once, a missing id no error");
    }

    @Test
    @Order(2)
    void typing_wanzhou_and_enter_moves_the_map_to_the_county() throws Exception {
        browser.open(base(server), "map=5/32.0/108.0");
        double[] expected = wanzhouHazardExtent();
        JsonNode region = server.http.get("/api/regions/" + WANZHOU).json();
        JsonNode e = region.get("extent");
        double[] reported = {e.get(0).asDouble(), e.get(1).asDouble(), e.get(2).asDouble(), e.get(3).asDouble()};
        assertTrue(reported[0] <= expected[0] + 1e-6 && reported[1] <= expected[1] + 1e-6
                && reported[2] >= expected[2] - 1e-6 && reported[3] >= expected[3] - 1e-6,
                "the server's extent holds every Wanzhou hazard point");

        // the suggestion list: the county with its path and level, usable with the keyboard
        WebElement input = byId("search-input");
        input.sendKeys("万州");
        WebElement first = browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector("#search-list [role=option]")).stream().findFirst().orElse(null));
        assertEquals("true", input.getAttribute("aria-expanded"));
        String county = browser.driver.findElements(By.cssSelector("#search-list [role=option][data-kind=region]")).stream()
                .filter(o -> WANZHOU.equals(o.getAttribute("data-key"))).findFirst().orElseThrow().getText();
        assertTrue(county.contains("万州区") && county.contains("重庆市") && county.contains("区县"), county);
        input.sendKeys(Keys.ARROW_DOWN);
        assertEquals(first.getAttribute("id"), input.getAttribute("aria-activedescendant"));
        assertEquals("true", first.getAttribute("aria-selected"));
        browser.screenshot("map-zh-search.png");
        input.sendKeys(Keys.ESCAPE);
        assertEquals("false", input.getAttribute("aria-expanded"));

        search("万州区");
        browser.waitUpTo(15).until(d -> {
            double[] v = view();
            return inside(v[4], v[5], expected) && v[0] <= expected[0] && v[1] <= expected[1] && v[2] >= expected[2] && v[3] >= expected[3];
        });
        browser.waitForHazards();
        double[] v = view();
        assertTrue(inside(v[4], v[5], reported), "the centre lies in Wanzhou's extent");
        assertTrue(v[2] - v[0] < 4 * (expected[2] - expected[0]) + 0.2, "the map is fitted to the county, not the country: " + (v[2] - v[0]) + "° wide");
        assertTrue(browser.drawnHazards() > 0);
        browser.screenshot("map-zh-search-wanzhou.png");

        // a name with LIKE wildcards and a quote is searched literally: no match, no error
        search("x'%_");
        browser.waitUpTo(10).until(d -> byId("search-empty").isDisplayed());
        assertTrue(byId("search-empty").getText().contains("没有匹配"));
        assertFalse(byId("message").isDisplayed() && byId("message").getAttribute("class").contains("error"), "no error: " + byId("message").getText());
        browser.collectConsole();
    }

    @Test
    @Order(3)
    void searching_a_hazard_id_opens_its_popup() {
        browser.open(base(server), "map=5/32.0/108.0");
        search(hazardId.toLowerCase());
        String text = browser.visibleText(".leaflet-popup .rm-popup", 15);
        assertTrue(text.contains(hazardName) && text.contains(hazardId), text);
        assertFalse(text.contains(hazardPhone), "anonymous: no phone");
        double[] v = view();
        assertTrue(Math.abs(v[4] - hazardLon) < 1e-3 && Math.abs(v[5] - hazardLat) < 1e-3, "the map is centred on the point");
        browser.collectConsole();
    }

    @Test
    @Order(4)
    void a_wrong_token_shows_the_error_and_stays_signed_out() {
        browser.load(base(server), "map=5/32.0/108.0");
        signIn("rm_this-token-was-never-issued-0000000000000000000");
        WebElement error = browser.waitUpTo(10).until(d -> byId("signin-error").isDisplayed() ? byId("signin-error") : null);
        assertTrue(error.getText().contains("登录失败"), error.getText());
        assertFalse(byId("account-info").isDisplayed());
        assertNull(browser.js("return sessionStorage.getItem('riskmap.token')"));
        browser.collectConsole(m -> m.contains("/api/me")); // the refused check is expected
    }

    @Test
    @Order(5)
    void a_viewer_sees_phones_in_popups_and_sign_out_hides_them() throws Exception {
        String token = openSignedIn("万州查看", Role.VIEWER, "map=5/32.0/108.0");
        assertEquals("万州查看", byId("account-name").getText());
        assertTrue(byId("account-scope").getText().contains(WANZHOU), byId("account-scope").getText());
        assertEquals("可查看联系电话", browser.driver.findElement(By.cssSelector("#account-actions [data-action=read_personal]")).getText());
        assertEquals("", byId("signin-token").getAttribute("value"), "the field is emptied");
        assertFalse(browser.driver.getCurrentUrl().contains(token), "never in the URL");

        search(hazardId);
        WebElement phone = browser.waitUpTo(10).until(d -> d.findElements(By.cssSelector(".rm-popup tr[data-field=responsible_phone] td")).stream().findFirst().orElse(null));
        assertEquals(hazardPhone, phone.getText());
        browser.screenshot("map-zh-signed-in.png");

        // the radius list from the popup shows the phones too
        browser.driver.findElement(By.cssSelector(".rm-popup button.radius")).click();
        browser.waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#results-body li[data-id='" + hazardId + "'] .phone")).isEmpty());
        assertEquals(hazardPhone, browser.driver.findElement(By.cssSelector("#results-body li[data-id='" + hazardId + "'] .phone")).getText());

        // a reload keeps the sign-in for the tab
        browser.driver.navigate().refresh();
        browser.waitUpTo(10).until(d -> byId("account-info").isDisplayed());
        assertEquals("万州查看", byId("account-name").getText());

        search(hazardId);
        popup().findElement(By.cssSelector("button.radius")).click();
        browser.waitUpTo(15).until(d -> byId("results").isDisplayed());
        byId("signout").click();
        assertNull(browser.js("return sessionStorage.getItem('riskmap.token')"));
        assertFalse(byId("results").isDisplayed(), "the lists fetched with the account are gone");
        assertTrue(byId("account-anon").isDisplayed());
        search(hazardId);
        String text = browser.visibleText(".leaflet-popup .rm-popup", 15);
        assertTrue(text.contains(hazardName), text);
        assertTrue(browser.driver.findElements(By.cssSelector(".rm-popup tr[data-field=responsible_phone]")).isEmpty(), text);
        assertFalse(text.contains(hazardPhone), text);
        browser.collectConsole();
    }

    @Test
    @Order(6)
    void a_token_revoked_while_signed_in_signs_the_page_out() throws Exception {
        openSignedIn("撤销测试", Role.EDITOR, "map=9/30.8/108.4");
        assertNotNull(browser.driver.findElement(By.cssSelector("#account-actions [data-action=edit]")));
        int id = ((Number) browser.js("return window.riskmap.account().id")).intValue();
        assertTrue(new TokenStore(ds).revoke(id));

        browser.js("window.riskmap.map.panBy([200, 0])"); // the next statistics request carries the dead token
        browser.waitUpTo(15).until(d -> byId("account-anon").isDisplayed());
        assertTrue(byId("message").getText().contains("登录已失效"), byId("message").getText());
        assertNull(browser.js("return sessionStorage.getItem('riskmap.token')"));
        browser.waitForHazards();
        assertTrue(browser.drawnHazards() > 0, "public data again");
        browser.collectConsole(m -> m.contains(" 401 ")); // the requests with the revoked token
    }

    @Test
    @Order(7)
    void a_closed_server_asks_for_a_sign_in_and_shows_the_data_after_it() throws Exception {
        String token = Api.token(ds, "万州查看", Role.VIEWER, WANZHOU);
        browser.load(base(closed), String.format(java.util.Locale.ROOT, "map=11/%.5f/%.5f", hazardLat, hazardLon));
        browser.waitUpTo(10).until(d -> byId("signin-needed").isDisplayed());
        assertTrue(byId("stats").getText().contains("需要登录") && byId("map-notice").isDisplayed(), byId("stats").getText());
        assertTrue(browser.driver.findElements(By.cssSelector(".rm-layer-hazards")).isEmpty(), "no empty layers waiting for data");
        assertEquals("signin-token", browser.js("return document.activeElement.id"));
        browser.screenshot("map-zh-signin-needed.png");

        signIn(token);
        browser.waitUpTo(10).until(d -> byId("account-info").isDisplayed());
        browser.waitUpTo(15).until(d -> !d.findElements(By.cssSelector(".rm-layer-hazards")).isEmpty());
        browser.waitForHazards();
        assertTrue(browser.drawnHazards() > 0, "the points of the account's scope");
        browser.waitUpTo(10).until(d -> !d.findElements(By.id("stat-total")).isEmpty());
        browser.collectConsole(m -> m.contains(" 401 ")); // the anonymous reads the server refused
    }

    @Test
    @Order(8)
    void english_texts_for_search_and_account() throws Exception {
        browser.load(base(server), "map=5/32.0/108.0");
        byId("lang-switch").click();
        assertEquals("Account", byId("account-title").getAttribute("textContent"));
        assertEquals("Sign in", byId("signin-submit").getText());
        WebElement input = byId("search-input");
        input.sendKeys("万州区");
        browser.waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#search-list [role=option][data-key='" + WANZHOU + "']")).isEmpty());
        String county = browser.driver.findElement(By.cssSelector("#search-list [role=option][data-key='" + WANZHOU + "']")).getText();
        assertTrue(county.contains("county"), county);
        browser.screenshot("map-en-search.png");
        byId("lang-switch").click();
        browser.collectConsole();
    }

    @Test
    @Order(9)
    void no_console_errors_except_the_expected_refusals() {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in the page");
    }
}
