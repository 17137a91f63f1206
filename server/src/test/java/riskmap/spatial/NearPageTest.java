package riskmap.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.geo.Vincenty;
import riskmap.spatial.Fixtures.Hazard;

/**
 * {@code GET /api/hazards/near} when the matches outnumber the limit: the page is found by the
 * index's k-nearest order on the sphere, then measured on the spheroid, and the count checks only
 * a thin ring on the spheroid. Both must give exactly what measuring every point on the spheroid
 * gives: the expected page and count come from Vincenty's inverse formula over all placed points.
 */
class NearPageTest {
    /** Wanzhou: at 30.8°N a metre north is about 0.5% longer on the sphere than a metre east. */
    private static final double[] CENTRE = {108.38, 30.81};
    private static final List<Hazard> PLACED = new ArrayList<>();
    private static TestServer server;

    @BeforeAll
    static void placePoints() throws Exception {
        DataSource ds = TestDatabase.database("spatial_near_page", false);
        Fixtures.reset(ds);
        Random random = new Random(20261206);
        for (int i = 0; i < 2500; i++) { // spread over 0–6 km in every direction, so ~70% lie within 5 km
            place(String.format("R%04d", i), "landslide", random.nextDouble() * 360, 6000 * Math.sqrt(random.nextDouble()), 1 + random.nextInt(4));
        }
        // Straddling 5 km in the directions where sphere and spheroid disagree most (north, east):
        // a sphere-only test would misplace some of them. A millimetre per degree of bearing keeps
        // their distances apart, so no two tie.
        for (double bearing : new double[] {0, 90, 180, 270}) {
            for (double metres : new double[] {4975, 4990, 4999.5, 5000.5, 5010, 5025}) {
                place(String.format("E%03.0f-%.1f", bearing, metres), "landslide", bearing, metres + bearing / 1000, 2);
            }
        }
        // Nearer on the spheroid to the north (1000 m), nearer on the sphere to the east (1003 m).
        place("N1000", "flood", 0, 1000, 4);
        place("E1003", "flood", 90, 1003, 4);
        Fixtures.insert(ds, PLACED.toArray(new Hazard[0]));
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void place(String id, String category, double bearing, double metres, int level) {
        double[] p = Vincenty.destination(CENTRE[0], CENTRE[1], bearing, metres);
        PLACED.add(new Hazard(id, category, level, 1, "负责人", "单位", p[0], p[1]));
    }

    private static double metres(Hazard h) {
        return Vincenty.inverse(CENTRE[0], CENTRE[1], h.lon(), h.lat())[0];
    }

    /** Every placed point of at least {@code minLevel} within {@code radius}, nearest first (ids break ties). */
    private static List<String> expected(double radius, int minLevel) {
        return PLACED.stream().filter(h -> h.level() >= minLevel && metres(h) <= radius)
                .sorted(Comparator.comparingDouble(NearPageTest::metres).thenComparing(Hazard::id))
                .map(Hazard::id).toList();
    }

    private static JsonNode near(double radius, int limit, String filter) {
        var r = server.http.get("/api/hazards/near?lon=" + CENTRE[0] + "&lat=" + CENTRE[1] + "&radius=" + radius
                + "&limit=" + limit + filter);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static void assertPage(double radius, int limit, int minLevel) {
        List<String> all = expected(radius, minLevel);
        JsonNode fc = near(radius, limit, "&min_level=" + minLevel);
        assertEquals(all.subList(0, Math.min(limit, all.size())), ids(fc), "page of " + limit + " within " + radius + " m");
        assertEquals(all.size(), fc.get("numberMatched").asInt(), "matches within " + radius + " m");
    }

    @Test
    void a_page_of_a_thousand_out_of_many_matches_is_the_spheroid_order_and_the_count_is_exact() {
        assertPage(5000, 1000, 1);
        assertPage(5000, 10, 1);
        assertPage(5000, 1737, 1); // cut inside the band where sphere and spheroid orders differ
    }

    @Test
    void a_limit_beyond_the_matches_returns_them_all() {
        assertPage(5000, 10_000, 1);
        assertPage(3000, 1000, 1);
    }

    @Test
    void without_a_filter_the_count_from_the_geohash_cells_is_the_same() {
        // no filter at all: the disc's inside runs are summed from the cells of V43 (1.2 × 0.6 km at their finest)
        for (double radius : new double[] {5000, 4995, 3000, 1200}) {
            List<String> all = expected(radius, 1);
            JsonNode fc = near(radius, 1000, "");
            assertEquals(all.subList(0, Math.min(1000, all.size())), ids(fc), "page within " + radius + " m");
            assertEquals(all.size(), fc.get("numberMatched").asInt(), "matches within " + radius + " m");
        }
    }

    @Test
    void filters_apply_to_the_page_and_the_count() {
        assertPage(5000, 300, 3);
        assertPage(4999.8, 200, 2);
    }

    @Test
    void the_nearest_on_the_spheroid_wins_where_the_sphere_would_pick_another() {
        assertEquals(List.of("N1000"), ids(near(1003.5, 1, "&category=flood")), "1000 m north comes before 1003 m east");
        assertEquals(List.of("N1000", "E1003"), ids(near(1003.5, 2, "&category=flood")));
        assertEquals(2, near(1003.5, 1, "&category=flood").get("numberMatched").asInt());
    }

    @Test
    void points_straddling_the_radius_are_counted_by_their_spheroid_distance() {
        for (double radius : new double[] {4980, 4995, 5000, 5005, 5020}) {
            assertPage(radius, 5, 1);
        }
    }
}
