package riskmap.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * Aggregated (low-zoom) hazard tiles give a cell that holds one point that point's id and category,
 * so the page can draw its shape and open its popup at every zoom; a cell of several points carries neither.
 */
class TileSinglePointCategoryTest {
    /** A zoom where every hazard tile is aggregated, and the tile over the fixture. */
    private static final int Z = 6;
    private static final double TILE_LON = 108.0;
    private static final double TILE_LAT = 30.3;

    private static DataSource ds;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.database("tilecategory", false);
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // three lone points 1.5° apart (two cells at least between them at zoom 6), and a pair 0.01° apart
            st.execute("""
                INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, geom) VALUES
                  ('A', 'landslide',   '孤点A', 3, 'active', '500101', ST_SetSRID(ST_MakePoint(107.5, 30.3), 4326)),
                  ('B', 'forest_fire', '孤点B', 4, 'active', '500101', ST_SetSRID(ST_MakePoint(109.0, 30.3), 4326)),
                  ('C', 'flood',       '孤点C', 1, 'active', '500101', ST_SetSRID(ST_MakePoint(110.5, 30.3), 4326)),
                  ('D', 'landslide',   '对点D', 2, 'active', '500101', ST_SetSRID(ST_MakePoint(111.9, 30.3), 4326)),
                  ('E', 'flood',       '对点E', 2, 'active', '500101', ST_SetSRID(ST_MakePoint(111.91, 30.3), 4326))""");
        }
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void a_cell_of_one_point_carries_its_category_and_a_cell_of_several_none() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + TileMath.path("hazards", Z, TILE_LON, TILE_LAT))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("true", r.headers().firstValue("X-Tile-Aggregated").orElse(""), "zoom 6 is aggregated");
        List<MvtReader.Feature> cells = MvtReader.read(r.body()).get(0).features();
        // expected from SQL: every point with no other point within 0.1°, with its category and tile position
        int checked = 0;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT p.category, ST_X(p.geom), ST_Y(p.geom),
                       NOT EXISTS (SELECT 1 FROM hazard_point q WHERE q.id <> p.id AND ST_DWithin(q.geom, p.geom, 0.1)) AS alone, p.id
                FROM hazard_point p ORDER BY p.id""")) {
            while (rs.next()) {
                MvtReader.Feature cell = nearest(cells, rs.getDouble(2), rs.getDouble(3));
                long count = ((Number) cell.properties().get("count")).longValue();
                if (rs.getBoolean(4)) {
                    assertEquals(1, count, "a lone point is a cell of one");
                    assertEquals(rs.getString(1), cell.properties().get("category"), "the lone point's category");
                    assertEquals(rs.getString(5), cell.properties().get("id"), "the lone point's id");
                } else {
                    assertTrue(count > 1);
                    assertFalse(cell.properties().containsKey("category"), "a cell of several points has no single category");
                    assertFalse(cell.properties().containsKey("id"));
                }
                checked++;
            }
        }
        assertEquals(5, checked);
    }

    /** The cell nearest the position, in tile units computed here by the Web Mercator formulae. */
    private static MvtReader.Feature nearest(List<MvtReader.Feature> cells, double lon, double lat) {
        double n = 1 << Z;
        double x = ((lon + 180) / 360 * n - TileMath.tileX(TILE_LON, Z)) * 4096;
        double r = Math.toRadians(lat);
        double y = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n - TileMath.tileY(TILE_LAT, Z)) * 4096;
        MvtReader.Feature best = null;
        double bestD = Double.MAX_VALUE;
        for (MvtReader.Feature f : cells) {
            double d = Math.hypot(f.firstX() - x, f.firstY() - y);
            if (d < bestD) {
                bestD = d;
                best = f;
            }
        }
        assertTrue(bestD < 64, "a cell within 64 tile units (4 px) of (" + lon + ", " + lat + "), nearest at " + bestD);
        return best;
    }
}
