package riskmap.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.Json;
import riskmap.ogc.Links.Link;
import riskmap.ogc.Negotiation.Format;
import riskmap.ogc.Negotiation.Offer;
import riskmap.store.Collections;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;
import riskmap.store.OgcSql;
import riskmap.store.Sql;
import riskmap.domain.Crs;

/**
 * {@code /ogc/collections}, {@code /ogc/collections/{collectionId}} and its
 * {@code /queryables}: collection descriptions with extents computed from the data.
 *
 * <p>Extents (ST_Extent of the geometries, min/max of updated_at) cost a scan of the collection,
 * so each is kept for {@link #EXTENT_TTL_MS} ms: a GIS tool opening every layer does not rescan
 * the tables, and an edit shows in the extent within that time.
 */
public final class CollectionsHandler {
    static final long EXTENT_TTL_MS = 30_000;
    static final String TRS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";

    /** A collection's extent; all null when it is empty. */
    record Extent(Double minX, Double minY, Double maxX, Double maxY, Instant first, Instant last, long loadedAtMs) {
    }

    private final DataSource ds;
    private final Map<String, Extent> extents = new ConcurrentHashMap<>();

    public CollectionsHandler(DataSource ds) {
        this.ds = ds;
    }

    /** The collection named by the {@code collectionId} path parameter, or 404. */
    static FeatureCollection find(Context ctx) {
        String id = ctx.pathParam("collectionId");
        return Collections.byId(id).orElseThrow(() -> ApiException.notFound("no collection '" + id + "'; the collections are "
                + String.join(", ", Collections.all().stream().map(FeatureCollection::id).toList()) + " (see /ogc/collections)"));
    }

