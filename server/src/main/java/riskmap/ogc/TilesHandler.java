package riskmap.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import riskmap.domain.ApiException;
import riskmap.http.Json;
import riskmap.http.TileHandler;
import riskmap.http.param.TileParams;
import riskmap.ogc.Links.Link;
import riskmap.ogc.Negotiation.Format;
import riskmap.ogc.Negotiation.Offer;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;
import riskmap.store.TileSql;

/**
 * OGC API – Tiles metadata over the vector tiles {@code /tiles/{collectionId}/{z}/{x}/{y}.mvt}:
 * the tile matrix set (WebMercatorQuad, the only one), each collection's tileset list and
 * tileset, and the same tileset as TileJSON 3.0.0 for MapLibre and Mapbox GL.
 *
 * <p>The tiles themselves are served by {@link TileHandler}; the tileset links to them with a URL
 * template, and the Tiles path {@code …/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}}
 * answers the same tiles.
 */
public final class TilesHandler {
    static final String TMS_ID = "WebMercatorQuad";
    static final String TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    static final String EPSG_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";
    /** Half the Web Mercator world's width in metres, and the cell size of zoom 0 (256 px tiles). */
    private static final double ORIGIN = 20037508.3427892;
    private static final double CELL_SIZE_0 = 2 * ORIGIN / 256;
    /** OGC's standardised rendering pixel: 0.28 mm. */
    private static final double PIXEL_METRES = 0.00028;
    private static final String TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    private final CollectionsHandler collections;

    public TilesHandler(CollectionsHandler collections) {
        this.collections = collections;
    }

    /** {@code /ogc/tileMatrixSets} */
    public void tileMatrixSets(Context ctx) throws Exception {
        Negotiation.choose(ctx, Negotiation.JSON_ONLY);
        Links links = Links.of(ctx);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode tms = doc.putArray("tileMatrixSets").addObject().put("id", TMS_ID).put("title", "Google Maps Compatible for the World").put("uri", TMS_URI);
        Links.toJson(tms, List.of(new Link(links.url("/tileMatrixSets/" + TMS_ID), "self", Negotiation.JSON, "the tile matrix set")));
        Links.toJson(doc, List.of(new Link(links.url("/tileMatrixSets"), "self", Negotiation.JSON, "the tile matrix sets")));
        ctx.contentType(Negotiation.JSON).result(Json.MAPPER.writeValueAsString(doc));
    }

    /** {@code /ogc/tileMatrixSets/WebMercatorQuad}: the definition (OGC 17-083r4, JSON encoding). */
    public void tileMatrixSet(Context ctx) throws Exception {
        tms(ctx);
        Negotiation.choose(ctx, Negotiation.JSON_ONLY);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", TMS_ID).put("title", "Google Maps Compatible for the World").put("uri", TMS_URI).put("crs", EPSG_3857);
        doc.putArray("orderedAxes").add("X").add("Y");
        doc.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        ArrayNode matrices = doc.putArray("tileMatrices");
        for (int z = 0; z <= TileParams.MAX_ZOOM; z++) {
            double cell = CELL_SIZE_0 / (1L << z);
            ObjectNode m = matrices.addObject().put("id", Integer.toString(z)).put("scaleDenominator", cell / PIXEL_METRES).put("cellSize", cell)
                    .put("cornerOfOrigin", "topLeft");
            m.putArray("pointOfOrigin").add(-ORIGIN).add(ORIGIN);
            m.put("tileWidth", 256).put("tileHeight", 256).put("matrixWidth", 1L << z).put("matrixHeight", 1L << z);
        }
        ctx.contentType(Negotiation.JSON).result(Json.MAPPER.writeValueAsString(doc));
    }

    /** {@code /ogc/collections/{collectionId}/tiles}: the one tileset of the collection. */
    public void tilesets(Context ctx) throws Exception {
        FeatureCollection c = CollectionsHandler.find(ctx);
        Negotiation.choose(ctx, Negotiation.JSON_ONLY);
        Links links = Links.of(ctx);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode ts = doc.putArray("tilesets").addObject().put("title", c.titleZh() + " · " + c.titleEn()).put("dataType", "vector")
                .put("crs", EPSG_3857).put("tileMatrixSetURI", TMS_URI);
        Links.toJson(ts, List.of(new Link(links.url(tilesetPath(c)), "self", Negotiation.JSON, "the tileset"),
                new Link(links.url("/tileMatrixSets/" + TMS_ID), TILING_SCHEME, Negotiation.JSON, "the tile matrix set")));
        Links.toJson(doc, List.of(new Link(links.url("/collections/" + c.id() + "/tiles"), "self", Negotiation.JSON, "the tilesets"),
                new Link(links.url("/collections/" + c.id()), "collection", Negotiation.JSON, "the collection")));
        ctx.contentType(Negotiation.JSON).result(Json.MAPPER.writeValueAsString(doc));
    }

