package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TwoServers;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Issue 16, live map updates in the page: a map page served by server B, left alone, draws a point
 * created through server A and drops one deleted through A, without a reload — the page follows
 * /api/events and loads again the tiles the change touched.
 */
class LiveMapBrowserTest {
    private static DataSource ds;
    private static TwoServers servers;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        servers = new TwoServers();
        ds = servers.ds();
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, threatened_people, geom)
                SELECT 'W' || i, 'landslide', '网页点' || i, 2, 'active', '500103', 3, ST_SetSRID(ST_MakePoint(106.55 + i * 0.002, 29.56), 4326)
                FROM generate_series(1, 5) i""");
        }
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (servers != null) servers.close();
    }

    @Test
    void a_point_created_and_deleted_through_a_appears_and_goes_on_a_page_of_b() throws Exception {
        browser.open("http://127.0.0.1:" + servers.b.port() + "/", "map=15/29.5600/106.5560");
        assertEquals(5, browser.drawnHazards());
        browser.waitUpTo(10).until(d -> "1".equals(browser.js("return document.getElementById('map').dataset.live || ''")));

        Api viaA = new Api(servers.a.port());
        String editor = Api.token(ds, "编辑", Role.EDITOR, null);
        Api.Response created = viaA.json("POST", "/api/hazards", editor, Api.hazard("WNEW", "500103", 4, 106.557, 29.5605));
        assertEquals(201, created.status(), created.body());
        browser.waitUpTo(5).until(d -> browser.drawnHazards() == 6);

        assertEquals(204, viaA.send("DELETE", "/api/hazards/W1", editor, null, "If-Match", "\"1\"").status());
        browser.waitUpTo(5).until(d -> browser.drawnHazards() == 5);
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"), browser.drawnHazards(), "the page draws what the database holds");
        browser.collectConsole();
        assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
    }
}
