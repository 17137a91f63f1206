package riskmap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * The runs of a box's geohash cover against PostGIS's own {@code ST_GeoHash}: every point of the
 * closed box lies in a run, and every point in a run marked inside lies in the box. Boxes of every
 * size from a centimetre to a hemisphere, on the antimeridian, the poles and the equator, degenerate
 * ones (a line, a point); points spread around each box and placed on its edges and corners and a
 * hair outside them.
 */
class GeohashCoverTest {
    private static final DataSource DS = TestDatabase.database("geohash_cover", false);

    @Test
    void every_point_of_the_box_lies_in_a_run_and_no_point_outside_it_in_an_inside_run() throws Exception {
        Random random = new Random(41);
        List<double[]> boxes = new ArrayList<>(List.of(
                new double[] {106.2, 29.3, 106.8, 29.8}, new double[] {-180, -90, 180, 90}, new double[] {-0.5, -0.5, 0.5, 0.5},
                new double[] {170, -10, -170, 10}, new double[] {179.999, 89.9, -179.999, 90}, new double[] {-180, -90, -179.9, -89.9},
                new double[] {10, 20, 10, 25}, new double[] {10, 20, 10, 20}, new double[] {0, 0, 45, 22.5}, new double[] {-90, 0, 0, 45}));
        for (int i = 0; i < 300; i++) {
            double size = Math.pow(10, -7 + random.nextDouble() * 9.5); // 1e-7° to 300°
            double w = Math.min(360, size * (0.2 + random.nextDouble() * 2)), h = Math.min(180, size * (0.2 + random.nextDouble()));
            double minX = -180 + random.nextDouble() * 360, minY = -90 + random.nextDouble() * (180 - h);
            double maxX = minX + w > 180 ? minX + w - 360 : minX + w; // past 180: across the antimeridian
            boxes.add(new double[] {minX, minY, maxX, minY + h});
        }
        long inside = 0, edge = 0;
        for (double[] b : boxes) {
            List<GeohashCover.Run> runs = GeohashCover.of(b[0], b[1], b[2], b[3]);
            assertTrue(!runs.isEmpty() && runs.size() <= GeohashCover.MAX_RUNS, runs.size() + " runs for " + List.of(b[0], b[1], b[2], b[3]));
            for (int i = 1; i < runs.size(); i++) {
                assertTrue(runs.get(i - 1).to() != null && runs.get(i - 1).to().compareTo(runs.get(i).from()) <= 0, "runs in order, disjoint: " + runs);
            }
            List<double[]> points = pointsAround(b, random);
            List<String> hashes = geohashes(points);
            for (int i = 0; i < points.size(); i++) {
                double[] p = points.get(i);
                String hash = hashes.get(i);
                GeohashCover.Run run = run(runs, hash);
                boolean in = inBox(p, b);
                String where = List.of(p[0], p[1]) + " (" + hash + ") and box " + List.of(b[0], b[1], b[2], b[3]) + ": " + runs;
                if (in) assertTrue(run != null, "a point of the box in no run: " + where);
                if (run != null && run.inside()) assertTrue(in, "a point outside the box in an inside run: " + where);
                if (in && run.inside()) inside++;
                if (in && !run.inside()) edge++;
            }
        }
        assertTrue(inside > 2_000 && edge > 2_000, "both kinds of run were tried: " + inside + " inside, " + edge + " on the edge");
    }

    /**
     * A radius's cover ({@code RadiusSql.Disc}): every point of the sphere cap of r / GEODESIC_MIN
     * lies in a run, every point in an inside run within r / GEODESIC_MAX, and the box's corners
     * beyond the cap in none. Points on the cap's rim a millionth inside, at every bearing, and a
     * hundredth beyond it, from the sphere's destination formula; centres from the equator to 80°.
     */
    @Test
    void a_disc_s_cover_holds_its_cap_and_leaves_out_the_corners_of_its_box() throws Exception {
        for (double[] c : new double[][] {{108.38, 30.81}, {0, 0}, {15.63, 78.22}, {-70.2, -45.5}, {121.5, 62}}) {
            for (double metres : new double[] {10, 5000, 200_000}) {
                List<GeohashCover.Run> runs = GeohashCover.of(new RadiusSql.Disc(c[0], c[1], metres), GeohashCounts.COUNT_RUNS);
                double cap = metres / RadiusSql.GEODESIC_MIN / RadiusSql.SPHERE_M, disc = metres / RadiusSql.GEODESIC_MAX / RadiusSql.SPHERE_M;
                List<double[]> rim = new ArrayList<>(), beyond = new ArrayList<>(), corners = new ArrayList<>();
                for (double bearing = 0; bearing < 360; bearing += 2.5) {
                    rim.add(destination(c, bearing, cap * (1 - 1e-6)));
                    beyond.add(destination(c, bearing, disc * 1.01));
                }
                for (double bearing = 45; bearing < 360; bearing += 90) corners.add(destination(c, bearing, cap * 1.3)); // inside the box, outside the cap
                List<String> rimHashes = geohashes(rim), beyondHashes = geohashes(beyond), cornerHashes = geohashes(corners);
                String where = List.of(c[0], c[1]) + ", " + metres + " m";
                for (int i = 0; i < rim.size(); i++) assertTrue(run(runs, rimHashes.get(i)) != null, "a point of the cap in no run: " + List.of(rim.get(i)[0], rim.get(i)[1]) + " around " + where);
                for (int i = 0; i < beyond.size(); i++) {
                    GeohashCover.Run r = run(runs, beyondHashes.get(i));
                    assertTrue(r == null || !r.inside(), "a point beyond the disc in an inside run around " + where);
                }
                for (String h : cornerHashes) assertTrue(run(runs, h) == null, "a corner of the box in a run around " + where + ": " + h);
            }
        }
    }

