package riskmap.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;

/** {@code GET /api/regions/{code}}: the region, its ancestors and children, and the extent and counts of its data in the demo seeds. */
class RegionDetailTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);

    private static JsonNode detail(String code) {
        var r = SERVER.http().get("/api/regions/" + code);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(name).asText()));
        return values;
    }

    @Test
    void a_county_answers_its_ancestors_and_children() {
        JsonNode wanzhou = detail("500101");
        assertEquals("万州区", wanzhou.get("name").asText());
        assertEquals("county", wanzhou.get("level").asText());
        assertEquals("5001", wanzhou.get("parent_code").asText());
        assertEquals(List.of("50", "5001"), field(wanzhou.get("ancestors"), "code"));
        assertEquals(List.of("重庆市", "市辖区"), field(wanzhou.get("ancestors"), "name"));
        assertEquals(List.of("province", "city"), field(wanzhou.get("ancestors"), "level"));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT code FROM region WHERE code LIKE '500101___' ORDER BY code"),
                field(wanzhou.get("children"), "code"));
        assertTrue(field(wanzhou.get("children"), "name").contains("龙驹镇"));
        wanzhou.get("children").forEach(c -> assertEquals("township", c.get("level").asText()));
    }

    @Test
    void the_extent_and_counts_cover_every_layer_below_the_region() {
        for (String code : List.of("50", "5001", "500101", "33")) {
            JsonNode d = detail(code);
            String in = " WHERE admin_code LIKE '" + code + "%'";
            assertEquals(TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM hazard_point" + in), d.get("counts").get("hazards").asLong(), code);
            assertEquals(TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM risk_zone" + in), d.get("counts").get("risk_zones").asLong(), code);
            assertEquals(TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM shelter" + in), d.get("counts").get("shelters").asLong(), code);
            String box = "(SELECT ST_Extent(geom) AS b FROM (SELECT geom FROM hazard_point" + in + " UNION ALL SELECT geom FROM risk_zone" + in
                    + " UNION ALL SELECT geom FROM shelter" + in + ") g) e";
            JsonNode extent = d.get("extent");
            assertEquals(4, extent.size(), code);
            // compared in millionths of a degree: the extent is a float box
            String[] parts = {"ST_XMin", "ST_YMin", "ST_XMax", "ST_YMax"};
            for (int i = 0; i < 4; i++) {
                assertEquals(TestDatabase.count(SERVER.ds(), "SELECT round(" + parts[i] + "(b) * 1e6) FROM " + box), Math.round(extent.get(i).asDouble() * 1e6),
                        code + " " + parts[i]);
            }
        }
    }

    @Test
    void a_region_without_data_has_no_extent_and_zero_counts() {
        JsonNode dongcheng = detail("110101");
        assertEquals("东城区", dongcheng.get("name").asText());
        assertTrue(dongcheng.get("extent").isNull());
        assertEquals(0, dongcheng.get("counts").get("hazards").asLong());
        assertEquals(0, dongcheng.get("counts").get("shelters").asLong());
    }

    @Test
    void a_province_has_no_parent_and_its_cities_as_children() {
        JsonNode chongqing = detail("50");
        assertTrue(chongqing.get("parent_code").isNull());
        assertEquals(0, chongqing.get("ancestors").size());
        assertEquals(List.of("5001", "5002"), field(chongqing.get("children"), "code"));
    }

    @Test
    void a_village_has_its_whole_lineage_and_no_children() {
        String village = TestDatabase.ids(SERVER.ds(), "SELECT min(code) FROM region WHERE level = 5 AND code LIKE '500101%'").get(0);
        JsonNode d = detail(village);
        assertEquals("village", d.get("level").asText());
        assertEquals(List.of("50", "5001", "500101", village.substring(0, 9)), field(d.get("ancestors"), "code"));
        assertEquals(5, d.get("path").size());
        assertEquals(0, d.get("children").size());
    }
}
