package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;
import riskmap.ServerExtension;

/** /ogc/collections/{id}/items and /items/{featureId}: paging, Part 1 filters, counts and error answers. */
class OgcItemsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);



    static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    static String link(JsonNode doc, String rel) {
        for (JsonNode l : doc.path("links")) if (l.path("rel").asText().equals(rel)) return l.path("href").asText();
        return null;
    }

    /** Path and query of an absolute link, to follow it with the test client. */
    static String pathOf(String href) {
        URI u = URI.create(href);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    @Test
    void default_page_has_ten_features_in_id_order_with_counts_and_links() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/geo+json"), r.header("Content-Type"));
        assertEquals("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", r.header("Content-Crs"));
        JsonNode doc = r.json();
        assertEquals("FeatureCollection", doc.get("type").asText());
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY id LIMIT 10"), ids(doc));
        assertEquals(10, doc.get("numberReturned").asInt());
        assertEquals(30, doc.get("numberMatched").asInt());
        assertTrue(doc.get("timeStamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertNotNull(link(doc, "self"));
        assertNotNull(link(doc, "next"));
        assertNull(link(doc, "prev"), "the first page has no previous page");
        JsonNode f = doc.get("features").get(0);
        assertEquals("Point", f.at("/geometry/type").asText());
        assertTrue(f.at("/properties/name").asText().startsWith("测试隐患点"));
        assertFalse(f.get("properties").has("responsible_phone"), "personal data never reaches anonymous callers");
        assertFalse(r.body().contains("13800000000"));
    }

    @Test
    void following_next_links_visits_every_feature_once_and_prev_walks_back() {
        List<String> seen = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        String next = "/ogc/collections/hazards/items?limit=7";
        while (next != null) {
            pages.add(next);
            JsonNode doc = SERVER.http().get(next).json();
            seen.addAll(ids(doc));
            next = link(doc, "next") == null ? null : pathOf(link(doc, "next"));
        }
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY id"), seen);
        assertEquals(5, pages.size(), "30 features in pages of 7");
        // from the last page, prev links lead back through the same pages
        JsonNode last = SERVER.http().get(pages.get(4)).json();
        JsonNode back = SERVER.http().get(pathOf(link(last, "prev"))).json();
        assertEquals(seen.subList(21, 28), ids(back));
        JsonNode first = SERVER.http().get(pathOf(link(SERVER.http().get(pathOf(link(SERVER.http().get(pathOf(link(back, "prev"))).json(), "prev"))).json(), "prev"))).json();
        assertEquals(seen.subList(0, 7), ids(first));
        assertNull(link(first, "prev"));
    }

    @Test
    void paging_while_features_are_inserted_neither_skips_nor_repeats() {
        List<String> seen = new ArrayList<>();
        try {
            String next = "/ogc/collections/hazards/items?limit=5";
            int page = 0;
            while (next != null) {
                JsonNode doc = SERVER.http().get(next).json();
                seen.addAll(ids(doc));
                // between pages, insert one feature before the cursor and one after it
                OgcFixture.exec(SERVER.ds(), "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES "
                        + "('HZ00" + page + "', 'flood', 'early " + page + "', 1, '500101', ST_SetSRID(ST_MakePoint(106, 29), 4326)),"
                        + "('HZ99" + page + "', 'flood', 'late " + page + "', 1, '500101', ST_SetSRID(ST_MakePoint(106, 29), 4326))");
                page++;
                next = link(doc, "next") == null ? null : pathOf(link(doc, "next"));
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no feature twice: " + seen);
            List<String> original = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE id ~ '^HZ[0-9]{2}$' ORDER BY id");
            assertTrue(seen.containsAll(original), "every feature present from the start was visited");
            assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE id = ANY(ARRAY['" + String.join("','", seen) + "']) ORDER BY id"), seen,
                    "pages come in id order");
            assertTrue(seen.stream().anyMatch(id -> id.startsWith("HZ99")), "features inserted after the cursor are reached");
        } finally {
            OgcFixture.exec(SERVER.ds(), "DELETE FROM hazard_point WHERE id !~ '^HZ[0-9]{2}$'");
        }
    }

    @Test
    void limit_defaults_clamps_and_refuses_nonsense() {
        assertEquals(30, SERVER.http().get("/ogc/collections/hazards/items?limit=10001").json().get("numberReturned").asInt());
        assertEquals(30, SERVER.http().get("/ogc/collections/hazards/items?limit=99999999999999999999").json().get("numberReturned").asInt());
        assertEquals(3, SERVER.http().get("/ogc/collections/hazards/items?limit=3").json().get("numberReturned").asInt());
        for (String bad : List.of("0", "-1", "abc", "1.5")) {
            TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?limit=" + bad);
            assertEquals(400, r.status(), bad);
            assertEquals("invalid_parameter", r.json().get("error").asText());
            assertTrue(r.json().get("detail").asText().startsWith("limit:"), r.body());
        }
    }

    @Test
    void offset_skips_rows_and_cannot_be_mixed_with_a_cursor() {
        JsonNode doc = SERVER.http().get("/ogc/collections/hazards/items?offset=25&limit=10").json();
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY id OFFSET 25"), ids(doc));
        assertNotNull(link(doc, "prev"));
        String next = link(SERVER.http().get("/ogc/collections/hazards/items?limit=2").json(), "next");
        assertEquals(400, SERVER.http().get(pathOf(next) + "&offset=3").status());
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/items?cursor=not-a-cursor").status());
    }

    @Test
    void bbox_selects_the_points_inside_and_refuses_bad_boxes() {
        // grid points with lon in [106.15, 106.35] and lat in [29.05, 29.25]: lon 106.2, 106.3 × lat 29.1, 29.2
        JsonNode doc = SERVER.http().get("/ogc/collections/hazards/items?limit=100&bbox=106.15,29.05,106.35,29.25").json();
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE ST_X(geom) BETWEEN 106.15 AND 106.35 AND ST_Y(geom) BETWEEN 29.05 AND 29.25 ORDER BY id"), ids(doc));
        assertEquals(4, doc.get("numberMatched").asInt());
        // 6-number form: heights ignored
        assertEquals(ids(doc), ids(SERVER.http().get("/ogc/collections/hazards/items?limit=100&bbox=106.15,29.05,-10,106.35,29.25,10").json()));
        for (String bad : List.of("1,2,3", "a,b,c,d", "106,29,107", "106,29,107,30,1", "106,95,107,96", "200,29,201,30", "106,30,107,29", "NaN,29,107,30", "1e999,29,107,30")) {
            TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?bbox=" + bad);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertTrue(r.json().get("detail").asText().startsWith("bbox:"), r.body());
        }
    }

    @Test
    void datetime_matches_instants_dates_and_open_intervals_on_updated_at() {
        assertEquals(List.of("HZ03"), ids(SERVER.http().get("/ogc/collections/hazards/items?datetime=2024-01-03T00:00:00Z").json()));
        assertEquals(List.of("HZ03"), ids(SERVER.http().get("/ogc/collections/hazards/items?datetime=2024-01-03").json()));
        assertEquals(List.of("HZ03"), ids(SERVER.http().get("/ogc/collections/hazards/items?datetime=2024-01-03T08:00:00%2B08:00").json()));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE updated_at BETWEEN '2024-01-10T00:00:00Z' AND '2024-01-12T00:00:00Z' ORDER BY id"),
                ids(SERVER.http().get("/ogc/collections/hazards/items?datetime=2024-01-10T00:00:00Z/2024-01-12T00:00:00Z").json()));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE updated_at >= '2024-01-28' ORDER BY id"),
                ids(SERVER.http().get("/ogc/collections/hazards/items?datetime=2024-01-28/..").json()));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE updated_at < '2024-01-03' ORDER BY id"),
                ids(SERVER.http().get("/ogc/collections/hazards/items?datetime=../2024-01-02").json()));
        assertEquals(2, SERVER.http().get("/ogc/collections/hazards/items?datetime=/2024-01-02").json().get("numberMatched").asInt());
        for (String bad : List.of("yesterday", "2024-13-01", "../..", "2024-02-01/2024-01-01", "2024-01-01/2024-02-01/2024-03-01", "..")) {
            TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?datetime=" + OgcFixture.enc(bad));
            assertEquals(400, r.status(), bad);
            assertTrue(r.json().get("detail").asText().startsWith("datetime:"), r.body());
        }
    }

    @Test
    void property_parameters_filter_by_equality_and_unknown_ones_are_named() {
        JsonNode doc = SERVER.http().get("/ogc/collections/hazards/items?limit=100&category=flood&risk_level=3").json();
        List<String> expected = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE category = 'flood' AND risk_level = 3 ORDER BY id");
        assertEquals(expected, ids(doc));
        assertEquals(expected.size(), doc.get("numberMatched").asInt());
        assertEquals(List.of("HZ07"), ids(SERVER.http().get("/ogc/collections/hazards/items?name=" + OgcFixture.enc("测试隐患点7")).json()));
        assertEquals(List.of("HZ07"), ids(SERVER.http().get("/ogc/collections/hazards/items?id=HZ07").json()));
        assertEquals(List.of("HZ07"), ids(SERVER.http().get("/ogc/collections/hazards/items?updated_at=2024-01-07T00:00:00Z").json()));

        TestHttp.Response unknown = SERVER.http().get("/ogc/collections/hazards/items?colour=red");
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("detail").asText().startsWith("colour:"), unknown.body());
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/items?risk_level=high").status());
        assertEquals(400, SERVER.http().get("/ogc/collections/shelters/items?category=flood").status(), "shelters have no category");
        TestHttp.Response phone = SERVER.http().get("/ogc/collections/hazards/items?responsible_phone=13800000000");
        assertEquals(400, phone.status(), "personal data cannot be probed by filtering");
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/items?limit=1&limit=2").status());
    }

    @Test
    void category_collections_hold_only_their_category() {
        JsonNode doc = SERVER.http().get("/ogc/collections/landslide/items?limit=100").json();
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE category = 'landslide' ORDER BY id"), ids(doc));
        assertEquals(10, doc.get("numberMatched").asInt());
        assertEquals(List.of("RZ1", "RZ2"), ids(SERVER.http().get("/ogc/collections/risk_zones/items").json()));
        assertEquals("MultiPolygon", SERVER.http().get("/ogc/collections/risk_zones/items").json().at("/features/0/geometry/type").asText());
        assertEquals(List.of("SH1", "SH2", "SH3"), ids(SERVER.http().get("/ogc/collections/shelters/items").json()));
    }

    @Test
    void single_item_is_a_feature_and_unknown_ids_and_collections_are_404() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items/HZ05");
        assertEquals(200, r.status());
        JsonNode f = r.json();
        assertEquals("Feature", f.get("type").asText());
        assertEquals("HZ05", f.get("id").asText());
        assertEquals(2, f.at("/properties/risk_level").asInt());
        assertEquals("2024-01-05T00:00:00Z", f.at("/properties/updated_at").asText());
        assertFalse(f.get("properties").has("responsible_phone"));
        assertNotNull(link(f, "collection"));
        // HZ05 is 5 % 3 = 2 → forest_fire, so the flood collection does not hold it
        assertEquals(404, SERVER.http().get("/ogc/collections/flood/items/HZ05").status());
        assertEquals(200, SERVER.http().get("/ogc/collections/forest_fire/items/HZ05").status());
        TestHttp.Response missing = SERVER.http().get("/ogc/collections/hazards/items/NOPE");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().get("error").asText());
        assertEquals(404, SERVER.http().get("/ogc/collections/volcanoes/items").status());
        assertEquals(404, SERVER.http().get("/ogc/collections/volcanoes").status());
        assertEquals(404, SERVER.http().get("/ogc/collections/volcanoes/items/HZ01").status());
        assertEquals(404, SERVER.http().get("/ogc/collections/hazards/items/" + OgcFixture.enc("x' OR '1'='1")).status());
    }

    @Test
    void hostile_values_are_data_not_sql() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?name=" + OgcFixture.enc("x' OR 1=1 --"));
        assertEquals(200, r.status());
        assertEquals(0, r.json().get("numberReturned").asInt());
        assertEquals(30, TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM hazard_point"));
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/items?name=a%00b").status());
        Set<Integer> statuses = new HashSet<>();
        for (String q : List.of("bbox=106,29,107,30&bbox-crs=x", "crs=EPSG:9999", "f=xml", "filter-lang=ecql&filter=a=1")) {
            statuses.add(SERVER.http().get("/ogc/collections/hazards/items?" + q).status());
        }
        assertEquals(Set.of(400), statuses);
    }
}
