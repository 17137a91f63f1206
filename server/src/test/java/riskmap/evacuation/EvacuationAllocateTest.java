package riskmap.evacuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;

/** POST /api/evacuation/allocate on a real server over PostGIS, anonymous on a public server. */
class EvacuationAllocateTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(() -> TestDatabase.database("allocapi", false));

    /*
     * On the parallel 30°N: shelter SA at 100.00 (room for 4), SB at 100.10 (room for 10). H1 (3 persons) at
     * 100.01 and H2 (2) at 100.02 both have SA nearest, but SA holds only 4: one person must go to SB, and
     * moving one of H2's (0.08° instead of 0.02°, +0.06°) costs less than one of H1's (+0.08°). H3 (1) at
     * 100.09 goes to SB. So: H1 3→SA, H2 1→SA and 1→SB (split), H3 1→SB.
     */
    private static final String HOUSEHOLDS = "[{\"id\":\"H1\",\"lon\":100.01,\"lat\":30,\"people\":3},"
            + "{\"id\":\"H2\",\"lon\":100.02,\"lat\":30,\"people\":2},{\"id\":\"H3\",\"lon\":100.09,\"lat\":30,\"people\":1}]";

    @BeforeAll
    static void storedShelters() throws Exception {
        try (Connection c = SERVER.ds().getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE shelter CASCADE");
            st.execute("INSERT INTO shelter (id, name, capacity, geom) VALUES"
                    + " ('SA', 'west', 4, ST_SetSRID(ST_MakePoint(100.00, 30), 4326)),"
                    + " ('SB', 'east', 10, ST_SetSRID(ST_MakePoint(100.10, 30), 4326)),"
                    + " ('FULL', 'no room', 0, ST_SetSRID(ST_MakePoint(100.015, 30), 4326)),"
                    // about 96 km east of H3: beyond the 50 km around the households' box
                    + " ('FAR', 'far away', 100, ST_SetSRID(ST_MakePoint(101.10, 30), 4326))");
        }
    }

    private static double metres(double lon1, double lon2) {
        return Geodesic.WGS84.Inverse(30, lon1, 30, lon2).s12;
    }

    private static TestHttp.Response allocate(String body) {
        return SERVER.http().post("/api/evacuation/allocate", body, "application/json");
    }

    /** household → (shelter → people) */
    private static Map<String, Map<String, Integer>> placements(JsonNode answer) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (JsonNode a : answer.get("assignments")) {
            out.computeIfAbsent(a.get("household").asText(), k -> new HashMap<>()).put(a.get("shelter").asText(), a.get("people").asInt());
        }
        return out;
    }

    private static void assertForcedAssignment(JsonNode r) {
        assertEquals(Map.of("H1", Map.of("SA", 3), "H2", Map.of("SA", 1, "SB", 1), "H3", Map.of("SB", 1)), placements(r));
        double expected = 3 * metres(100.01, 100.00) + metres(100.02, 100.00) + metres(100.02, 100.10) + metres(100.09, 100.10);
        assertEquals(expected, r.get("total_person_metres").asDouble(), 1.0);
        // a sanity bound independent of the geodesic: 0.01° of longitude at 30°N on a 6371 km sphere, 3 + 2 + 8 + 1 = 14 such steps
        double step = Math.toRadians(0.01) * 6_371_000 * Math.cos(Math.toRadians(30));
        assertEquals(14 * step, r.get("total_person_metres").asDouble(), 14 * step * 0.005);
        assertEquals(1, r.get("split_households").asInt());
        assertTrue(r.get("optimal").asBoolean());
        assertEquals(6, r.get("placed_people").asInt());
        assertEquals(0, r.get("unplaced_people").asInt());
        assertEquals(0, r.get("unplaced").size());
    }

    @Test
    void capacityForcesTheCheaperHouseholdToTheFartherShelter() {
        TestHttp.Response r = allocate("{\"households\":" + HOUSEHOLDS + ",\"shelters\":[{\"id\":\"SA\",\"lon\":100.00,\"lat\":30,\"capacity\":4},"
                + "{\"id\":\"SB\",\"lon\":100.10,\"lat\":30,\"capacity\":10}]}");
        assertEquals(200, r.status(), r.body());
        assertForcedAssignment(r.json());
        assertEquals("request", r.json().get("shelters_source").asText());
    }

    @Test
    void reportsTheShortfall() {
        // room for 3 of 6: SA takes H1's two nearest persons (0.01° each), SB takes H3 (0.01°); H1 keeps 1, H2 both without a place
        TestHttp.Response r = allocate("{\"households\":" + HOUSEHOLDS + ",\"shelters\":[{\"id\":\"SA\",\"lon\":100.00,\"lat\":30,\"capacity\":2},"
                + "{\"id\":\"SB\",\"lon\":100.10,\"lat\":30,\"capacity\":1}]}");
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(3, j.get("placed_people").asInt());
        assertEquals(3, j.get("unplaced_people").asInt());
        Map<String, Integer> unplaced = new HashMap<>();
        j.get("unplaced").forEach(u -> unplaced.put(u.get("household").asText(), u.get("people").asInt()));
        assertEquals(Map.of("H1", 1, "H2", 2), unplaced);
        assertEquals(Map.of("H1", Map.of("SA", 2), "H3", Map.of("SB", 1)), placements(j));
        assertEquals(2 * metres(100.01, 100.00) + metres(100.09, 100.10), j.get("total_person_metres").asDouble(), 1.0);
    }

    @Test
    void withoutSheltersUsesTheStoredOnesNearTheHouseholds() {
        TestHttp.Response r = allocate("{\"households\":" + HOUSEHOLDS + "}");
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals("stored", j.get("shelters_source").asText());
        assertEquals(2, j.get("shelters_considered").asInt(), "SA and SB: FULL has no room, FAR is beyond 50 km");
        Set<String> used = IntStream.range(0, j.get("assignments").size())
                .mapToObj(i -> j.get("assignments").get(i).get("shelter").asText()).collect(Collectors.toSet());
        assertTrue(Set.of("SA", "SB").containsAll(used), used.toString());
        assertForcedAssignment(j);
    }

    private static void assertRefused(int status, String code, String mentions, String body) {
        TestHttp.Response r = allocate(body);
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().get("error").asText(), r.body());
        assertTrue(r.json().get("detail").asText().contains(mentions), r.body());
    }

    @Test
    void refusesBadInputNamingTheCulprit() {
        String shelters = ",\"shelters\":[{\"id\":\"SA\",\"lon\":100,\"lat\":30,\"capacity\":4}]}";
        assertRefused(400, "invalid_household", "H7", "{\"households\":[{\"id\":\"H7\",\"lat\":30,\"people\":1}]" + shelters);
        assertRefused(400, "invalid_household", "H8", "{\"households\":[{\"id\":\"H8\",\"lon\":100,\"lat\":30,\"people\":0}]" + shelters);
        assertRefused(400, "invalid_household", "H9", "{\"households\":[{\"id\":\"H9\",\"lon\":200,\"lat\":30,\"people\":2}]" + shelters);
        assertRefused(400, "invalid_household", "households", "{\"shelters\":[]}");
        assertRefused(400, "invalid_household", "empty", "{\"households\":[]" + shelters);
        assertRefused(400, "invalid_shelter", "S-", "{\"households\":" + HOUSEHOLDS
                + ",\"shelters\":[{\"id\":\"S-\",\"lon\":100,\"lat\":30,\"capacity\":-1}]}");
        assertRefused(400, "invalid_json", "JSON", "{\"households\":");
    }

    @Test
    void refusesMoreThanTheStatedNumberOfShelters() {
        String shelters = IntStream.range(0, 20_001).mapToObj(i -> "{\"id\":\"S" + i + "\",\"lon\":100,\"lat\":30,\"capacity\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        assertRefused(413, "allocation_too_large", "at most 20000", "{\"households\":" + HOUSEHOLDS + ",\"shelters\":" + shelters + "}");
    }

    @Test
    void placesTenThousandHouseholdsOnAThousandSheltersExactly() {
        // 10,000,000 pairs, beyond what the earlier dense method took; every household sits on its own shelter (room 1)
        String households = IntStream.range(0, 10_000).mapToObj(i -> "{\"id\":\"H" + i + "\",\"lon\":" + (100 + (i % 1000) * 0.001)
                + ",\"lat\":30,\"people\":" + (1 + i / 1000) + "}").collect(Collectors.joining(",", "[", "]"));
        String shelters = IntStream.range(0, 1000).mapToObj(j -> "{\"id\":\"S" + j + "\",\"lon\":" + (100 + j * 0.001)
                + ",\"lat\":30,\"capacity\":55}").collect(Collectors.joining(",", "[", "]"));
        TestHttp.Response r = allocate("{\"households\":" + households + ",\"shelters\":" + shelters + "}");
        assertEquals(200, r.status(), r.body().substring(0, Math.min(500, r.body().length())));
        JsonNode j = r.json();
        // each spot has households of 1..10 persons = 55 in all, and a shelter of 55 on it: cost 0, nobody left
        assertEquals(55_000, j.get("placed_people").asInt());
        assertEquals(0.0, j.get("total_person_metres").asDouble());
        assertTrue(j.get("optimal").asBoolean());
    }
}
