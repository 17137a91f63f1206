package riskmap.evacuation.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.Test;

/** The index against a scan of every point, and its floor against the geodesic, anywhere on Earth. */
class SphereIndexTest {

    /** Haversine on the mean-radius sphere, written independently of the index's chord arithmetic. */
    private static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1), dLon = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    @Test
    void nearestAndWithinEqualAScanAndTheFloorNeverExceedsTheGeodesic() {
        long seed = System.nanoTime();
        System.out.println("SphereIndexTest: seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            int n = 1 + random.nextInt(400);
            // half the rounds world-wide, half in one county-sized patch (many near ties)
            double span = round % 2 == 0 ? 1 : 0.002;
            double[] lon = new double[n], lat = new double[n];
            for (int j = 0; j < n; j++) {
                lon[j] = (random.nextDouble() * 360 - 180) * span;
                lat[j] = (random.nextDouble() * 180 - 90) * span;
            }
            SphereIndex index = new SphereIndex(lon, lat);
            for (int q = 0; q < 20; q++) {
                double qlon = (random.nextDouble() * 360 - 180) * span, qlat = (random.nextDouble() * 180 - 90) * span;
                double[] unit = SphereIndex.unit(qlon, qlat);
                List<Integer> byDistance = new ArrayList<>(IntStream.range(0, n).boxed().toList());
                byDistance.sort(Comparator.comparingDouble(j -> haversine(qlon, qlat, lon[j], lat[j])));
                int k = 1 + random.nextInt(12);
                int[] nearest = index.nearest(unit, k);
                assertEquals(Math.min(k, n), nearest.length);
                for (int c = 0; c < nearest.length; c++) {
                    assertEquals(haversine(qlon, qlat, lon[byDistance.get(c)], lat[byDistance.get(c)]),
                            haversine(qlon, qlat, lon[nearest[c]], lat[nearest[c]]), 1e-3, "seed " + seed + " rank " + c);
                }
                double radius = random.nextDouble() * 3_000_000 * span + 1;
                List<Integer> within = new ArrayList<>();
                index.within(unit, radius, within::add);
                int[] expected = IntStream.range(0, n).filter(j -> index.lowerBoundM(unit, j) < radius).sorted().toArray();
                assertArrayEquals(expected, within.stream().mapToInt(Integer::intValue).sorted().toArray(), "seed " + seed);
                for (int j = 0; j < n; j++) {
                    double geodesic = Geodesic.WGS84.Inverse(qlat, qlon, lat[j], lon[j]).s12;
                    assertTrue(index.lowerBoundM(unit, j) <= geodesic, "seed " + seed + ": floor above the geodesic");
                    assertEquals(0.99 * haversine(qlon, qlat, lon[j], lat[j]), index.lowerBoundM(unit, j), 1e-3);
                }
            }
        }
    }
}
