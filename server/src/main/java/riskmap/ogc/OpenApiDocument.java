package riskmap.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import riskmap.http.Json;
import riskmap.http.TileHandler;
import riskmap.http.param.TileParams;
import riskmap.store.Collections;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;
import riskmap.domain.Crs;

/**
 * The OpenAPI 3.0 definition served at {@code /ogc/api}: every OGC path, and for each collection
 * its items path with one query parameter per queryable property, built by hand from the
 * collection registry so it cannot drift from what the handlers accept.
 */
final class OpenApiDocument {
    private static final String P = "#/components/parameters/";

    private OpenApiDocument() {
    }

    static ObjectNode build(String serverUrl) {
        ObjectNode api = Json.MAPPER.createObjectNode();
        api.put("openapi", "3.0.3");
        api.putObject("info").put("title", "riskmap OGC API – Features").put("version", "1.0.0")
                .put("description", "Hazard points, risk zones and shelters of the riskmap one-map (一张图) server, for GIS tools. "
                        + "Personal data (responsible_phone) is never returned to anonymous callers.");
        api.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode paths = api.putObject("paths");
        document(paths, "/", "Landing page", "getLandingPage", "application/json");
        document(paths, "/conformance", "Conformance classes implemented", "getConformance", "application/json");
        document(paths, "/api", "This API definition", "getApi", Negotiation.OPENAPI);
        document(paths, "/collections", "The feature collections", "getCollections", "application/json");
        withPathParams(document(paths, "/collections/{collectionId}", "One collection", "describeCollection", "application/json"), "collectionId");
        withPathParams(document(paths, "/collections/{collectionId}/queryables", "Queryable properties (JSON Schema)", "getQueryables", Negotiation.SCHEMA),
                "collectionId");
        withPathParams(document(paths, "/collections/{collectionId}/sortables", "Properties sortby accepts (JSON Schema)", "getSortables", Negotiation.SCHEMA),
                "collectionId");
        tiles(paths);
        for (FeatureCollection c : Collections.all()) {
            items(paths, c);
            item(paths, c);
        }
        components(api.putObject("components"));
        // anonymous reading is allowed (unless public_read=false); a token adds personal data and editing
        api.putArray("security").add(Json.MAPPER.createObjectNode()).addObject().putArray("bearerAuth");
        return api;
    }

    private static ObjectNode ref(String name) {
        return Json.MAPPER.createObjectNode().put("$ref", P + name);
    }

    private static ObjectNode document(ObjectNode paths, String path, String summary, String operationId, String jsonType) {
        ObjectNode item = paths.putObject(path);
        ObjectNode get = item.putObject("get").put("summary", summary).put("operationId", operationId);
        get.putArray("parameters").add(ref("f"));
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", summary);
        ok.putObject("content").set(jsonType, Json.MAPPER.createObjectNode().set("schema", Json.MAPPER.createObjectNode().put("type", "object")));
        ((ObjectNode) ok.get("content")).putObject("text/html").putObject("schema").put("type", "string");
        errors(responses);
        return item;
    }

    /** OGC API – Tiles: the tile matrix sets, each collection's tilesets and its MVT tiles, and the default style. */
    private static void tiles(ObjectNode paths) {
        document(paths, "/tileMatrixSets", "Tile matrix sets (WebMercatorQuad)", "getTileMatrixSetsList", "application/json");
        withPathParams(document(paths, "/tileMatrixSets/{tileMatrixSetId}", "One tile matrix set", "getTileMatrixSet", "application/json"), "tileMatrixSetId");
        withPathParams(document(paths, "/collections/{collectionId}/tiles", "A collection's vector tilesets", "getCollectionVectorTilesets", "application/json"),
                "collectionId");
        withPathParams(document(paths, "/collections/{collectionId}/tiles/{tileMatrixSetId}", "A collection's vector tileset (also ?f=tilejson, TileJSON 3.0.0)",
                "getCollectionVectorTileset", "application/json"), "collectionId", "tileMatrixSetId");
        ObjectNode get = paths.putObject("/collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}").putObject("get")
                .put("summary", "One Mapbox vector tile; an empty tile is a valid 0-byte MVT").put("operationId", "getCollectionVectorTile");
        ArrayNode params = get.putArray("parameters");
        for (String name : List.of("collectionId", "tileMatrix", "tileRow", "tileCol")) params.add(ref(name));
        ObjectNode responses = get.putObject("responses");
        responses.putObject("200").put("description", "the tile").putObject("content").putObject(TileHandler.MVT).putObject("schema")
                .put("type", "string").put("format", "binary");
        responses.putObject("304").put("description", "not modified (If-None-Match)");
        errors(responses);
        document(paths, "/styles/default", "The default MapLibre/Mapbox GL style: clusters by count, points by category and level", "getStyle", "application/json");
    }

