package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;
import riskmap.tiles.MvtReader;
import riskmap.tiles.TileMath;

/**
 * OGC API – Tiles metadata, TileJSON and the default MapLibre style, checked against real tiles
 * decoded by the independent {@link MvtReader}: the templates lead to tiles, and the names the
 * style and TileJSON use are the names the tiles carry.
 */
class OgcTilesTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Inside the fixture's grid of points (106–106.5, 29–29.4). */
    private static final double LON = 106.2, LAT = 29.2;

    private static byte[] bytes(String href) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(href)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), href);
        return r.body();
    }

    private static String base() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    /** The tile at zoom z over the fixture, from a template with {z}/{x}/{y} (or the OGC names). */
    private static String fill(String template, int z) {
        String x = Integer.toString(TileMath.tileX(LON, z)), y = Integer.toString(TileMath.tileY(LAT, z));
        return template.replace("{z}", "" + z).replace("{tileMatrix}", "" + z).replace("{x}", x).replace("{tileCol}", x).replace("{y}", y).replace("{tileRow}", y);
    }

    /** The JSON document at {@code path}, which must be answered 200 as {@code mediaType}. */
    private static JsonNode json(String path, String mediaType) {
        TestHttp.Response r = SERVER.http().get(path);
        assertEquals(200, r.status(), path);
        assertTrue(r.header("Content-Type").startsWith(mediaType), path + ": " + r.header("Content-Type"));
        return r.json();
    }

    private static JsonNode link(JsonNode doc, String rel) {
        for (JsonNode l : doc.path("links")) if (l.path("rel").asText().equals(rel)) return l;
        return null;
    }

    @Test
    void the_tile_matrix_set_is_web_mercator_quad() {
        JsonNode list = SERVER.http().get("/ogc/tileMatrixSets").json();
        assertEquals("WebMercatorQuad", list.at("/tileMatrixSets/0/id").asText());
        JsonNode tms = SERVER.http().get("/ogc/tileMatrixSets/WebMercatorQuad").json();
        assertEquals("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", tms.get("uri").asText());
        assertEquals("http://www.opengis.net/def/crs/EPSG/0/3857", tms.get("crs").asText());
        JsonNode m = tms.get("tileMatrices");
        assertEquals(23, m.size());
        // level 0 as OGC 17-083r4 Annex D publishes it; each level halves it, so level 22 is that / 2^22
        assertEquals(559082264.0287178, m.get(0).get("scaleDenominator").asDouble(), 1e-4);
        assertEquals(156543.0339280410, m.get(0).get("cellSize").asDouble(), 1e-9);
        assertEquals(-20037508.3427892, m.get(0).at("/pointOfOrigin/0").asDouble(), 1e-6);
        assertEquals(559082264.0287178 / 4194304, m.get(22).get("scaleDenominator").asDouble(), 1e-6);
        assertEquals(4194304, m.get(22).get("matrixWidth").asLong());
        assertEquals(404, SERVER.http().get("/ogc/tileMatrixSets/WorldCRS84Quad").status());
        assertEquals(404, SERVER.http().get("/ogc/collections/hazards/tiles/WorldCRS84Quad").status());
    }

    @Test
    void every_collection_links_its_tileset_whose_template_leads_to_the_real_tiles() throws Exception {
        for (JsonNode c : SERVER.http().get("/ogc/collections").json().get("collections")) {
            String id = c.get("id").asText();
            JsonNode tilesLink = link(c, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
            assertNotNull(tilesLink, id + ": " + c.get("links"));
            JsonNode list = SERVER.http().get(OgcItemsTest.pathOf(tilesLink.get("href").asText())).json();
            JsonNode ts = list.at("/tilesets/0");
            assertEquals("vector", ts.get("dataType").asText());
            assertEquals("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", ts.get("tileMatrixSetURI").asText());
            JsonNode tileset = SERVER.http().get(OgcItemsTest.pathOf(link(ts, "self").get("href").asText())).json();
            assertEquals(id, tileset.at("/layers/0/id").asText());
            JsonNode item = link(tileset, "item");
            assertTrue(item.get("templated").asBoolean());
            assertEquals("application/vnd.mapbox-vector-tile", item.get("type").asText());
            assertEquals(base() + "/tiles/" + id + "/{tileMatrix}/{tileCol}/{tileRow}.mvt", item.get("href").asText());
            // the template and the Tiles path ({tileMatrix}/{tileRow}/{tileCol}) give the same tile, named after the collection
            // at zoom 9 the tile over the fixture holds features of every collection
            byte[] viaTemplate = bytes(fill(item.get("href").asText(), 9));
            byte[] viaOgcPath = bytes(fill(base() + "/ogc/collections/" + id + "/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}", 9));
            assertArrayEquals(viaTemplate, viaOgcPath, id);
            assertEquals(List.of(id), MvtReader.read(viaTemplate).stream().map(MvtReader.Layer::name).toList(), id);
        }
        assertNotNull(link(SERVER.http().get("/ogc").json(), "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"));
    }

    @Test
    void tilejson_names_the_layer_and_fields_the_tiles_carry_and_bounds_sql_computes() throws Exception {
        JsonNode tj = json("/ogc/collections/hazards/tiles/WebMercatorQuad?f=tilejson", "application/vnd.mapbox.tile+json");
        assertEquals("3.0.0", tj.get("tilejson").asText());
        String template = tj.at("/tiles/0").asText();
        assertEquals(base() + "/tiles/hazards/{z}/{x}/{y}.mvt", template);
        List<String> bounds = TestDatabase.row(SERVER.ds(), "SELECT min(ST_X(geom)), min(ST_Y(geom)), max(ST_X(geom)), max(ST_Y(geom)) FROM hazard_point");
        for (int i = 0; i < 4; i++) assertEquals(Double.parseDouble(bounds.get(i)), tj.at("/bounds/" + i).asDouble(), 1e-9);
        JsonNode layer = tj.at("/vector_layers/0");
        Set<String> fields = new HashSet<>();
        layer.get("fields").fieldNames().forEachRemaining(fields::add);
        for (int z : new int[] {5, 14}) { // aggregated cells at low zoom, single points near the ground
            List<MvtReader.Layer> tile = MvtReader.read(bytes(fill(template, z)));
            assertEquals(layer.get("id").asText(), tile.get(0).name(), "zoom " + z);
            assertFalse(tile.get(0).features().isEmpty(), "zoom " + z);
            for (MvtReader.Feature f : tile.get(0).features()) assertTrue(fields.containsAll(f.properties().keySet()), z + ": " + f.properties().keySet() + " ⊄ " + fields);
        }
        assertEquals(400, SERVER.http().get("/ogc/collections/hazards/tiles/WebMercatorQuad?f=html").status());
    }

    @Test
    void the_default_style_draws_the_layers_and_attributes_of_real_tiles() throws Exception {
        JsonNode style = json("/ogc/styles/default", "application/vnd.mapbox.style+json");
        assertEquals(8, style.get("version").asInt());
        // each source's TileJSON leads to tiles; collect the layers and attributes they really carry at low and high zoom
        Map<String, Set<String>> layersOf = new HashMap<>();
        Map<String, Set<String>> attributes = new HashMap<>();
        style.get("sources").fields().forEachRemaining(s -> {
            try {
                assertEquals("vector", s.getValue().get("type").asText());
                JsonNode tj = SERVER.http().get(OgcItemsTest.pathOf(s.getValue().get("url").asText())).json();
                for (int z : new int[] {5, 12, 14}) {
                    for (MvtReader.Layer l : MvtReader.read(bytes(fill(tj.at("/tiles/0").asText(), z)))) {
                        layersOf.computeIfAbsent(s.getKey(), k -> new HashSet<>()).add(l.name());
                        l.features().forEach(f -> attributes.computeIfAbsent(l.name(), k -> new HashSet<>()).addAll(f.properties().keySet()));
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Set<String> drawn = new HashSet<>();
        for (JsonNode l : style.get("layers")) {
            if (l.get("type").asText().equals("background")) continue;
            String source = l.get("source").asText(), sourceLayer = l.get("source-layer").asText();
            assertTrue(layersOf.getOrDefault(source, Set.of()).contains(sourceLayer), l.get("id") + ": " + sourceLayer + " not in the tiles of " + source + " " + layersOf);
            drawn.add(sourceLayer);
            // every attribute the layer reads is one the tiles carry
            for (String attr : gets(l)) assertTrue(attributes.get(sourceLayer).contains(attr), l.get("id") + " reads " + attr + ", tiles carry " + attributes.get(sourceLayer));
        }
        assertTrue(drawn.containsAll(List.of("hazards", "risk_zones")), drawn.toString());
        JsonNode clusters = layerById(style, "hazard-clusters");
        assertEquals("[\"has\",\"count\"]", clusters.get("filter").toString());
        assertTrue(gets(layerById(style, "hazard-points")).containsAll(List.of("category", "risk_level")));
        assertTrue(attributes.get("hazards").contains("count"), "low-zoom tiles carry the clusters' count: " + attributes.get("hazards"));
    }

    private static JsonNode layerById(JsonNode style, String id) {
        for (JsonNode l : style.get("layers")) if (l.get("id").asText().equals(id)) return l;
        throw new AssertionError("no layer " + id);
    }

    /** The attribute names a style layer reads with ["get", name] or ["has", name]. */
    private static Set<String> gets(JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node.isArray() && node.size() == 2 && (node.get(0).asText().equals("get") || node.get(0).asText().equals("has"))) out.add(node.get(1).asText());
        node.forEach(child -> out.addAll(gets(child)));
        return out;
    }
}
