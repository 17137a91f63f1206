package riskmap.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;

/**
 * {@code datetime} on updated_at, one of the shared hazard filters: statistics, the radius list
 * and the tiles select the rows SQL selects for the same interval, and a bad interval is a 400.
 */
class UpdatedAtFilterTest {
    private static final String FROM = "2025-06-01", TO = "2025-12-31";
    private static TestServer server;
    private static DataSource ds;

    @BeforeAll
    static void start() {
        ds = TestDatabase.seeded();
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // the whole of the end date, as OGC API – Features reads a date as an interval end
    private static long sqlCount(String where) {
        return TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE updated_at >= '" + FROM + "T00:00:00Z' "
                + "AND updated_at < '" + TO + "T00:00:00Z'::timestamptz + interval '1 day'" + where);
    }

    @Test
    void statistics_count_the_points_updated_in_the_interval() {
        JsonNode rows = server.http.get("/api/stats?group_by=risk_level&datetime=" + FROM + "/" + TO).json().get("rows");
        long total = 0;
        for (JsonNode r : rows) total += r.get("count").asLong();
        long expected = sqlCount("");
        assertTrue(expected > 0 && expected < TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"), "the interval selects some, not all");
        assertEquals(expected, total);
    }

    @Test
    void open_ended_intervals_and_other_filters_combine() {
        JsonNode rows = server.http.get("/api/stats?group_by=risk_level&min_level=3&datetime=../2025-03-31").json().get("rows");
        long total = 0;
        for (JsonNode r : rows) total += r.get("count").asLong();
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE risk_level >= 3 AND updated_at < '2025-04-01T00:00:00Z'"), total);
    }

    @Test
    void the_radius_list_and_the_tiles_take_the_interval_too() {
        JsonNode near = server.http.get("/api/hazards/near?lon=108.38&lat=30.81&radius=50000&limit=1000&datetime=" + FROM + "/" + TO).json();
        assertEquals(sqlCount(" AND ST_DWithin(geom::geography, ST_MakePoint(108.38, 30.81)::geography, 50000)"), near.get("features").size());
        assertEquals(200, server.http.get("/tiles/hazards/9/409/206.mvt?datetime=" + FROM + "/" + TO).status());
    }

    @Test
    void a_bad_interval_is_refused_naming_datetime() {
        var r = server.http.get("/api/stats?group_by=risk_level&datetime=2025-12-31/2025-01-01");
        assertEquals(400, r.status());
        assertTrue(r.json().get("detail").asText().startsWith("datetime:"), r.body());
        assertEquals(400, server.http.get("/tiles/hazards/9/409/206.mvt?datetime=yesterday").status());
    }
}
