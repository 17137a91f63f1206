package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;

/** What GDAL, QGIS and OpenAPI validators rely on: HEAD answering as GET, cql-text, and the published parameter definitions. */
class GisClientDetailsTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);

    private static HttpResponse<byte[]> head(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void head_answers_as_get_would_without_a_body() throws Exception {
        for (String path : List.of("/ogc", "/ogc/collections/hazards", "/ogc/collections/hazards/items?limit=3", "/ogc/collections/hazards/items/HZ07",
                "/ogc/collections/nope", "/ogc/collections/hazards/items/NOPE", "/ogc/collections/hazards/items?limit=x", "/health",
                "/tiles/hazards/5/25/13.mvt", "/index.html")) {
            TestHttp.Response get = SERVER.http().get(path);
            HttpResponse<byte[]> head = head(path);
            assertEquals(get.status(), head.statusCode(), path);
            assertEquals(get.header("Content-Type"), head.headers().firstValue("Content-Type").orElse(null), path);
            assertEquals(get.header("ETag"), head.headers().firstValue("ETag").orElse(null), path);
            assertEquals(0, head.body().length, path + ": a HEAD answer has no body");
            head.headers().firstValue("Content-Length").ifPresent(len ->
                    assertEquals(get.raw().headers().firstValue("Content-Length").orElse(len), len, path));
        }
        assertEquals(404, head("/ogc/collections/nope").statusCode());
    }

    @Test
    void cql_text_is_read_as_cql2_text() {
        String filter = OgcFixture.enc("risk_level BETWEEN 3 AND 4");
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?limit=1000&filter-lang=cql-text&filter=" + filter);
        assertEquals(200, r.status(), r.body());
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE risk_level BETWEEN 3 AND 4 ORDER BY id"), OgcItemsTest.ids(r.json()));
        TestHttp.Response bad = SERVER.http().get("/ogc/collections/hazards/items?filter-lang=cql2-json&filter=" + filter); // text sent as JSON
        assertEquals(400, bad.status());
    }

    @Test
    void openapi_publishes_limit_datetime_and_the_token_scheme() {
        JsonNode api = SERVER.http().get("/ogc/api").json();
        JsonNode limit = api.at("/components/parameters/limit");
        assertEquals("form", limit.path("style").asText());
        assertEquals(false, limit.path("explode").asBoolean(true));
        assertEquals(1, limit.at("/schema/minimum").asInt());
        assertEquals(10000, limit.at("/schema/maximum").asInt(), "the maximum the text of the API promises");
        assertEquals(10, limit.at("/schema/default").asInt());
        JsonNode datetime = api.at("/components/parameters/datetime");
        assertEquals("form", datetime.path("style").asText());
        assertEquals(false, datetime.path("explode").asBoolean(true));
        assertEquals("http", api.at("/components/securitySchemes/bearerAuth/type").asText());
        assertEquals("bearer", api.at("/components/securitySchemes/bearerAuth/scheme").asText());
        JsonNode security = api.path("security");
        assertEquals(2, security.size());
        assertEquals(0, security.get(0).size(), "anonymous reading is allowed");
        assertTrue(security.get(1).has("bearerAuth"));
        for (String write : List.of("/paths/~1collections~1hazards~1items/post", "/paths/~1collections~1hazards~1items~1{featureId}/put",
                "/paths/~1collections~1hazards~1items~1{featureId}/patch", "/paths/~1collections~1hazards~1items~1{featureId}/delete")) {
            JsonNode s = api.at(write + "/security");
            assertEquals(1, s.size(), write + " needs a token, never anonymous");
            assertTrue(s.get(0).has("bearerAuth"), write);
        }
    }

    @Test
    void openapi_document_is_valid_openapi_3_0() {
        String doc = SERVER.http().get("/ogc/api").body();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc, null, null);
        assertEquals(List.of(), parsed.getMessages(), "the OpenAPI 3.0 parser's complaints");
        // the validator is live: a parameter in a place OpenAPI does not know is reported
        assertTrue(!new OpenAPIV3Parser().readContents(doc.replaceFirst("\"in\":\"query\"", "\"in\":\"body\""), null, null).getMessages().isEmpty());
        OpenAPI api = parsed.getOpenAPI();
        Parameter limit = api.getComponents().getParameters().get("limit");
        assertEquals(Parameter.StyleEnum.FORM, limit.getStyle());
        assertEquals(Boolean.FALSE, limit.getExplode());
        assertEquals(10000, limit.getSchema().getMaximum().intValue());
        assertTrue(api.getComponents().getSecuritySchemes().containsKey("bearerAuth"));
        assertTrue(api.getPaths().containsKey("/collections/hazards/items"));
    }

    @Test
    void every_get_path_the_openapi_document_lists_answers_including_the_tiles_and_the_style() throws Exception {
        JsonNode paths = SERVER.http().get("/ogc/api").json().path("paths");
        List<String> tried = new java.util.ArrayList<>();
        for (var it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            if (!paths.path(path).has("get")) continue;
            String feature = "";
            if (path.endsWith("/items/{featureId}")) {
                // one of the collection's own features, as a client would follow it from the items page
                JsonNode first = SERVER.http().get("/ogc" + path.replace("/{featureId}", "?limit=1").replace("{collectionId}", "hazards")).json().at("/features/0/id");
                if (first.isMissingNode()) continue;
                feature = first.asText();
            }
            // z 5, row 12, column 25 holds Chongqing, where the fixture's points are
            String url = "/ogc" + path.replace("{collectionId}", "hazards").replace("{featureId}", feature).replace("{tileMatrixSetId}", "WebMercatorQuad")
                    .replace("{tileMatrix}", "5").replace("{tileRow}", "13").replace("{tileCol}", "25");
            TestHttp.Response r = SERVER.http().get(url);
            assertEquals(200, r.status(), url + ": " + r.body());
            tried.add(path);
        }
        for (String expected : List.of("/tileMatrixSets", "/tileMatrixSets/{tileMatrixSetId}", "/collections/{collectionId}/tiles",
                "/collections/{collectionId}/tiles/{tileMatrixSetId}", "/collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}",
                "/styles/default")) {
            assertTrue(tried.contains(expected), expected + " is documented; documented: " + tried);
        }
    }
}
