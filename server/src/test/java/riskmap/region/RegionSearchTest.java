package riskmap.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;

/** {@code GET /api/regions}: search by name and by code over the reference data the migration loads. */
class RegionSearchTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(() -> TestDatabase.database("regions", false));

    static JsonNode search(String query) {
        var r = SERVER.http().get("/api/regions?" + query);
        assertEquals(200, r.status(), r.body());
        return r.json().get("regions");
    }

    static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> codes(JsonNode regions) {
        List<String> codes = new ArrayList<>();
        regions.forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    @Test
    void the_migration_loads_every_level_of_the_reference_data() {
        // the files' line counts minus their headers (data/reference/china-division/README.md)
        assertEquals(31, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region WHERE level = 1"));
        assertEquals(342, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region WHERE level = 2"));
        assertEquals(2978, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region WHERE level = 3"));
        assertEquals(41352, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region WHERE level = 4"));
        assertEquals(46542, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region WHERE level = 5"));
    }

    @Test
    void wanzhou_district_comes_first_with_its_parent_and_path() {
        JsonNode first = search(q("万州区")).get(0);
        assertEquals("500101", first.get("code").asText());
        assertEquals("万州区", first.get("name").asText());
        assertEquals("county", first.get("level").asText());
        assertEquals("5001", first.get("parent_code").asText());
        assertEquals(List.of("重庆市", "市辖区", "万州区"), List.of(first.get("path").get(0).asText(), first.get("path").get(1).asText(),
                first.get("path").get(2).asText()));
    }

    @Test
    void an_exact_name_ranks_before_names_that_start_with_it_and_those_before_names_that_contain_it() {
        JsonNode regions = search(q("万州") + "&limit=100");
        List<String> names = new ArrayList<>();
        regions.forEach(r -> names.add(r.get("name").asText()));
        int lastPrefix = -1;
        int firstInner = names.size();
        for (int i = 0; i < names.size(); i++) {
            assertTrue(names.get(i).contains("万州"), names.get(i));
            if (names.get(i).startsWith("万州")) lastPrefix = i;
            else firstInner = Math.min(firstInner, i);
        }
        assertTrue(lastPrefix < firstInner, "names starting with 万州 come first: " + names);
        assertEquals("万州区", names.get(0), "the shortest, highest match first among prefixes");
    }

    @Test
    void digits_match_codes_by_prefix_highest_level_first() {
        List<String> codes = codes(search("q=5001&limit=100"));
        assertEquals("5001", codes.get(0));
        assertTrue(codes.stream().allMatch(c -> c.startsWith("5001")), codes.toString());
        assertEquals(TestDatabase.count(SERVER.ds(), "SELECT least(100, count(*)) FROM region WHERE code LIKE '5001%'"), codes.size());
    }

    @Test
    void the_level_filter_keeps_only_that_level() {
        JsonNode regions = search(q("龙驹") + "&level=township&limit=100");
        assertTrue(regions.size() > 0);
        regions.forEach(r -> assertEquals("township", r.get("level").asText()));
        assertEquals(TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region WHERE level = 4 AND name LIKE '%龙驹%'"), regions.size());
        assertTrue(codes(regions).contains("500101151"), "万州区龙驹镇: " + codes(regions));
    }

    @Test
    void sql_in_q_is_only_text_to_look_for() {
        assertEquals(0, search(q("万州'; DROP TABLE region; --")).size());
        assertEquals(0, search(q("万州区' OR '1'='1")).size());
        assertEquals(91245, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM region"));
        assertEquals(400, SERVER.http().get("/api/regions/50%27%20OR%20%271%27=%271").status());
    }

    @Test
    void like_wildcards_in_q_are_matched_literally() {
        assertEquals(0, search("q=%25").size());
        assertEquals(0, search("q=_").size());
    }
}
