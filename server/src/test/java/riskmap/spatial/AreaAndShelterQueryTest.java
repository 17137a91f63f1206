package riskmap.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.geo.Vincenty;
import riskmap.spatial.Fixtures.Hazard;
import riskmap.spatial.Fixtures.Shelter;

/**
 * {@code POST /api/hazards/within}, {@code GET /api/shelters/nearest} and {@code GET /api/stats}
 * against hand-placed features whose answers are known by construction.
 */
class AreaAndShelterQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DataSource ds;
    private static TestServer server;

    /** A square 108.0–108.4 E, 30.6–31.0 N with a hole 108.1–108.2 E, 30.7–30.8 N. */
    static final String SQUARE_WITH_HOLE = "{\"type\":\"Polygon\",\"coordinates\":["
            + "[[108.0,30.6],[108.4,30.6],[108.4,31.0],[108.0,31.0],[108.0,30.6]],"
            + "[[108.1,30.7],[108.1,30.8],[108.2,30.8],[108.2,30.7],[108.1,30.7]]]}";

    static final List<Hazard> HAZARDS = List.of(
            new Hazard("A", "landslide", 4, 120, "张伟", "龙驹镇人民政府", 108.05, 30.65),   // in the shell
            new Hazard("B", "landslide", 3, 999, "李娜", "龙驹镇人民政府", 108.15, 30.75),   // in the hole
            new Hazard("C", "flood", 2, 40, "王强", "万州区应急管理局", 108.50, 30.90),      // outside
            new Hazard("D", "flood", 2, 60, "张伟", "龙驹镇人民政府", 108.30, 30.90),        // inside
            new Hazard("E", "forest_fire", 1, 5, "刘洋", "林业站", 108.00, 30.80),           // on the outer edge
            new Hazard("G", "flood", 3, 15, "赵敏", "东区街道", 110.05, 30.05));             // far away, in the second part

    static final Predicate<Hazard> IN_SQUARE_WITH_HOLE = h -> List.of("A", "D", "E").contains(h.id());

    /** Centre of the shelter tests; at 45°N a metre north and a metre east differ between sphere and spheroid. */
    static final double[] CENTRE = {106.55, 29.56};
    static final double[] MID_LATITUDE = {120.0, 45.0};

    @BeforeAll
    static void placeFeatures() throws Exception {
        ds = TestDatabase.database("spatial_area", false);
        Fixtures.reset(ds);
        Fixtures.insert(ds, HAZARDS.toArray(new Hazard[0]));
        Fixtures.insert(ds,
                shelter("S300", CENTRE, 10, 300, 100),
                shelter("S800", CENTRE, 100, 800, 2000),
                shelter("S1500", CENTRE, 200, 1500, 50),
                shelter("S3000", CENTRE, 300, 3000, 5000),
                shelter("S10000", CENTRE, 20, 10_000, 300),
                // sphere distance ranks EAST first (≈999.2 m vs ≈1000.6 m); the spheroid says NORTH is nearer
                shelter("NORTH", MID_LATITUDE, 0, 1000, 10),
                shelter("EAST", MID_LATITUDE, 90, 1002, 10));
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Shelter shelter(String id, double[] centre, double bearing, double metres, int capacity) {
        double[] p = Vincenty.destination(centre[0], centre[1], bearing, metres);
        return new Shelter(id, "避难场所" + id, capacity, p[0], p[1]);
    }

    private static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static JsonNode within(String body, String query) {
        var r = server.http.post("/api/hazards/within" + query, body, "application/geo+json");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** The summary api.md §3 defines, computed here from the fixtures. */
    private static JsonNode expectedSummary(Predicate<Hazard> inside) {
        List<Hazard> m = HAZARDS.stream().filter(inside).toList();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", m.size());
        Map<String, Long> byLevel = new LinkedHashMap<>();
        for (int level = 1; level <= 4; level++) {
            int l = level;
            byLevel.put(Integer.toString(level), m.stream().filter(h -> h.level() == l).count());
        }
        s.put("by_level", byLevel);
        s.put("by_category", m.stream().collect(Collectors.groupingBy(Hazard::category, TreeMap::new, Collectors.counting())));
        s.put("threatened_people", m.stream().mapToInt(Hazard::people).sum());
        Map<List<String>, Long> byPerson = m.stream().collect(Collectors.groupingBy(h -> List.of(h.person(), h.unit()), Collectors.counting()));
        s.put("responsible", byPerson.entrySet().stream()
                .sorted(Comparator.<Map.Entry<List<String>, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(e -> e.getKey().get(0)).thenComparing(e -> e.getKey().get(1)))
                .map(e -> Map.of("person", e.getKey().get(0), "unit", e.getKey().get(1), "count", e.getValue())).toList());
        return tree(s);
    }

    /** Through text, so numbers compare as the parsed response's do (an int node is not a long node). */
    private static JsonNode tree(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void polygon_with_a_hole_keeps_the_points_inside_and_on_the_edge_but_not_in_the_hole() {
        JsonNode fc = within(SQUARE_WITH_HOLE, "");
        assertEquals(List.of("A", "D", "E"), ids(fc)); // most severe first
        assertEquals(expectedSummary(IN_SQUARE_WITH_HOLE), fc.get("summary"));
        assertEquals(3, fc.get("numberMatched").asInt());
    }

    @Test
    void a_feature_wrapping_a_multipolygon_is_accepted_and_filters_apply_to_list_and_summary() {
        String multi = "{\"type\":\"Feature\",\"properties\":{\"name\":\"暴雨预警区\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
                + "[[[108.0,30.6],[108.4,30.6],[108.4,31.0],[108.0,31.0],[108.0,30.6]],[[108.1,30.7],[108.1,30.8],[108.2,30.8],[108.2,30.7],[108.1,30.7]]],"
                + "[[[110.0,30.0],[110.1,30.0],[110.1,30.1],[110.0,30.1],[110.0,30.0]]]]}}";
        JsonNode fc = within(multi, "?category=flood");
        assertEquals(List.of("G", "D"), ids(fc));
        assertEquals(expectedSummary(h -> List.of("D", "G").contains(h.id())), fc.get("summary"));
        JsonNode severe = within(multi, "?min_level=3");
        assertEquals(List.of("A", "G"), ids(severe));
        assertEquals(expectedSummary(h -> List.of("A", "G").contains(h.id())), severe.get("summary"));
    }

    @Test
    void the_list_is_limited_but_the_summary_covers_every_match() {
        JsonNode fc = within(SQUARE_WITH_HOLE, "?limit=1");
        assertEquals(List.of("A"), ids(fc));
        assertEquals(3, fc.at("/summary/count").asInt());
        assertEquals(3, fc.get("numberMatched").asInt());
        assertEquals(1, fc.get("numberReturned").asInt());
    }

    @Test
    void nearest_shelters_come_nearest_first_with_geodesic_distance() {
        JsonNode fc = server.http.get("/api/shelters/nearest?lon=" + CENTRE[0] + "&lat=" + CENTRE[1] + "&k=3").json();
        assertEquals(List.of("S300", "S800", "S1500"), ids(fc));
        assertEquals(300, fc.at("/features/0/properties/distance_m").asDouble(), 0.001);
        assertEquals(1500, fc.at("/features/2/properties/distance_m").asDouble(), 0.001);
        assertEquals(2000, fc.at("/features/1/properties/capacity").asInt());
    }

    @Test
    void min_capacity_skips_shelters_without_room() {
        JsonNode fc = server.http.get("/api/shelters/nearest?lon=" + CENTRE[0] + "&lat=" + CENTRE[1] + "&k=2&min_capacity=1000").json();
        assertEquals(List.of("S800", "S3000"), ids(fc));
    }

    @Test
    void nearest_is_ranked_on_the_spheroid_even_where_the_sphere_disagrees() {
        JsonNode fc = server.http.get("/api/shelters/nearest?lon=120.0&lat=45.0&k=1").json();
        assertEquals(List.of("NORTH"), ids(fc));
        assertEquals(1000, fc.at("/features/0/properties/distance_m").asDouble(), 0.001);
    }

    @Test
    void stats_group_by_category_within_a_bbox() {
        JsonNode body = server.http.get("/api/stats?group_by=category&bbox=107.9,30.5,108.6,31.0").json();
        Map<String, List<Hazard>> inBox = HAZARDS.stream().filter(h -> h.lon() >= 107.9 && h.lon() <= 108.6 && h.lat() >= 30.5 && h.lat() <= 31.0)
                .collect(Collectors.groupingBy(Hazard::category, TreeMap::new, Collectors.toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        inBox.forEach((cat, hs) -> rows.add(Map.of("key", cat, "count", hs.size(), "threatened_people", hs.stream().mapToInt(Hazard::people).sum())));
        assertEquals("category", body.get("group_by").asText());
        assertEquals(tree(rows), body.get("rows"));
    }

    @Test
    void stats_group_by_level_counts_everything_without_a_bbox() {
        JsonNode body = server.http.get("/api/stats?group_by=risk_level").json();
        Map<Integer, Long> expected = HAZARDS.stream().collect(Collectors.groupingBy(Hazard::level, TreeMap::new, Collectors.counting()));
        Map<Integer, Long> got = new TreeMap<>();
        body.get("rows").forEach(r -> got.put(r.get("key").asInt(), r.get("count").asLong()));
        assertEquals(expected, got);
    }
}
