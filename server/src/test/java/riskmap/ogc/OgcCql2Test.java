package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;
import riskmap.ServerExtension;

/**
 * {@code filter} (CQL2 text) end to end: each construct's answer equals a hand-written SQL query
 * over the fixture, and every malformed or ill-typed filter is a 400 naming the problem.
 */
class OgcCql2Test {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);



    private static JsonNode items(String collection, String filter) {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/" + collection + "/items?limit=1000&filter-lang=cql2-text&filter=" + OgcFixture.enc(filter));
        assertEquals(200, r.status(), filter + " → " + r.body());
        return r.json();
    }

    private static void same(String filter, String sqlWhere) {
        JsonNode doc = items("hazards", filter);
        List<String> expected = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE " + sqlWhere + " ORDER BY id");
        assertEquals(expected, OgcItemsTest.ids(doc), filter);
        assertEquals(expected.size(), doc.get("numberMatched").asInt(), filter);
    }

    @Test
    void comparisons() {
        same("risk_level = 3", "risk_level = 3");
        same("risk_level <> 3", "risk_level <> 3");
        same("risk_level < 2", "risk_level < 2");
        same("risk_level <= 2", "risk_level <= 2");
        same("threatened_people > 250", "threatened_people > 250");
        same("threatened_people >= 250", "threatened_people >= 250");
        same("category = 'flood'", "category = 'flood'");
        same("name = '测试隐患点12'", "id = 'HZ12'");
        same("risk_level > 2.5", "risk_level >= 3");
        same("threatened_people = risk_level", "false");
    }

    @Test
    void logical_operators_and_parentheses() {
        same("category = 'flood' AND risk_level >= 3", "category = 'flood' AND risk_level >= 3");
        same("category = 'flood' OR risk_level = 4", "category = 'flood' OR risk_level = 4");
        same("NOT category = 'flood'", "NOT category = 'flood'");
        same("status = 'closed' OR category = 'flood' AND risk_level = 1", "status = 'closed' OR (category = 'flood' AND risk_level = 1)");
        same("(status = 'closed' OR category = 'flood') AND risk_level = 1", "(status = 'closed' OR category = 'flood') AND risk_level = 1");
        same("not (risk_level < 3 or admin_code = '500101')", "NOT (risk_level < 3 OR admin_code = '500101')");
    }

    @Test
    void like_in_between_is_null_and_casei() {
        same("name LIKE '测试隐患点1%'", "name LIKE '测试隐患点1%'");
        same("name LIKE '测试隐患点_'", "id BETWEEN 'HZ01' AND 'HZ09'");
        same("name NOT LIKE '%1%'", "name NOT LIKE '%1%'");
        same("category IN ('flood', 'landslide')", "category IN ('flood', 'landslide')");
        same("risk_level NOT IN (1, 4)", "risk_level NOT IN (1, 4)");
        same("threatened_people BETWEEN 100 AND 150", "threatened_people BETWEEN 100 AND 150");
        same("threatened_people NOT BETWEEN 20 AND 290", "threatened_people NOT BETWEEN 20 AND 290");
        same("township IS NULL", "township IS NULL");
        same("township IS NOT NULL", "township IS NOT NULL");
        same("CASEI(category) = CASEI('FLOOD')", "category = 'flood'");
        same("CASEI(status) LIKE CASEI('CLO%')", "status = 'closed'");
    }

    @Test
    void time_literals_compare_with_updated_at() {
        same("updated_at >= TIMESTAMP('2024-01-25T00:00:00Z')", "updated_at >= '2024-01-25T00:00:00Z'");
        same("updated_at = DATE('2024-01-04')", "id = 'HZ04'");
        same("updated_at BETWEEN TIMESTAMP('2024-01-02T00:00:00Z') AND TIMESTAMP('2024-01-04T00:00:00Z')", "id IN ('HZ02','HZ03','HZ04')");
        same("updated_at < '2024-01-03T00:00:00Z'", "id IN ('HZ01','HZ02')");
    }

    @Test
    void spatial_predicates_with_point_polygon_and_bbox_literals() {
        // lon 106.2..106.3, lat 29.1..29.2 as bbox; compared with plain coordinate arithmetic
        same("S_INTERSECTS(geometry, BBOX(106.15, 29.05, 106.35, 29.25))", "ST_X(geom) BETWEEN 106.15 AND 106.35 AND ST_Y(geom) BETWEEN 29.05 AND 29.25");
        same("S_WITHIN(geometry, POLYGON((106.15 29.05, 106.35 29.05, 106.35 29.25, 106.15 29.25, 106.15 29.05)))",
                "ST_X(geom) BETWEEN 106.15 AND 106.35 AND ST_Y(geom) BETWEEN 29.05 AND 29.25");
        // triangle under the line lat = lon - 77.05: a grid point (106 + a/10, 29 + b/10) is inside iff b < a (no point near the edge)
        same("S_INTERSECTS(geometry, POLYGON((105.95 28.9, 106.65 28.9, 106.65 29.6, 105.95 28.9)))",
                "round((ST_Y(geom) - 29) * 10) < round((ST_X(geom) - 106) * 10)");
        same("S_INTERSECTS(geometry, POINT(106.3 29.2))", "id = 'HZ15'");
        same("S_INTERSECTS(geometry, POINT(106.3 29.2)) OR S_INTERSECTS(geometry, POINT(106.1 29.0))", "id IN ('HZ01','HZ15')");
        same("NOT S_INTERSECTS(geometry, BBOX(105, 28, 106.45, 30))", "ST_X(geom) > 106.45");
        same("S_DISJOINT(geometry, BBOX(105, 28, 106.45, 30))", "ST_X(geom) > 106.45");
        JsonNode zones = items("risk_zones", "S_CONTAINS(geometry, POINT(106.5 29.4))");
        assertEquals(List.of("RZ2"), OgcItemsTest.ids(zones));
        assertEquals(List.of("RZ1"), OgcItemsTest.ids(items("risk_zones", "S_INTERSECTS(geometry, LINESTRING(105.9 29.1, 106.1 29.1))")));
        assertEquals(List.of("SH1"), OgcItemsTest.ids(items("shelters", "S_WITHIN(geometry, MULTIPOLYGON(((106 29, 106.1 29, 106.1 29.1, 106 29.1, 106 29))))")));
    }

    @Test
    void filter_crs_reads_literals_in_another_crs() {
        // EPSG:4326 is latitude first
        String crs = "&filter-crs=" + OgcFixture.enc("http://www.opengis.net/def/crs/EPSG/0/4326");
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?filter=" + OgcFixture.enc("S_INTERSECTS(geometry, POINT(29.2 106.3))") + crs);
        assertEquals(List.of("HZ15"), OgcItemsTest.ids(r.json()));
        r = SERVER.http().get("/ogc/collections/hazards/items?filter=" + OgcFixture.enc("S_INTERSECTS(geometry, BBOX(29.05, 106.15, 29.25, 106.35))") + crs);
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE ST_X(geom) BETWEEN 106.15 AND 106.35 AND ST_Y(geom) BETWEEN 29.05 AND 29.25 ORDER BY id"),
                OgcItemsTest.ids(r.json()));
    }

    @Test
    void filter_combines_with_bbox_properties_and_paging() {
        JsonNode doc = SERVER.http().get("/ogc/collections/hazards/items?limit=3&category=flood&bbox=106,29,106.6,29.5&filter=" + OgcFixture.enc("risk_level >= 2")).json();
        List<String> expected = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE category = 'flood' AND risk_level >= 2 AND ST_Intersects(geom, ST_MakeEnvelope(106,29,106.6,29.5,4326))" + OgcFixture.GEOHASH_ORDER);
        assertEquals(expected.subList(0, 3), OgcItemsTest.ids(doc));
        assertEquals(expected.size(), doc.get("numberMatched").asInt());
        String next = OgcItemsTest.link(doc, "next");
        assertTrue(next.contains("filter="), next);
        assertEquals(expected.subList(3, Math.min(6, expected.size())), OgcItemsTest.ids(SERVER.http().get(OgcItemsTest.pathOf(next)).json()));
    }

    @Test
    void bad_filters_are_400_naming_the_problem() {
        assertBad("colour = 'red'", "unknown property 'colour'");
        assertBad("responsible_phone = '13800000000'", "personal data");
        assertBad("risk_level = 'high'", "cannot compare risk_level (a number) with text");
        assertBad("name > 3", "cannot compare name (text) with a number");
        assertBad("risk_level LIKE '3%'", "LIKE works on text");
        assertBad("geometry = POINT(1 2)", "spatial functions");
        assertBad("S_INTERSECTS(name, POINT(1 2))", "S_INTERSECTS takes geometries");
        assertBad("name LIKE 'abc\\'", "ends with an escape character");
        assertBad("updated_at > 'yesterday'", "not an RFC 3339 date-time");
        assertBad("risk_level >", "not valid CQL2 text: at character 13");
        assertBad("category IN ('flood', 3)", "cannot compare category (text) with a number");
        assertBad("TRUE > FALSE", "can only be compared with = or <>");
        TestHttp.Response lang = SERVER.http().get("/ogc/collections/hazards/items?filter-lang=ecql&filter=" + OgcFixture.enc("a = 1"));
        assertEquals(400, lang.status());
        assertTrue(lang.json().get("detail").asText().startsWith("filter-lang:"));
    }

    private static void assertBad(String filter, String expected) {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?filter=" + OgcFixture.enc(filter));
        assertEquals(400, r.status(), filter + " → " + r.body());
        assertEquals("invalid_parameter", r.json().get("error").asText());
        String detail = r.json().get("detail").asText();
        assertTrue(detail.startsWith("filter") && detail.contains(expected), filter + " → " + detail);
    }
}