    /** {@code /ogc/collections/{collectionId}/tiles/WebMercatorQuad}: tileset metadata, or TileJSON with {@code f=tilejson}. */
    public void tileset(Context ctx) throws Exception {
        FeatureCollection c = CollectionsHandler.find(ctx);
        tms(ctx);
        Offer offer = Negotiation.choose(ctx, Negotiation.TILESET);
        Links links = Links.of(ctx);
        ObjectNode doc = offer.format() == Format.TILEJSON ? tileJson(c, links) : tileset(c, links);
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(doc));
    }

    /** The {@code /tiles} URL of the collection's tiles with {@code z}, {@code x}, {@code y} named as given. */
    static String tileUrl(Links links, FeatureCollection c, String z, String x, String y) {
        return links.outside("/tiles/" + c.id() + "/" + z + "/" + x + "/" + y + ".mvt");
    }

    private ObjectNode tileset(FeatureCollection c, Links links) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("title", c.titleZh() + " · " + c.titleEn()).put("dataType", "vector").put("crs", EPSG_3857).put("tileMatrixSetURI", TMS_URI);
        ObjectNode layer = doc.putArray("layers").addObject().put("id", c.id()).put("title", c.titleZh() + " · " + c.titleEn()).put("dataType", "vector")
                .put("geometryDimension", c.geometryType().equals("MultiPolygon") ? 2 : 0)
                .put("minTileMatrix", "0").put("maxTileMatrix", Integer.toString(TileParams.MAX_ZOOM));
        ObjectNode props = layer.putObject("propertiesSchema").put("type", "object").putObject("properties");
        fields(c).forEach((name, type) -> props.putObject(name).put("type", type.equals("Number") ? "integer" : "string"));
        ArrayNode rel = Links.toJson(doc, List.of(
                new Link(links.url(tilesetPath(c)), "self", Negotiation.JSON, "this tileset"),
                new Link(links.url(tilesetPath(c) + "?f=tilejson"), "alternate", Negotiation.TILEJSON, "this tileset as TileJSON"),
                new Link(links.url("/tileMatrixSets/" + TMS_ID), TILING_SCHEME, Negotiation.JSON, "the tile matrix set"),
                new Link(links.url("/collections/" + c.id()), "http://www.opengis.net/def/rel/ogc/1.0/geodata", Negotiation.JSON, "the collection"),
                new Link(tileUrl(links, c, "{tileMatrix}", "{tileCol}", "{tileRow}"), "item", TileHandler.MVT, "Mapbox Vector Tiles")));
        ((ObjectNode) rel.get(rel.size() - 1)).put("templated", true); // the last link is the tile URL template
        return doc;
    }

    private ObjectNode tileJson(FeatureCollection c, Links links) throws Exception {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("tilejson", "3.0.0").put("name", c.titleZh() + " · " + c.titleEn()).put("description", c.titleEn() + " (" + c.geometryType() + " features)")
                .put("scheme", "xyz").put("minzoom", 0).put("maxzoom", TileParams.MAX_ZOOM);
        doc.putArray("tiles").add(tileUrl(links, c, "{z}", "{x}", "{y}"));
        CollectionsHandler.Extent e = collections.extent(c);
        if (e.minX() != null) doc.putArray("bounds").add(e.minX()).add(e.minY()).add(e.maxX()).add(e.maxY());
        ObjectNode layer = doc.putArray("vector_layers").addObject().put("id", c.id()).put("description", c.titleEn()).put("minzoom", 0).put("maxzoom", TileParams.MAX_ZOOM);
        ObjectNode fields = layer.putObject("fields");
        fields(c).forEach(fields::put);
        return doc;
    }

    /**
     * The attributes a tile of {@code c} carries, name → TileJSON type: id and the public columns;
     * for hazard points also those of the aggregation cells drawn at low zoom ({@link TileSql}).
     */
    static java.util.Map<String, String> fields(FeatureCollection c) {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("id", "String");
        for (Column col : c.readableColumns(false)) f.put(col.name(), col.type() == Column.Type.INTEGER ? "Number" : "String");
        if (c.table().equals("hazard_point")) {
            f.put("count", "Number");
            f.put("max_risk_level", "Number");
        }
        return f;
    }

    private static String tilesetPath(FeatureCollection c) {
        return "/collections/" + c.id() + "/tiles/" + TMS_ID;
    }

    /** The {@code tileMatrixSetId} path parameter must name the one tile matrix set. */
    private static void tms(Context ctx) {
        String id = ctx.pathParam("tileMatrixSetId");
        if (!id.equals(TMS_ID)) throw ApiException.notFound("no tile matrix set '" + id + "'; the only one is " + TMS_ID + " (see /ogc/tileMatrixSets)");
    }
}
