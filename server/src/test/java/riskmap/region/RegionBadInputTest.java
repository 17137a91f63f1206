package riskmap.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import riskmap.ServerExtension;
import riskmap.TestDatabase;

/** Refused region requests: each a 4xx with {@code {"error","detail"}} saying what was wrong and what is accepted. */
class RegionBadInputTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);

    static Stream<Arguments> requests() {
        String longName = URLEncoder.encode("万".repeat(51), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("/api/regions", 400, "invalid_parameter", "q: is required"),
                Arguments.of("/api/regions?q=", 400, "invalid_parameter", "q: is required"),
                Arguments.of("/api/regions?q=%20%20", 400, "invalid_parameter", "q: is required"),
                Arguments.of("/api/regions?q=" + longName, 400, "invalid_parameter", "q: is 51 characters long; give at most 50"),
                Arguments.of("/api/regions?q=5001011234567", 400, "invalid_parameter", "has 13 digits"),
                Arguments.of("/api/regions?q=%E4%B8%87&level=town", 400, "invalid_parameter", "level: unknown level 'town'; use one of province, city, county, township, village"),
                Arguments.of("/api/regions?q=%E4%B8%87&limit=0", 400, "invalid_parameter", "limit: must be a whole number from 1 to 100"),
                Arguments.of("/api/regions/500199", 404, "not_found", "no region has the code 500199"),
                Arguments.of("/api/regions/500199/stats", 404, "not_found", "no region has the code 500199"),
                Arguments.of("/api/regions/5001011", 400, "invalid_parameter", "'5001011' is not a region code; a region code has 2 (province), 4 (city), 6 (county), 9 (township) or 12 (village) digits"),
                Arguments.of("/api/regions/5", 400, "invalid_parameter", "is not a region code"),
                Arguments.of("/api/regions/50a1", 400, "invalid_parameter", "is not a region code"),
                Arguments.of("/api/regions/50a1/stats", 400, "invalid_parameter", "is not a region code"),
                Arguments.of("/api/stats?group_by=region", 400, "invalid_parameter", "level: is required with group_by=region; use one of province, city, county, township, village"),
                Arguments.of("/api/stats?group_by=region&level=district", 400, "invalid_parameter", "level: unknown level 'district'"),
                Arguments.of("/api/stats?group_by=category&level=county", 400, "invalid_parameter", "level: applies only to group_by=region"),
                Arguments.of("/api/stats?group_by=town", 400, "invalid_parameter", "use one of category, risk_level, status, admin_code, region"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("requests")
    void bad_region_requests_are_refused_with_a_reason(String path, int status, String error, String detail) {
        var r = SERVER.http().get(path);
        assertEquals(status, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(error, body.get("error").asText());
        assertTrue(body.get("detail").asText().contains(detail), body.get("detail").asText());
        assertEquals(2, body.size(), "only error and detail");
    }
}
