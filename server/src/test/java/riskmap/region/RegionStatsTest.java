package riskmap.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Roll-ups of the demo seeds at every level, each compared with a count of its own: the hazard
 * points whose admin_code starts with the region's code, counted by a separate SQL statement.
 */
class RegionStatsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);

    private static long count(String sql) {
        return TestDatabase.count(SERVER.ds(), sql);
    }

    private static void assertSameAsIndependentCount(String code, JsonNode counts) {
        String in = " FROM hazard_point WHERE admin_code LIKE '" + code + "%'";
        assertEquals(count("SELECT count(*)" + in), counts.get("count").asLong(), code);
        assertEquals(count("SELECT coalesce(sum(threatened_people), 0)" + in), counts.get("threatened_people").asLong(), code);
        for (int level = 1; level <= 4; level++) {
            assertEquals(count("SELECT count(*)" + in + " AND risk_level = " + level), counts.get("by_level").get(Integer.toString(level)).asLong(),
                    code + " level " + level);
        }
    }

    /** A township of Wanzhou that holds demo points. */
    private static String busyTownship() {
        return TestDatabase.ids(SERVER.ds(), "SELECT left(admin_code, 9) FROM hazard_point WHERE admin_code LIKE '500101%' AND length(admin_code) >= 9"
                + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").get(0);
    }

    @Test
    void every_child_row_and_the_total_equal_independent_counts_at_each_level() {
        for (String code : List.of("50", "5001", "500101", busyTownship())) {
            var r = SERVER.http().get("/api/regions/" + code + "/stats");
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            List<String> children = TestDatabase.ids(SERVER.ds(), "SELECT code FROM region WHERE parent_code = '" + code + "' ORDER BY code");
            long rowsWithPoints = 0;
            for (JsonNode row : body.get("rows")) {
                assertSameAsIndependentCount(row.get("code").asText(), row);
                if (row.get("count").asLong() > 0) rowsWithPoints++;
            }
            assertTrue(body.get("rows").size() >= children.size(), "every child has a row: " + code);
            assertTrue(rowsWithPoints > 0, code);
            assertSameAsIndependentCount(code, body.get("total"));
        }
    }

    @Test
    void a_county_lists_each_township_with_its_name_even_without_points() {
        JsonNode body = SERVER.http().get("/api/regions/500101/stats").json();
        assertEquals("万州区", body.get("name").asText());
        assertEquals("township", body.get("child_level").asText());
        assertEquals(count("SELECT count(*) FROM region WHERE parent_code = '500101'"), body.get("rows").size(), "the seeds code every point to a township");
        JsonNode longju = null;
        for (JsonNode row : body.get("rows")) if (row.get("code").asText().equals("500101151")) longju = row;
        assertEquals("龙驹镇", longju.get("name").asText());
    }

    @Test
    void stats_grouped_by_region_equal_independent_counts_at_each_level() {
        for (RegionLevel level : List.of(RegionLevel.province, RegionLevel.city, RegionLevel.county, RegionLevel.township)) {
            var r = SERVER.http().get("/api/stats?group_by=region&level=" + level.name());
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            assertEquals("region", body.get("group_by").asText());
            assertEquals(level.name(), body.get("level").asText());
            long sum = 0;
            for (JsonNode row : body.get("rows")) {
                String key = row.get("key").asText();
                assertEquals(level.codeLength(), key.length(), "every seeded point is coded to a township or below");
                assertEquals(count("SELECT count(*) FROM hazard_point WHERE admin_code LIKE '" + key + "%'"), row.get("count").asLong(), key);
                assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT name FROM region WHERE code = '" + key + "'").get(0), row.get("name").asText());
                sum += row.get("count").asLong();
            }
            assertEquals(count("SELECT count(*) FROM hazard_point"), sum, level.name());
        }
    }

    @Test
    void the_other_stats_filters_apply_to_region_groups() {
        JsonNode rows = SERVER.http().get("/api/stats?group_by=region&level=county&admin_code=5001&category=landslide&min_level=3&bbox=105,28,110,32.5").json().get("rows");
        assertTrue(rows.size() > 0);
        for (JsonNode row : rows) {
            String key = row.get("key").asText();
            assertTrue(key.startsWith("5001"), key);
            assertEquals(count("SELECT count(*) FROM hazard_point WHERE admin_code LIKE '" + key + "%' AND category = 'landslide' AND risk_level >= 3"
                    + " AND geom && ST_MakeEnvelope(105, 28, 110, 32.5, 4326)"), row.get("count").asLong(), key);
        }
    }

    @Test
    void the_existing_groupings_still_answer() {
        JsonNode rows = SERVER.http().get("/api/stats?group_by=admin_code").json().get("rows");
        assertEquals(count("SELECT count(DISTINCT left(admin_code, 6)) FROM hazard_point"), rows.size());
        assertEquals("万州区", SERVER.http().get("/api/stats?group_by=admin_code&admin_code=500101").json().get("rows").get(0).get("county").asText());
    }

    @Test
    void a_township_account_on_a_closed_server_counts_only_its_township() throws Exception {
        DataSource ds = SERVER.ds();
        String township = busyTownship();
        String token = Api.token(ds, "乡镇值班", Role.VIEWER, township);
        String auth = "Bearer " + token;
        long own = count("SELECT count(*) FROM hazard_point WHERE admin_code LIKE '" + township + "%'");
        try (TestServer closed = new TestServer(ds, Map.of("RISKMAP_PUBLIC_READ", "false"))) {
            JsonNode county = closed.http.get("/api/regions/500101", "Authorization", auth).json();
            assertEquals(own, county.get("counts").get("hazards").asLong());
            assertEquals(count("SELECT count(*) FROM shelter WHERE admin_code LIKE '" + township + "%'"), county.get("counts").get("shelters").asLong());
            assertEquals(own, closed.http.get("/api/regions/50/stats", "Authorization", auth).json().get("total").get("count").asLong());
            JsonNode rows = closed.http.get("/api/stats?group_by=region&level=township", "Authorization", auth).json().get("rows");
            assertEquals(1, rows.size());
            assertEquals(township, rows.get(0).get("key").asText());
            assertEquals(own, rows.get(0).get("count").asLong());
            assertEquals(own, closed.http.get("/api/stats?group_by=risk_level", "Authorization", auth).json().get("rows").findValues("count")
                    .stream().mapToLong(JsonNode::asLong).sum());
            assertEquals(401, closed.http.get("/api/regions/500101").status(), "anonymous reads need a token there");
        }
    }
}
