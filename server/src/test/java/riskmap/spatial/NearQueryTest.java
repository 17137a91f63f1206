package riskmap.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.auth.Visibility;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.geo.Vincenty;
import riskmap.query.HazardFilter;
import riskmap.query.NearQuery;
import riskmap.store.RadiusSql;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;
import riskmap.spatial.Fixtures.Hazard;

/**
 * {@code GET /api/hazards/near} against points placed at known geodesic distances and bearings
 * (Vincenty's direct formula, in the test) around centres in Chongqing, on Svalbard and on the
 * antimeridian. Expected distances and bearings come from Vincenty's inverse formula.
 */
class NearQueryTest {
    private static DataSource ds;
    private static TestServer server;
    private static final List<Hazard> PLACED = new ArrayList<>();

    /** Centres: Wanzhou (Chongqing), Longyearbyen (78°N), Fiji on the antimeridian. */
    static final double[] WANZHOU = {108.38, 30.81};
    static final double[] SVALBARD = {15.63, 78.22};
    static final double[] FIJI = {179.95, -16.8};
    /** 5.6 km from the North Pole: a 20 km circle holds the pole and every longitude. */
    static final double[] POLE = {30, 89.95};

    @BeforeAll
    static void placePoints() throws Exception {
        ds = TestDatabase.database("spatial_near", false);
        Fixtures.reset(ds);
        place("W1", WANZHOU, 0, 100, "landslide", 4, 30);
        place("W2", WANZHOU, 45, 1000, "flood", 2, 120);
        place("W3", WANZHOU, 90, 2500, "landslide", 1, 5);
        place("W4", WANZHOU, 135, 4999.9, "forest_fire", 3, 60);   // just inside 5 km
        place("W5", WANZHOU, 180, 5000.1, "landslide", 4, 800);    // just outside
        place("W6", WANZHOU, 270, 7000, "flood", 4, 10);
        place("S1", SVALBARD, 300, 9.9, "landslide", 2, 3);        // a 10 m radius at 78°N
        place("S2", SVALBARD, 10, 10.1, "landslide", 2, 3);
        place("F1", FIJI, 90, 150_000, "flood", 3, 40);             // across the antimeridian, lon < 0
        place("F2", FIJI, 270, 199_900, "flood", 3, 40);
        place("F3", FIJI, 80, 200_100, "flood", 3, 40);            // outside 200 km
        place("P1", POLE, 0, 10_000, "flood", 1, 0);                // across the pole, at longitude −150
        place("P2", POLE, 100, 15_000, "flood", 1, 0);
        place("P3", POLE, 200, 19_990, "flood", 1, 0);
        place("P4", POLE, 0, 20_020, "flood", 1, 0);                 // just outside
        Fixtures.insert(ds, PLACED.toArray(new Hazard[0]));
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void place(String id, double[] centre, double bearing, double metres, String category, int level, int people) {
        double[] p = Vincenty.destination(centre[0], centre[1], bearing, metres);
        PLACED.add(new Hazard(id, category, level, people, "负责人" + id, "单位" + id, p[0], p[1]));
    }

    /** The ids Vincenty puts within {@code radius} of {@code centre}, nearest first. */
    private static List<String> expectedWithin(double[] centre, double radius, int minLevel, List<String> categories) {
        return PLACED.stream()
                .filter(h -> Vincenty.inverse(centre[0], centre[1], h.lon(), h.lat())[0] <= radius)
                .filter(h -> h.level() >= minLevel && (categories.isEmpty() || categories.contains(h.category())))
                .sorted(Comparator.comparingDouble(h -> Vincenty.inverse(centre[0], centre[1], h.lon(), h.lat())[0]))
                .map(Hazard::id).toList();
    }

    private static JsonNode near(double[] centre, String extra) {
        var r = server.http.get("/api/hazards/near?lon=" + centre[0] + "&lat=" + centre[1] + extra);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/geo+json"));
        return r.json();
    }

    private static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    @Test
    void radius_query_returns_points_inside_nearest_first_with_geodesic_distance_and_bearing() {
        JsonNode fc = near(WANZHOU, "&radius=5000");
        assertEquals(List.of("W1", "W2", "W3", "W4"), ids(fc));
        assertEquals(expectedWithin(WANZHOU, 5000, 1, List.of()), ids(fc));
        for (JsonNode f : fc.get("features")) {
            Hazard h = PLACED.stream().filter(x -> x.id().equals(f.get("id").asText())).findFirst().orElseThrow();
            double[] expected = Vincenty.inverse(WANZHOU[0], WANZHOU[1], h.lon(), h.lat());
            assertEquals(expected[0], f.at("/properties/distance_m").asDouble(), 0.001, "distance of " + h.id());
            assertEquals(expected[1], f.at("/properties/bearing_deg").asDouble(), 1e-6, "bearing of " + h.id());
        }
        assertEquals(4, fc.get("numberMatched").asInt());
        assertEquals(4, fc.get("numberReturned").asInt());
        assertEquals(WANZHOU[0], fc.at("/center/0").asDouble());
        assertEquals(WANZHOU[1], fc.at("/center/1").asDouble());
        assertEquals(5000.0, fc.get("radius_m").asDouble());
    }

    @Test
    void a_point_a_tenth_of_a_metre_beyond_the_radius_is_left_out_and_one_inside_is_kept() {
        assertEquals(List.of("W1", "W2", "W3", "W4", "W5"), ids(near(WANZHOU, "&radius=5000.2")));
        assertEquals(List.of("W1", "W2", "W3"), ids(near(WANZHOU, "&radius=4999.8")));
    }

    @Test
    void ten_metres_at_high_latitude() {
        JsonNode fc = near(SVALBARD, "&radius=10");
        assertEquals(List.of("S1"), ids(fc));
        assertEquals(9.9, fc.at("/features/0/properties/distance_m").asDouble(), 0.001);
        assertEquals(300.0, fc.at("/features/0/properties/bearing_deg").asDouble(), 1e-6);
    }

    @Test
    void two_hundred_kilometres_across_the_antimeridian() {
        JsonNode fc = near(FIJI, "&radius=200000");
        assertEquals(expectedWithin(FIJI, 200_000, 1, List.of()), ids(fc));
        assertEquals(List.of("F1", "F2"), ids(fc));
        assertTrue(fc.at("/features/0/geometry/coordinates/0").asDouble() < 0, "F1 lies east of 180°, at a negative longitude");
        assertEquals(90.0, fc.at("/features/0/properties/bearing_deg").asDouble(), 1e-6);
        assertEquals(150_000, fc.at("/features/0/properties/distance_m").asDouble(), 0.001);
    }

    @Test
    void twenty_kilometres_around_the_pole() {
        JsonNode fc = near(POLE, "&radius=20000");
        assertEquals(expectedWithin(POLE, 20_000, 1, List.of()), ids(fc));
        assertEquals(List.of("P1", "P2", "P3"), ids(fc));
        assertTrue(fc.at("/features/0/geometry/coordinates/0").asDouble() < -100, "P1 lies beyond the pole");
        assertEquals(3, fc.get("numberMatched").asInt());
    }

    @Test
    void limit_cuts_the_list_but_numberMatched_counts_every_match() {
        JsonNode fc = near(WANZHOU, "&radius=10000&limit=2");
        assertEquals(List.of("W1", "W2"), ids(fc));
        assertEquals(6, fc.get("numberMatched").asInt());
        assertEquals(2, fc.get("numberReturned").asInt());
    }

    @Test
    void category_and_minimum_level_filter_the_matches() {
        assertEquals(expectedWithin(WANZHOU, 10_000, 3, List.of()), ids(near(WANZHOU, "&radius=10000&min_level=3")));
        assertEquals(List.of("W1", "W4", "W5", "W6"), ids(near(WANZHOU, "&radius=10000&min_level=3")));
        assertEquals(List.of("W2", "W4", "W6"), ids(near(WANZHOU, "&radius=10000&category=flood,forest_fire")));
    }

    @Test
    void status_and_county_code_prefix_filter_like_the_map() {
        assertEquals(List.of("W1", "W2", "W3", "W4"), ids(near(WANZHOU, "&radius=5000&status=active,monitoring&admin_code=5001")));
        assertEquals(List.of(), ids(near(WANZHOU, "&radius=5000&status=closed")));
        assertEquals(List.of(), ids(near(WANZHOU, "&radius=5000&admin_code=500102")));
    }

    @Test
    void anonymous_callers_never_see_phones_and_chinese_text_round_trips() {
        JsonNode f = near(WANZHOU, "&radius=200").at("/features/0");
        assertEquals("测试点 W1", f.at("/properties/name").asText());
        assertEquals("万州区", f.at("/properties/county").asText());
        assertTrue(f.get("properties").has("responsible_person"));
        assertTrue(!f.get("properties").has("responsible_phone"));
        assertTrue(!server.http.get("/api/hazards/near?lon=108.38&lat=30.81&radius=200").body().contains("13900000000"));
    }

    @Test
    void radius_candidates_come_from_an_index_only_scan_of_the_covering_index() throws Exception {
        SqlFragment near = RadiusSql.near(new NearQuery(WANZHOU[0], WANZHOU[1], 5000, HazardFilter.NONE, 1000), Visibility.PUBLIC);
        StringBuilder plan = new StringBuilder();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("SET enable_seqscan = off"); // a tiny table is scanned by choice; this shows the index can serve it
            st.execute("SET enable_bitmapscan = off"); // as SpatialStore.near runs it
            try (var ps = Sql.prepare(c, new SqlFragment("EXPLAIN " + near.sql(), near.binds())); var rs = ps.executeQuery()) {
                while (rs.next()) plan.append(rs.getString(1)).append('\n');
            }
        }
        assertTrue(plan.toString().contains("Index Only Scan using hazard_point_geom_idx"), plan.toString());
    }
}
