package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.TestHttp;
import riskmap.ServerExtension;

/** Landing page, conformance, collections with extents, queryables, OpenAPI, HTML views and content negotiation. */
class OgcDocumentsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);



    private static String href(JsonNode doc, String rel, String type) {
        for (JsonNode l : doc.path("links")) {
            if (l.path("rel").asText().equals(rel) && (type == null || l.path("type").asText().equals(type))) return l.path("href").asText();
        }
        return null;
    }

    @Test
    void landing_page_links_to_api_conformance_and_data() {
        TestHttp.Response r = SERVER.http().get("/ogc");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        String base = "http://127.0.0.1:" + SERVER.port() + "/ogc";
        JsonNode doc = r.json();
        assertEquals(base + "/api", href(doc, "service-desc", "application/vnd.oai.openapi+json;version=3.0"));
        assertEquals(base + "/conformance", href(doc, "conformance", null));
        assertEquals(base + "/collections", href(doc, "data", null));
        assertNotNull(href(doc, "self", "application/json"));
        assertEquals(200, SERVER.http().get("/ogc/").status());
    }

    @Test
    void conformance_declares_exactly_the_implemented_classes() {
        Set<String> declared = new TreeSet<>();
        SERVER.http().get("/ogc/conformance").json().get("conformsTo").forEach(c -> declared.add(c.asText()));
        Set<String> expected = new TreeSet<>();
        for (String c : List.of("core", "geojson", "html", "oas30")) expected.add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/" + c);
        expected.add("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
        for (String c : List.of("queryables", "queryables-query-parameters", "filter", "features-filter")) expected.add("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/" + c);
        for (String c : List.of("create-replace-delete", "update", "features")) expected.add("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/" + c);
        for (String c : List.of("sorting", "sortables")) expected.add("http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/" + c);
        for (String c : List.of("cql2-text", "cql2-json", "basic-cql2", "advanced-comparison-operators", "case-insensitive-comparison", "basic-spatial-functions",
                "basic-spatial-functions-plus", "spatial-functions", "property-property")) expected.add("http://www.opengis.net/spec/cql2/1.0/conf/" + c);
        for (String c : List.of("core", "tileset", "tilesets-list", "geodata-tilesets", "mvt")) expected.add("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/" + c);
        for (String c : List.of("tilematrixset", "json-tilematrixset")) expected.add("http://www.opengis.net/spec/tms/2.0/conf/" + c);
        assertEquals(expected, declared);
    }

    @Test
    void collections_carry_extents_computed_from_the_data() throws Exception {
        JsonNode doc = SERVER.http().get("/ogc/collections").json();
        List<String> ids = new ArrayList<>();
        doc.get("collections").forEach(c -> ids.add(c.get("id").asText()));
        assertEquals(List.of("hazards", "landslide", "flood", "forest_fire", "risk_zones", "shelters"), ids);
        checkExtent(doc.get("collections").get(0), "SELECT min(ST_X(geom)), min(ST_Y(geom)), max(ST_X(geom)), max(ST_Y(geom)), min(updated_at), max(updated_at) FROM hazard_point");
        checkExtent(SERVER.http().get("/ogc/collections/flood").json(), "SELECT min(ST_X(geom)), min(ST_Y(geom)), max(ST_X(geom)), max(ST_Y(geom)), min(updated_at), max(updated_at) FROM hazard_point WHERE category = 'flood'");
        checkExtent(SERVER.http().get("/ogc/collections/risk_zones").json(), "SELECT min(ST_XMin(geom)), min(ST_YMin(geom)), max(ST_XMax(geom)), max(ST_YMax(geom)), min(updated_at), max(updated_at) FROM risk_zone");
        JsonNode hazards = SERVER.http().get("/ogc/collections/hazards").json();
        assertEquals(4, hazards.get("crs").size());
        assertEquals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", hazards.get("storageCrs").asText());
        assertTrue(href(hazards, "items", "application/geo+json").endsWith("/ogc/collections/hazards/items"));
        assertNotNull(href(hazards, "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json"));
    }

    private static void checkExtent(JsonNode collection, String sql) throws Exception {
        try (Connection c = SERVER.ds().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            JsonNode bbox = collection.at("/extent/spatial/bbox/0");
            for (int i = 0; i < 4; i++) assertEquals(rs.getDouble(i + 1), bbox.get(i).asDouble(), 1e-9, collection.get("id") + " bbox " + i);
            assertEquals(rs.getTimestamp(5).toInstant().toString(), collection.at("/extent/temporal/interval/0/0").asText());
            assertEquals(rs.getTimestamp(6).toInstant().toString(), collection.at("/extent/temporal/interval/0/1").asText());
        }
    }

    @Test
    void queryables_list_every_readable_property_with_its_type() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/queryables");
        assertTrue(r.header("Content-Type").startsWith("application/schema+json"), r.header("Content-Type"));
        JsonNode props = r.json().get("properties");
        Set<String> names = new TreeSet<>();
        props.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("id", "geometry", "category", "name", "risk_level", "status", "admin_code", "county", "township", "village",
                "threatened_people", "responsible_person", "responsible_unit", "responsible_person_id", "updated_at")), names, "no responsible_phone for anonymous callers");
        assertEquals("integer", props.at("/risk_level/type").asText());
        assertEquals("date-time", props.at("/updated_at/format").asText());
        assertEquals("geometry-point", props.at("/geometry/format").asText());
        assertEquals(404, SERVER.http().get("/ogc/collections/nope/queryables").status());
    }

    @Test
    void openapi_document_describes_every_path_and_collection_parameter() {
        TestHttp.Response r = SERVER.http().get("/ogc/api");
        assertTrue(r.header("Content-Type").startsWith("application/vnd.oai.openapi+json"), r.header("Content-Type"));
        JsonNode api = r.json();
        assertEquals("3.0.3", api.get("openapi").asText());
        assertEquals("http://127.0.0.1:" + SERVER.port() + "/ogc", api.at("/servers/0/url").asText());
        JsonNode paths = api.get("paths");
        for (String p : List.of("/", "/conformance", "/api", "/collections", "/collections/{collectionId}", "/collections/{collectionId}/queryables", "/collections/{collectionId}/sortables")) {
            assertTrue(paths.has(p), p);
        }
        for (String id : List.of("hazards", "landslide", "flood", "forest_fire", "risk_zones", "shelters")) {
            assertTrue(paths.has("/collections/" + id + "/items"), id);
            assertTrue(paths.has("/collections/" + id + "/items/{featureId}"), id);
        }
        Set<String> params = new TreeSet<>();
        paths.at("/~1collections~1hazards~1items/get/parameters").forEach(p -> params.add(p.has("$ref") ? p.get("$ref").asText().replaceAll(".*/", "") : p.get("name").asText()));
        assertTrue(params.containsAll(List.of("limit", "bbox", "datetime", "filter", "crs", "bbox-crs", "sortby", "risk_level", "category")), params.toString());
        assertTrue(!params.contains("responsible_phone"));
        // every $ref resolves inside the document
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        for (String ref : refs) assertTrue(!api.at(ref.substring(1)).isMissingNode(), ref);
    }

    private static void collectRefs(JsonNode n, List<String> refs) {
        if (n.isObject()) {
            if (n.has("$ref") && n.get("$ref").asText().startsWith("#/")) refs.add(n.get("$ref").asText());
            n.elements().forEachRemaining(c -> collectRefs(c, refs));
        } else if (n.isArray()) {
            n.elements().forEachRemaining(c -> collectRefs(c, refs));
        }
    }

    @Test
    void content_negotiation_by_f_and_accept() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assertTrue(SERVER.http().get("/ogc", "Accept", "*/*").header("Content-Type").startsWith("application/json"));
        assertTrue(SERVER.http().get("/ogc", "Accept", browser).header("Content-Type").startsWith("text/html"));
        assertTrue(SERVER.http().get("/ogc?f=json", "Accept", browser).header("Content-Type").startsWith("application/json"));
        assertTrue(SERVER.http().get("/ogc/collections?f=html").body().contains("<table>"));
        assertTrue(SERVER.http().get("/ogc/collections/hazards/items", "Accept", "application/geo+json, application/json").header("Content-Type").startsWith("application/geo+json"));
        assertTrue(SERVER.http().get("/ogc/collections/hazards/items", "Accept", "application/json").header("Content-Type").startsWith("application/json"));
        assertTrue(SERVER.http().get("/ogc/collections/hazards/items", "Accept", "text/html;q=0.5, application/geo+json;q=0.9").header("Content-Type").startsWith("application/geo+json"));
        assertTrue(SERVER.http().get("/ogc/api", "Accept", "application/vnd.oai.openapi+json;version=3.0, application/json").header("Content-Type").startsWith("application/vnd.oai.openapi+json"));

        TestHttp.Response unknownF = SERVER.http().get("/ogc/collections?f=xml");
        assertEquals(400, unknownF.status());
        assertTrue(unknownF.json().get("detail").asText().startsWith("f:"));
        TestHttp.Response xml = SERVER.http().get("/ogc/collections/hazards/items", "Accept", "application/xml");
        assertEquals(406, xml.status());
        assertEquals("not_acceptable", xml.json().get("error").asText());
        assertEquals(406, SERVER.http().get("/ogc", "Accept", "application/json;q=0").status());
        assertEquals(406, SERVER.http().get("/ogc", "Accept", "garbage").status(), "a malformed Accept header is refused, never a 500");
        assertEquals(200, SERVER.http().get("/ogc", "Accept", "text/*").status());
    }

    @Test
    void html_views_of_every_resource() {
        for (String path : List.of("/ogc", "/ogc/conformance", "/ogc/api", "/ogc/collections", "/ogc/collections/hazards", "/ogc/collections/hazards/queryables")) {
            TestHttp.Response r = SERVER.http().get(path + "?f=html");
            assertEquals(200, r.status(), path);
            assertTrue(r.header("Content-Type").startsWith("text/html"), path);
            assertTrue(r.body().startsWith("<!DOCTYPE html>"), path);
        }
        TestHttp.Response items = SERVER.http().get("/ogc/collections/hazards/items?limit=5", "Accept", "text/html");
        assertTrue(items.body().contains("/vendor/leaflet/leaflet.js"));
        assertTrue(items.body().contains("测试隐患点1"));
        assertEquals(5, items.body().split("<tr><td>").length - 1, "one table row per feature");
        assertTrue(items.body().contains("next »"));
        assertTrue(!items.body().contains("13800000000"));
        TestHttp.Response item = SERVER.http().get("/ogc/collections/hazards/items/HZ03?f=html");
        assertTrue(item.body().contains("测试隐患点3"));
        assertEquals(404, SERVER.http().get("/ogc/collections/hazards/items/NOPE?f=html").status());
        TestHttp.Response escaped = SERVER.http().get("/ogc/collections/hazards/items?f=html&name=" + OgcFixture.enc("<script>"));
        assertTrue(!escaped.body().contains("<script>\""), "request text is escaped in HTML");
    }

    @Test
    void cross_origin_reads_are_allowed() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?limit=1", "Origin", "http://gis.example");
        assertNotNull(r.header("Access-Control-Allow-Origin"));
    }
}
