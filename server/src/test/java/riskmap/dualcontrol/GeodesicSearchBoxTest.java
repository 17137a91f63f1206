package riskmap.dualcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.geo.Vincenty;

/**
 * {@code geodesic_search_box} (V40), the way geodesic searches reach the geometry index: every
 * point within the distance of a geometry must lie in its box. The points are placed at known
 * geodesic distances by Vincenty's direct formula (in the test), from the corners of small zones at
 * every latitude, up to the poles and across the antimeridian.
 */
class GeodesicSearchBoxTest {
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabase.database("geodesic_box", false);
    }

    /** Whether the point lies in the box of the square zone of side {@code side}° at (lon, lat), {@code metres} out. */
    private static boolean inBox(Connection c, double zoneLon, double zoneLat, double side, double metres, double lon, double lat) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)"
                + " && geodesic_search_box(ST_MakeEnvelope(?, ?, ?, ?, 4326), ?)")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setDouble(3, zoneLon);
            ps.setDouble(4, zoneLat);
            ps.setDouble(5, zoneLon + side);
            ps.setDouble(6, zoneLat + side);
            ps.setDouble(7, metres);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Test
    void every_point_within_the_distance_lies_in_the_box() throws Exception {
        Random random = new Random(406);
        List<String> missed = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < 3000; i++) {
                double side = random.nextDouble() * 0.05;
                double zoneLat = -89.9 + random.nextDouble() * (179.8 - side);
                double zoneLon = i % 5 == 0 ? 179.99 - side - random.nextDouble() * 0.01 : -180 + random.nextDouble() * (360 - side);
                double metres = 1 + random.nextDouble() * 20_000;
                // from one of the zone's corners, out to just inside the distance, in any direction
                double cornerLon = zoneLon + (random.nextBoolean() ? side : 0), cornerLat = zoneLat + (random.nextBoolean() ? side : 0);
                double[] p = Vincenty.destination(cornerLon, cornerLat, random.nextDouble() * 360, metres * (0.9 + 0.0999 * random.nextDouble()));
                double lon = p[0] > 180 ? p[0] - 360 : p[0] < -180 ? p[0] + 360 : p[0];
                if (!inBox(c, zoneLon, zoneLat, side, metres, lon, p[1])) {
                    missed.add(String.format("zone %.5f,%.5f side %.4f, %.0f m: point %.6f,%.6f", zoneLon, zoneLat, side, metres, lon, p[1]));
                }
            }
        }
        assertEquals(List.of(), missed);
    }

    @Test
    void away_from_the_poles_and_the_antimeridian_the_box_is_close_to_the_circle() throws Exception {
        // 1 km around a point at 30°N: the box is within 2% of 1 km north and east of it
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_YMax(b) - 30, ST_XMax(b) - 108 FROM geodesic_search_box(ST_SetSRID(ST_MakePoint(108, 30), 4326), 1000) b");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            double north = Vincenty.destination(108, 30, 0, 1000)[1] - 30, east = Vincenty.destination(108, 30, 90, 1000)[0] - 108;
            assertTrue(rs.getDouble(1) >= north && rs.getDouble(1) < north * 1.02, rs.getDouble(1) + " against " + north);
            assertTrue(rs.getDouble(2) >= east && rs.getDouble(2) < east * 1.02, rs.getDouble(2) + " against " + east);
        }
    }
}