    private static void withPathParams(ObjectNode pathItem, String... names) {
        ArrayNode params = (ArrayNode) pathItem.path("get").path("parameters");
        for (int i = names.length - 1; i >= 0; i--) params.insert(0, ref(names[i]));
    }

    private static void errors(ObjectNode responses) {
        for (String code : List.of("400", "404", "406", "500")) responses.putObject(code).put("$ref", "#/components/responses/Error");
    }

    private static void items(ObjectNode paths, FeatureCollection c) {
        ObjectNode path = paths.putObject("/collections/" + c.id() + "/items");
        if (editable(c)) write(path, "post", "Create a feature of " + c.id() + " (Part 4)", "create" + camel(c.id()) + "Feature", "201", false);
        ObjectNode get = path.putObject("get")
                .put("summary", "Features of " + c.id() + " (" + c.titleEn() + ")").put("operationId", "get" + camel(c.id()) + "Items");
        ArrayNode params = get.putArray("parameters");
        for (String p : List.of("limit", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs", "properties", "skipGeometry", "sortby", "cursor", "offset", "f")) {
            params.add(ref(p));
        }
        params.addObject().put("name", "id").put("in", "query").put("description", "feature id equals").putObject("schema").put("type", "string");
        for (Column col : c.readableColumns(false)) {
            ObjectNode schema = params.addObject().put("name", col.name()).put("in", "query").put("description", col.description() + " (equals)")
                    .put("style", "form").put("explode", false).putObject("schema");
            switch (col.type()) {
                case INTEGER -> schema.put("type", "integer");
                case TIMESTAMP -> schema.put("type", "string").put("format", "date-time");
                default -> schema.put("type", "string");
            }
        }
        ObjectNode responses = get.putObject("responses");
        ObjectNode content = responses.putObject("200").put("description", "a page of features, with next/prev links").putObject("content");
        content.putObject(Negotiation.GEOJSON).putObject("schema").put("$ref", "#/components/schemas/FeatureCollection");
        content.putObject("text/html").putObject("schema").put("type", "string");
        for (Negotiation.Offer file : Negotiation.FILES) content.putObject(file.mediaType()).putObject("schema").put("type", "string").put("format", "binary");
        errors(responses);
    }

    private static void item(ObjectNode paths, FeatureCollection c) {
        ObjectNode path = paths.putObject("/collections/" + c.id() + "/items/{featureId}");
        if (editable(c)) {
            write(path, "put", "Replace a feature of " + c.id() + " (Part 4)", "replace" + camel(c.id()) + "Feature", "200", true);
            write(path, "patch", "Update a feature of " + c.id() + " with a JSON Merge Patch (Part 4)", "update" + camel(c.id()) + "Feature", "200", true);
            write(path, "delete", "Delete a feature of " + c.id() + " (Part 4)", "delete" + camel(c.id()) + "Feature", "204", true);
        }
        ObjectNode get = path.putObject("get")
                .put("summary", "One feature of " + c.id()).put("operationId", "get" + camel(c.id()) + "Feature");
        get.putArray("parameters").add(ref("featureId")).add(ref("crs")).add(ref("f"));
        ObjectNode responses = get.putObject("responses");
        ObjectNode content = responses.putObject("200").put("description", "the feature").putObject("content");
        content.putObject(Negotiation.GEOJSON).putObject("schema").put("$ref", "#/components/schemas/Feature");
        content.putObject("text/html").putObject("schema").put("type", "string");
        errors(responses);
    }

    /** The category views (landslide, flood, forest_fire) are read-only: their features are edited through hazards. */
    private static boolean editable(FeatureCollection c) {
        return riskmap.edit.FeatureSchema.byId(c.id()).isPresent();
    }

    /** A Part 4 operation: token required, If-Match on an existing feature, a GeoJSON Feature body except for delete. */
    private static void write(ObjectNode path, String method, String summary, String operationId, String okStatus, boolean existing) {
        ObjectNode op = path.putObject(method).put("summary", summary).put("operationId", operationId);
        op.putArray("security").addObject().putArray("bearerAuth");
        ArrayNode params = op.putArray("parameters");
        if (existing) {
            params.add(ref("featureId"));
            params.addObject().put("name", "If-Match").put("in", "header").put("required", true)
                    .put("description", "the ETag of the version edited, as GET returned it").putObject("schema").put("type", "string");
        }
        if (!method.equals("delete")) {
            ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
            content.putObject(Negotiation.GEOJSON).putObject("schema").put("$ref", "#/components/schemas/Feature");
            if (method.equals("patch")) content.putObject("application/merge-patch+json").putObject("schema").put("type", "object");
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject(okStatus).put("description", method.equals("delete") ? "deleted" : "the stored feature, with its new ETag");
        for (String code : List.of("400", "401", "403", "404", "412", "428")) responses.putObject(code).put("$ref", "#/components/responses/Error");
    }

    private static void components(ObjectNode components) {
        ObjectNode p = components.putObject("parameters");
        ArrayNode ids = query(p, "collectionId", "path", "collection id", "string").with("schema").putArray("enum");
        p.with("collectionId").put("required", true);
        Collections.all().forEach(c -> ids.add(c.id()));
        query(p, "featureId", "path", "feature id", "string").put("required", true);
        query(p, "tileMatrixSetId", "path", "tile matrix set id", "string").put("required", true).with("schema").putArray("enum").add(TilesHandler.TMS_ID);
        query(p, "tileMatrix", "path", "zoom level 0 to " + TileParams.MAX_ZOOM, "integer").put("required", true);
        query(p, "tileRow", "path", "row (y), from the top", "integer").put("required", true);
        query(p, "tileCol", "path", "column (x), from the left", "integer").put("required", true);
        ArrayNode formats = query(p, "f", "query", "format: json (GeoJSON for features) or html, and for items the downloads csv, kml, fgb (FlatGeobuf), gpkg"
                + " (GeoPackage) and shp (a zipped Shapefile with a UTF-8 .cpg), each one file of every match up to " + ItemsRequest.FILE_MAX + " (or the limit given); otherwise the Accept header decides", "string")
                .with("schema").putArray("enum");
        Negotiation.ITEMS.stream().map(Negotiation.Offer::format).distinct().forEach(f -> f.names().forEach(formats::add));
        // style form / explode false: /req/core/fc-limit-definition and the datetime definition of Part 1
        query(p, "limit", "query", "features per page: 1 to " + ItemsRequest.MAX_LIMIT + " (larger values are clamped)", "integer")
                .put("style", "form").put("explode", false)
                .with("schema").put("minimum", 1).put("maximum", ItemsRequest.MAX_LIMIT).put("default", ItemsRequest.DEFAULT_LIMIT);
        ObjectNode bbox = query(p, "bbox", "query", "minx,miny,maxx,maxy (or 6 numbers with heights, ignored) in bbox-crs, CRS84 by default", "array");
        bbox.put("style", "form").put("explode", false);
        bbox.with("schema").put("minItems", 4).put("maxItems", 6).putObject("items").put("type", "number");
        for (String name : List.of("bbox-crs", "crs", "filter-crs")) {
            ArrayNode e = query(p, name, "query", name + ": one of the CRS URIs listed in the collection's crs", "string").with("schema").putArray("enum");
            Crs.uris().forEach(e::add);
        }
        query(p, "datetime", "query", "updated_at: an instant, a date, or an interval start/end with .. for an open end", "string")
                .put("style", "form").put("explode", false);
        query(p, "filter", "query", "CQL2 filter over the queryables, e.g. risk_level >= 3 AND S_INTERSECTS(geometry, BBOX(106,29,107,30)), or its CQL2 JSON form with filter-lang=cql2-json", "string");
        query(p, "filter-lang", "query", "cql2-text (cql-text, the name GDAL and QGIS send, is read as cql2-text) or cql2-json", "string")
                .with("schema").put("default", "cql2-text").putArray("enum").add("cql2-text").add("cql-text").add("cql2-json");
        ObjectNode properties = query(p, "properties", "query", "only these properties in each feature, comma-separated names from the queryables (Part 6 property selection)", "array");
        properties.put("style", "form").put("explode", false);
        properties.with("schema").putObject("items").put("type", "string");
        query(p, "skipGeometry", "query", "true: every feature carries \"geometry\": null", "boolean").with("schema").put("default", false);
        ObjectNode sortby = query(p, "sortby", "query", "sort keys from the sortables, comma-separated, - for descending (e.g. -risk_level,name); "
                + "the id breaks ties, and sorted pages follow offset", "array");
        sortby.put("style", "form").put("explode", false);
        sortby.with("schema").putObject("items").put("type", "string").put("pattern", "^[+-]?[a-z_]+$");
        query(p, "cursor", "query", "opaque paging position; follow next/prev links", "string");
        query(p, "offset", "query", "features to skip (prefer the next links)", "integer").with("schema").put("minimum", 0);
        ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
        error.putArray("required").add("error").add("detail");
        error.putObject("properties").putObject("error").put("type", "string");
        error.with("properties").putObject("detail").put("type", "string");
        ObjectNode fc = components.with("schemas").putObject("FeatureCollection").put("type", "object");
        fc.putArray("required").add("type").add("features");
        fc.putObject("properties").putObject("type").putArray("enum").add("FeatureCollection");
        fc.with("properties").putObject("features").put("type", "array").putObject("items").put("$ref", "#/components/schemas/Feature");
        fc.with("properties").putObject("numberMatched").put("type", "integer").put("minimum", 0);
        fc.with("properties").putObject("numberReturned").put("type", "integer").put("minimum", 0);
        fc.with("properties").putObject("timeStamp").put("type", "string").put("format", "date-time");
        fc.with("properties").putObject("links").put("type", "array").putObject("items").put("type", "object");
        ObjectNode f = components.with("schemas").putObject("Feature").put("type", "object");
        f.putArray("required").add("type").add("geometry").add("properties");
        f.putObject("properties").putObject("type").putArray("enum").add("Feature");
        f.with("properties").putObject("id").put("type", "string");
        f.with("properties").putObject("geometry").put("type", "object").put("nullable", true);
        f.with("properties").putObject("properties").put("type", "object").put("nullable", true);
        components.putObject("securitySchemes").putObject("bearerAuth").put("type", "http").put("scheme", "bearer")
                .put("description", "an account token from `riskmap token create`, sent as Authorization: Bearer <token>");
        ObjectNode errResponse = components.putObject("responses").putObject("Error").put("description", "refused or failed: {error, detail}");
        errResponse.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
    }

    private static ObjectNode query(ObjectNode params, String name, String in, String description, String type) {
        ObjectNode o = params.putObject(name).put("name", name).put("in", in).put("description", description);
        o.putObject("schema").put("type", type);
        return o;
    }

    private static String camel(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("_")) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return b.toString();
    }
}
