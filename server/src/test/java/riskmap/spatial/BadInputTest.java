package riskmap.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * The table of bad inputs tried on the spatial API and the answers given: every one a 4xx with
 * {@code {"error","detail"}} whose detail names the problem; none of them writes anything.
 */
class BadInputTest {
    private static TestServer server;
    private static long rowsBefore;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestDatabase.seeded());
        rowsBefore = rows();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        assertEquals(rowsBefore, rows(), "refused requests write nothing");
    }

    private static long rows() throws Exception {
        return TestDatabase.count(TestDatabase.seeded(),
                "SELECT (SELECT count(*) FROM hazard_point) + (SELECT count(*) FROM shelter) + (SELECT count(*) FROM change_history)");
    }

    static Stream<Arguments> getRequests() {
        String near = "/api/hazards/near?";
        return Stream.of(
                Arguments.of(near + "lon=108&radius=5000", "invalid_parameter", "lat: is required"),
                Arguments.of(near + "lat=30&radius=5000", "invalid_parameter", "lon: is required"),
                Arguments.of(near + "lon=108&lat=30", "invalid_parameter", "radius: is required"),
                Arguments.of(near + "lon=108&lat=30&radius=-5", "invalid_parameter", "radius: must be a number greater than 0 and at most 200000 metres, got '-5'"),
                Arguments.of(near + "lon=108&lat=30&radius=0", "invalid_parameter", "radius: must be a number greater than 0"),
                Arguments.of(near + "lon=108&lat=30&radius=200001", "invalid_parameter", "at most 200000 metres, got '200001'"),
                Arguments.of(near + "lon=108&lat=95&radius=5000", "invalid_parameter", "lat: must be a number from -90 to 90 (degrees north), got '95'"),
                Arguments.of(near + "lon=181&lat=30&radius=5000", "invalid_parameter", "lon: must be a number from -180 to 180"),
                Arguments.of(near + "lon=abc&lat=30&radius=5000", "invalid_parameter", "lon: must be a number"),
                Arguments.of(near + "lon=NaN&lat=30&radius=5000", "invalid_parameter", "got 'NaN'"),
                Arguments.of(near + "lon=108&lat=Infinity&radius=5000", "invalid_parameter", "got 'Infinity'"),
                Arguments.of(near + "lon=108&lat=30&radius=1e400", "invalid_number", "radius: '1e400' is too large"),
                Arguments.of(near + "lon=0x10&lat=30&radius=5000", "invalid_parameter", "got '0x10'"),
                Arguments.of(near + "lon=108&lon=109&lat=30&radius=5000", "invalid_parameter", "lon: given 2 times"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&category=volcano", "invalid_parameter", "category: unknown value 'volcano'"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&category=flood,volcano", "invalid_parameter", "unknown value 'volcano'"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&min_level=5", "invalid_parameter", "min_level: must be a whole number from 1 to 4, got '5'"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&min_level=2.5", "invalid_parameter", "min_level: must be a whole number"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&limit=10001", "invalid_parameter", "limit: must be a whole number from 1 to 10000, got '10001'"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&limit=0", "invalid_parameter", "limit: must be a whole number from 1 to 10000"),
                Arguments.of(near + "lon=108&lat=30&radius=5000'%3B%20DROP%20TABLE%20hazard_point%3B--", "invalid_parameter", "radius: must be"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&status=open", "invalid_parameter", "status: unknown value 'open'; use one or more of active, monitoring"),
                Arguments.of(near + "lon=108&lat=30&radius=5000&admin_code=50a", "invalid_parameter", "admin_code: must be 2 to 12 digits"),
                Arguments.of("/api/shelters/nearest?lon=108", "invalid_parameter", "lat: is required"),
                Arguments.of("/api/shelters/nearest?lon=108&lat=30&k=101", "invalid_parameter", "k: must be a whole number from 1 to 100, got '101'"),
                Arguments.of("/api/shelters/nearest?lon=108&lat=30&min_capacity=-1", "invalid_parameter", "min_capacity: must be a whole number from 0"),
                Arguments.of("/api/stats", "invalid_parameter", "group_by: is required; use one of category, risk_level, status, admin_code"),
                Arguments.of("/api/stats?group_by=name", "invalid_parameter", "group_by: unknown value 'name'"),
                Arguments.of("/api/stats?group_by=category&bbox=1,2,3", "invalid_parameter", "bbox: expected 4 numbers minx,miny,maxx,maxy (or 6 with heights), got 3 in '1,2,3'"),
                Arguments.of("/api/stats?group_by=category&bbox=100,40,110,30", "invalid_parameter", "bbox: the lower corner is above the upper corner in '100,40,110,30'"),
                Arguments.of("/api/stats?group_by=category&bbox=100,30,200,40", "invalid_parameter", "bbox: longitudes must be between -180 and 180"),
                Arguments.of("/api/stats?group_by=category&category=x%27%20OR%201%3D1", "invalid_parameter", "category: unknown value"));
    }

    @ParameterizedTest(name = "GET {0} → 400 {1}")
    @MethodSource("getRequests")
    void bad_query_parameters_are_refused_with_a_reason(String path, String code, String detailPart) {
        assertRefused(server.http.get(path), 400, code, detailPart);
    }

    static Stream<Arguments> areaBodies() {
        return Stream.of(
                Arguments.of("", "invalid_json", "the body is empty"),
                Arguments.of("{\"type\":\"Polygon\"", "invalid_json", "the body is not JSON"),
                Arguments.of("[1,2]", "invalid_geometry", "must be a GeoJSON object"),
                Arguments.of("{\"coordinates\":[]}", "invalid_geometry", "has no \"type\""),
                Arguments.of("{\"type\":\"Point\",\"coordinates\":[108,30]}", "invalid_geometry", "type 'Point' is not an area"),
                Arguments.of("{\"type\":\"FeatureCollection\",\"features\":[]}", "invalid_geometry", "type 'FeatureCollection' is not an area"),
                Arguments.of("{\"type\":\"Feature\",\"geometry\":null}", "invalid_geometry", "the Feature has no geometry"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[109,30],[109,31],[108,31]]]}", "invalid_geometry",
                        "the outer ring of the polygon does not close: its first position [108.0, 30.0] differs from its last [108.0, 31.0]"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[109,30],[108,30]]]}", "invalid_geometry",
                        "the outer ring of the polygon has 3 positions; a ring needs at least 4"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[109,31],[109,30],[108,31],[108,30]]]}", "invalid_geometry",
                        "the geometry is not valid: Self-intersection"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[190,30],[109,31],[108,30]]]}", "invalid_geometry",
                        "position 2 of the outer ring of the polygon is [190.0, 30.0], outside lon -180…180"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[\"109\",30],[109,31],[108,30]]]}", "invalid_geometry",
                        "position 2 of the outer ring of the polygon is [\"109\",30]"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[]}", "invalid_geometry", "the polygon has no rings"),
                Arguments.of("{\"type\":\"MultiPolygon\",\"coordinates\":[]}", "invalid_geometry", "the MultiPolygon has no polygons"),
                Arguments.of("{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[109,30],[109,31],[108,31],[108,30]],"
                        + "[[110,30],[110.5,30],[110.5,30.5],[110,30]]]}", "invalid_geometry", "Hole lies outside shell"));
    }

    @ParameterizedTest(name = "POST within {0} → 400 {1}")
    @MethodSource("areaBodies")
    void bad_areas_are_refused_with_a_reason(String body, String code, String detailPart) {
        assertRefused(server.http.post("/api/hazards/within", body, "application/json"), 400, code, detailPart);
    }

    private static void assertRefused(riskmap.TestHttp.Response r, int status, String code, String detailPart) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        JsonNode body = r.json();
        assertEquals(code, body.get("error").asText(), r.body());
        assertTrue(body.get("detail").asText().contains(detailPart), "detail '" + body.get("detail").asText() + "' should contain '" + detailPart + "'");
    }
}