    /** The run that holds {@code hash}, or null. */
    private static GeohashCover.Run run(List<GeohashCover.Run> runs, String hash) {
        return runs.stream().filter(r -> r.from().compareTo(hash) <= 0 && (r.to() == null || hash.compareTo(r.to()) < 0)).findFirst().orElse(null);
    }

    /** The point {@code angle} radians of great circle from {@code c} at {@code bearing} degrees (the sphere's destination formula). */
    private static double[] destination(double[] c, double bearing, double angle) {
        double f1 = Math.toRadians(c[1]), l1 = Math.toRadians(c[0]), t = Math.toRadians(bearing);
        double f2 = Math.asin(Math.sin(f1) * Math.cos(angle) + Math.cos(f1) * Math.sin(angle) * Math.cos(t));
        double l2 = l1 + Math.atan2(Math.sin(t) * Math.sin(angle) * Math.cos(f1), Math.cos(angle) - Math.sin(f1) * Math.sin(f2));
        return new double[] {Math.toDegrees(l2), Math.toDegrees(f2)};
    }

    @Test
    void a_run_s_bounds_are_geohashes_of_its_first_cell() throws Exception {
        assertEquals(geohashes(List.<double[]>of(new double[] {-180, -90})).get(0), GeohashCover.geohash(0));
        assertEquals(geohashes(List.<double[]>of(new double[] {0, 0})).get(0), GeohashCover.geohash(3L << 58)); // upper half of both axes
    }

    /** Points spread over three times the box, and on its corners and edges, exactly and 1e-7° outside. */
    private static List<double[]> pointsAround(double[] b, Random random) {
        List<double[]> points = new ArrayList<>();
        double w = (b[2] >= b[0] ? b[2] - b[0] : b[2] + 360 - b[0]), h = b[3] - b[1];
        for (int i = 0; i < 150; i++) {
            double x = b[0] - w + random.nextDouble() * 3 * w, y = b[1] - h + random.nextDouble() * 3 * h;
            points.add(new double[] {wrap(x), clamp(y)});
        }
        for (double x : new double[] {b[0], b[2], wrap(b[0] + w / 2)}) {
            for (double y : new double[] {b[1], b[3], (b[1] + b[3]) / 2}) {
                for (double d : new double[] {0, 1e-7, -1e-7}) {
                    points.add(new double[] {wrap(x + d), clamp(y)});
                    points.add(new double[] {wrap(x), clamp(y + d)});
                }
            }
        }
        return points;
    }

    private static boolean inBox(double[] p, double[] b) {
        boolean x = b[0] <= b[2] ? p[0] >= b[0] && p[0] <= b[2] : p[0] >= b[0] || p[0] <= b[2];
        return x && p[1] >= b[1] && p[1] <= b[3];
    }

    private static double wrap(double x) {
        return x >= -180 && x <= 180 ? x : ((x + 180) % 360 + 360) % 360 - 180;
    }

    private static double clamp(double y) {
        return Math.max(-90, Math.min(90, y));
    }

    private static List<String> geohashes(List<double[]> points) throws Exception {
        try (Connection c = DS.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_GeoHash(ST_SetSRID(ST_MakePoint(x, y), 4326), 12) FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY p(x, y, n) ORDER BY n")) {
            Array xs = c.createArrayOf("float8", points.stream().map(p -> (Object) p[0]).toArray());
            Array ys = c.createArrayOf("float8", points.stream().map(p -> (Object) p[1]).toArray());
            ps.setArray(1, xs);
            ps.setArray(2, ys);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }
}
