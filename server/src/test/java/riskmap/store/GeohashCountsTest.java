package riskmap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * A box's count from the geohash cell counts (V43, {@link GeohashCounts}) against a plain count of
 * the points whose coordinates lie in the closed box, in PostgreSQL: for the whole collection and
 * a per-category one, on clustered points (many in one cell, points on cell borders) and after
 * inserts, moves, category changes and deletes, before and after the hourly fold.
 */
class GeohashCountsTest {
    private static final DataSource DS = TestDatabase.database("geohash_counts", false);
    private static final String PLAIN = "SELECT count(*) FROM hazard_point WHERE ST_X(geom) BETWEEN ? AND ? AND ST_Y(geom) BETWEEN ? AND ?";

    @Test
    void the_count_from_cells_is_the_number_of_points_in_the_box() throws Exception {
        try (Connection c = DS.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE hazard_point CASCADE");
            st.execute("SELECT setseed(0.3)");
            // clusters of points around a few centres, a grid on 6-character cell borders (0.010986328125° of longitude), a far-off group
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                    + " SELECT 'G' || i, (ARRAY['landslide','flood','forest_fire'])[1 + i % 3], 'p' || i, 1 + i % 4, '500101',"
                    + " ST_SetSRID(ST_MakePoint(106 + (i % 5) * 0.4 + (random() - 0.5) * power(random(), 3) * 0.8,"
                    + " 29.5 + (i % 7) * 0.1 + (random() - 0.5) * power(random(), 3) * 0.5), 4326) FROM generate_series(1, 20000) i");
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                    + " SELECT 'E' || x || '_' || y, 'flood', 'e', 2, '500101', ST_SetSRID(ST_MakePoint(106.5 + x * 0.010986328125, 29.8 + y * 0.0054931640625), 4326)"
                    + " FROM generate_series(0, 30) x, generate_series(0, 30) y");
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                    + " SELECT 'F' || i, 'landslide', 'f', 3, '500101', ST_SetSRID(ST_MakePoint(-179.99 + i * 1e-4, -45), 4326) FROM generate_series(1, 50) i");
        }
        Random random = new Random(5);
        List<double[]> boxes = new ArrayList<>(List.of(new double[] {105, 28, 109, 31}, new double[] {106.5, 29.8, 106.5 + 30 * 0.010986328125, 29.8 + 30 * 0.0054931640625},
                new double[] {179.9, -46, -179.98, -44}, new double[] {-180, -90, 180, 90}));
        for (int i = 0; i < 60; i++) {
            double size = Math.pow(10, -3 + random.nextDouble() * 3.5); // 0.001° to 3°
            double minX = 105.8 + random.nextDouble() * 2, minY = 29.3 + random.nextDouble();
            boxes.add(new double[] {minX, minY, minX + size * (0.5 + random.nextDouble()), minY + size * (0.5 + random.nextDouble())});
        }
        check(boxes, "as loaded");
        try (Connection c = DS.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE hazard_point SET geom = ST_SetSRID(ST_MakePoint(ST_X(geom) + 0.013, ST_Y(geom) - 0.007), 4326) WHERE id LIKE 'G%' AND substr(id, 2)::int % 10 = 0");
            st.execute("UPDATE hazard_point SET category = 'forest_fire' WHERE id LIKE 'G%' AND substr(id, 2)::int % 10 = 1");
            st.execute("UPDATE hazard_point SET name = 'renamed' WHERE id LIKE 'G%' AND substr(id, 2)::int % 10 = 2");
            st.execute("DELETE FROM hazard_point WHERE id LIKE 'E%' AND id LIKE '%_1%'");
            st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                    + " SELECT 'H' || i, 'flood', 'h', 1, '500101', ST_SetSRID(ST_MakePoint(106.6 + random() * 0.3, 29.6 + random() * 0.3), 4326) FROM generate_series(1, 3000) i");
        }
        check(boxes, "after edits");
        try (Connection c = DS.getConnection()) {
            TileGridCompaction.compactGeohashCounts(c);
            long deltas = TestDatabase.count(DS, "SELECT count(*) FROM (SELECT 1 FROM hazard_geohash_count GROUP BY chars, cell, category HAVING count(*) > 1) d");
            assertEquals(0, deltas, "one row per cell and category after the fold");
        }
        check(boxes, "after the fold");
    }

    private static void check(List<double[]> boxes, String when) throws Exception {
        long cellRows = 0;
        try (Connection c = DS.getConnection()) {
            for (double[] b : boxes) {
                for (FeatureCollection fc : List.of(Collections.HAZARDS, Collections.byId("flood").orElseThrow())) {
                    PageOrder order = PageOrder.geohash(b[0], b[1], b[2], b[3], OgcSql.bbox(b[0], b[1], b[2], b[3], 4326, true));
                    SqlFragment count = GeohashCounts.count(fc, List.of(order.box()), order, order.countCover());
                    long fromCells = one(c, new SqlFragment("SELECT " + count.sql(), count.binds()));
                    boolean across = b[0] > b[2];
                    String plain = (across ? PLAIN.replace("ST_X(geom) BETWEEN ? AND ?", "(ST_X(geom) >= ? OR ST_X(geom) <= ?)") : PLAIN)
                            + (fc.category() == null ? "" : " AND category = '" + fc.category() + "'");
                    long expected = one(c, SqlFragment.of(plain, b[0], b[2], b[1], b[3]));
                    assertEquals(expected, fromCells, when + ", " + fc.id() + " in " + List.of(b[0], b[1], b[2], b[3]));
                    cellRows += GeohashCounts.split(order.countCover()).cells().size();
                }
            }
        }
        assertTrue(cellRows > boxes.size(), "the boxes' counts used cells: " + cellRows + " cell ranges");
    }

    private static long one(Connection c, SqlFragment q) throws Exception {
        try (PreparedStatement ps = Sql.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