    public void collections(Context ctx) throws Exception {
        Offer offer = Negotiation.choose(ctx, Negotiation.DOCUMENT);
        Links links = Links.of(ctx);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        Links.toJson(doc, List.of(
                new Link(links.url("/collections", ctx, Links.changes()), "self", offer.mediaType(), "the collections"),
                new Link(links.url("/collections", ctx, Links.changes("f", offer.format() == Format.HTML ? "json" : "html")), "alternate",
                        offer.format() == Format.HTML ? Negotiation.JSON : Negotiation.HTML, "the collections as " + (offer.format() == Format.HTML ? "JSON" : "HTML"))));
        ArrayNode list = doc.putArray("collections");
        for (FeatureCollection c : Collections.all()) list.add(describe(c, links));
        if (offer.format() == Format.HTML) {
            OgcPages.collections(ctx, links, list);
            return;
        }
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(doc));
    }

    public void collection(Context ctx) throws Exception {
        FeatureCollection c = find(ctx);
        Offer offer = Negotiation.choose(ctx, Negotiation.DOCUMENT);
        Links links = Links.of(ctx);
        ObjectNode doc = describe(c, links);
        if (offer.format() == Format.HTML) {
            OgcPages.collection(ctx, links, doc);
            return;
        }
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(doc));
    }

    /** JSON Schema of what {@code filter} and property parameters may name (Part 3). */
    public void queryables(Context ctx) throws Exception {
        FeatureCollection c = find(ctx);
        Offer offer = Negotiation.choose(ctx, Negotiation.QUERYABLES);
        Links links = Links.of(ctx);
        ObjectNode schema = queryablesSchema(c, links.url("/collections/" + c.id() + "/queryables"), Auth.visibility(ctx).anyPersonal());
        if (offer.format() == Format.HTML) {
            OgcPages.queryables(ctx, links, c, schema, "queryables", "Use these names in <code>filter</code> (CQL2 text) or as <code>name=value</code> parameters.");
            return;
        }
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(schema));
    }

    /** {@code /sortables} (Part 8 draft): the names {@code sortby} accepts, as a JSON Schema like the queryables. */
    public void sortables(Context ctx) throws Exception {
        FeatureCollection c = find(ctx);
        Offer offer = Negotiation.choose(ctx, Negotiation.QUERYABLES);
        Links links = Links.of(ctx);
        ObjectNode schema = schema(c, links.url("/collections/" + c.id() + "/sortables"));
        schema.with("properties").putObject("id").put("title", "feature id").put("type", "string");
        describeColumns(schema, SortBy.sortables(c));
        if (offer.format() == Format.HTML) {
            OgcPages.queryables(ctx, links, c, schema, "sortables", "Use these names in <code>sortby</code>, e.g. <code>sortby=-risk_level,name</code>.");
            return;
        }
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(schema));
    }

    private static ObjectNode schema(FeatureCollection c, String id) {
        ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("type", "object");
        schema.put("title", c.titleZh() + " · " + c.titleEn());
        schema.putObject("properties");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void describeColumns(ObjectNode schema, List<Column> columns) {
        for (Column col : columns) {
            ObjectNode p = schema.with("properties").putObject(col.name()).put("title", col.name()).put("description", col.description());
            switch (col.type()) {
                case INTEGER -> p.put("type", "integer");
                case TIMESTAMP -> p.put("type", "string").put("format", "date-time");
                default -> p.put("type", "string");
            }
        }
    }

    static ObjectNode queryablesSchema(FeatureCollection c, String id, boolean withPersonal) {
        ObjectNode schema = schema(c, id);
        ObjectNode props = schema.with("properties");
        props.putObject("id").put("title", "feature id").put("type", "string");
        props.putObject("geometry").put("title", "geometry (CRS84 unless filter-crs says otherwise)")
                .put("format", "geometry-" + c.geometryType().toLowerCase(java.util.Locale.ROOT))
                .put("$ref", "https://geojson.org/schema/" + c.geometryType() + ".json");
        describeColumns(schema, c.readableColumns(withPersonal));
        return schema;
    }

    ObjectNode describe(FeatureCollection c, Links links) throws SQLException, IOException {
        String path = "/collections/" + c.id();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.id());
        o.put("title", c.titleZh() + " · " + c.titleEn());
        o.put("description", c.titleEn() + " (" + c.geometryType() + " features)");
        o.put("itemType", "feature");
        Extent e = extent(c);
        ObjectNode extent = o.putObject("extent");
        if (e.minX() != null) {
            ObjectNode spatial = extent.putObject("spatial");
            spatial.putArray("bbox").addArray().add(e.minX()).add(e.minY()).add(e.maxX()).add(e.maxY());
            spatial.put("crs", Crs.CRS84.uri());
        }
        if (e.first() != null) {
            ObjectNode temporal = extent.putObject("temporal");
            temporal.putArray("interval").addArray().add(DateTimeFormatter.ISO_INSTANT.format(e.first())).add(DateTimeFormatter.ISO_INSTANT.format(e.last()));
            temporal.put("trs", TRS);
        }
        ArrayNode crs = o.putArray("crs");
        Crs.uris().forEach(crs::add);
        o.put("storageCrs", Crs.CRS84.uri());
        List<Link> rel = new ArrayList<>();
        rel.add(new Link(links.url(path), "self", Negotiation.JSON, "this collection"));
        rel.add(new Link(links.url(path) + "?f=html", "alternate", Negotiation.HTML, "this collection as HTML"));
        rel.add(new Link(links.url(path + "/items"), "items", Negotiation.GEOJSON, "the features"));
        rel.add(new Link(links.url(path + "/items?f=html"), "items", Negotiation.HTML, "the features as HTML"));
        for (Offer file : Negotiation.FILES) {
            rel.add(new Link(links.url(path + "/items?f=" + file.format().fileName()), "items", file.mediaType(), "the features as " + file.format().title() + " (one file)"));
        }
        rel.add(new Link(links.url(path + "/queryables"), "http://www.opengis.net/def/rel/ogc/1.0/queryables", Negotiation.SCHEMA, "queryable properties"));
        rel.add(new Link(links.url(path + "/tiles"), "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", Negotiation.JSON, "vector tilesets (OGC API – Tiles)"));
        rel.add(new Link(links.url(path + "/tiles/" + TilesHandler.TMS_ID + "?f=tilejson"), "describedby", Negotiation.TILEJSON, "the vector tiles as TileJSON 3.0.0"));
        rel.add(new Link(links.url("/styles/default"), "http://www.opengis.net/def/rel/ogc/1.0/styles", Negotiation.MAPBOX_STYLE, "the default MapLibre / Mapbox GL style"));
        Links.toJson(o, rel);
        return o;
    }

    Extent extent(FeatureCollection c) throws SQLException, IOException {
        Extent cached = extents.get(c.id());
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.loadedAtMs() < EXTENT_TTL_MS) return cached;
        Extent[] e = new Extent[1];
        Sql.query(ds, OgcSql.extent(c), rs -> {
            Timestamp first = rs.getTimestamp(5), last = rs.getTimestamp(6);
            e[0] = new Extent(nullable(rs.getDouble(1), rs.wasNull()), nullable(rs.getDouble(2), rs.wasNull()),
                    nullable(rs.getDouble(3), rs.wasNull()), nullable(rs.getDouble(4), rs.wasNull()),
                    first == null ? null : first.toInstant(), last == null ? null : last.toInstant(), now);
        });
        extents.put(c.id(), e[0]);
        return e[0];
    }

    private static Double nullable(double v, boolean wasNull) {
        return wasNull ? null : v;
    }
}
