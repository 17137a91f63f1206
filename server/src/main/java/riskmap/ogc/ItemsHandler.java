package riskmap.ogc;

import io.javalin.http.Context;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.auth.Visibility;
import riskmap.http.Auth;
import riskmap.importers.Exporter;
import riskmap.geojson.GeoJsonWriter;
import riskmap.http.param.QueryParams;
import riskmap.ogc.Links.Link;
import riskmap.ogc.Negotiation.Format;
import riskmap.ogc.Negotiation.Offer;
import riskmap.store.FeatureCollection;
import riskmap.store.OgcSql;
import riskmap.store.PageOrder;
import riskmap.store.PageOrder.Key;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;
import riskmap.domain.Crs;

/**
 * {@code /ogc/collections/{collectionId}/items} and {@code …/items/{featureId}}: features as
 * GeoJSON (streamed row by row from a database cursor) or as an HTML page.
 *
 * <p>Paging is keyset paging on the feature's key in the request's {@link PageOrder} (its id; or,
 * with a bbox over hazard points, its geohash and id): {@code next} carries a cursor "after the
 * last key of this page", {@code prev} "before the first key", so following the links visits each
 * feature exactly once even while others are inserted. Links are written after the features,
 * once the page's first and last keys are known.
 *
 * <p>{@code numberMatched} is exact whenever at most {@link #COUNT_CAP} features match; beyond
 * that it is omitted (Part 1 allows it), so no request costs more than counting that many index
 * entries. A page of hazard points whose only filter is a bbox is counted from the geohash cells
 * the write path keeps (V43), exactly and at any size. For an unfiltered whole
 * table the planner's estimate (pg_class.reltuples) decides whether to count at all.
 *
 * <p>Download formats ({@code f=csv|kml|fgb|gpkg|shp}) take the same filters but are one file, not a
 * page: without {@code limit} the file holds every match, and more than
 * {@link ItemsRequest#FILE_MAX} matches are refused (400) rather than cut silently; with
 * {@code limit} (up to that bound) and {@code offset} or {@code cursor} they page as GeoJSON does.
 */
public final class ItemsHandler {
    static final long COUNT_CAP = 100_000;
    private final DataSource ds;
    /** Connections that plan without bitmap scans, for pages in geohash order ({@link riskmap.store.Sql#streamFromIndexScans}). */
    private final DataSource indexScanReads;
    /** One item by id: its ETag is what an edit sends back in If-Match, so it must not come from a replica behind the last edit. */
    private final DataSource primary;
    private final Exporter exporter;

    public ItemsHandler(DataSource reads, DataSource indexScanReads, DataSource primary) {
        this.ds = reads;
        this.indexScanReads = indexScanReads;
        this.primary = primary;
        this.exporter = new Exporter(reads);
    }

    public void items(Context ctx) throws Exception {
        FeatureCollection c = CollectionsHandler.find(ctx);
        Offer offer = Negotiation.choose(ctx, Negotiation.ITEMS);
        Visibility visibility = Auth.visibility(ctx);
        ItemsRequest r = ItemsRequest.parse(ctx, c, visibility, offer.format().file());
        List<SqlFragment> filters = r.filters(visibility);
        if (offer.format().file()) {
            download(ctx, c, r, filters, visibility, offer.format());
            return;
        }
        PageOrder order = r.order();
        Links links = Links.of(ctx);
        if (offer.format() == Format.HTML) {
            SqlFragment page = OgcSql.page(c, filters, order, r.after(), r.before(), r.sortby(), r.offset(), r.limit(), visibility, r.crs().srid(), r.crs().latLon(),
                    r.returned(), !r.skipGeometry());
            // the HTML page links by cursor, which pages unsorted results only: a sorted page shows no paging links
            inPageSnapshot(order, conn -> new ItemsPage(ds, links).write(ctx, conn, c, page, order,
                    (first, last) -> r.sortby().isEmpty() ? neighbours(conn, c, filters, order, first, last) : new boolean[2]));
            return;
        }
        ctx.contentType(offer.mediaType());
        ctx.header("Content-Crs", "<" + r.crs().uri() + ">");
        try (GeoJsonWriter out = new GeoJsonWriter(ctx.outputStream())) {
            out.startCollection();
            out.json().writeStringField("timeStamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            out.startFeatures();
            ItemsGeoJsonPage page = new ItemsGeoJsonPage(ctx, c, r, order, filters, visibility, links, offer, out);
            if (ItemsGeoJsonPage.alone(r, order, filters)) page.writeAlone(indexScanReads);
            else inPageSnapshot(order, page::write);
            out.endCollection();
        }
    }

    public void item(Context ctx) throws Exception {
        FeatureCollection c = CollectionsHandler.find(ctx);
        Offer offer = Negotiation.choose(ctx, Negotiation.FEATURES);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("f") && !name.equals("crs")) throw ApiException.invalidParameter(name, "unknown parameter for a single feature; use f or crs");
        }
        Crs crs = Crs.parse("crs", new QueryParams(ctx).raw("crs"));
        String id = ctx.pathParam("featureId");
        SqlFragment query = OgcSql.item(c, id, Auth.visibility(ctx), crs.srid(), crs.latLon());
        Links links = Links.of(ctx);
        if (offer.format() == Format.HTML) {
            new ItemsPage(primary, links).writeItem(ctx, c, id, query);
            return;
        }
        String path = "/collections/" + c.id() + "/items/" + Links.enc(id);
        GeoJsonWriter[] out = new GeoJsonWriter[1];
        Sql.stream(primary, query, rs -> {
            // headers are set only once the feature is known to exist: a missing one is a clean 404
            ctx.contentType(offer.mediaType());
            ctx.header("Content-Crs", "<" + crs.uri() + ">");
            ctx.header("ETag", "\"" + rs.getInt("_version") + "\"");
            out[0] = new GeoJsonWriter(ctx.outputStream());
            out[0].beginFeature(rs);
            Links.write(out[0].json(), List.of(
                    new Link(links.url(path, ctx, Links.changes()), "self", offer.mediaType(), "this feature"),
                    new Link(links.url(path, ctx, Links.changes("f", "html")), "alternate", Negotiation.HTML, "this feature as HTML"),
                    new Link(links.url("/collections/" + c.id()), "collection", Negotiation.JSON, c.titleZh() + " · " + c.titleEn())));
            out[0].endFeature();
        });
        if (out[0] == null) throw ApiException.notFound("no feature '" + id + "' in collection " + c.id() + "; list them at /ogc/collections/" + c.id() + "/items");
        out[0].close();
    }

    /** A download: the matching features as one file, streamed where the format allows. */
    private void download(Context ctx, FeatureCollection c, ItemsRequest r, List<SqlFragment> filters, Visibility v, Format f) throws Exception {
        PageOrder order = r.order();
        boolean[] tooMany = new boolean[1];
        if (ctx.queryParam("limit") == null) Sql.inReadTransaction(ds, conn -> tooMany[0] = numberMatched(conn, c, r, filters, order) == null);
        if (tooMany[0]) {
            throw ApiException.badRequest("too_many_features", "more than " + ItemsRequest.FILE_MAX + " features match, more than one " + f.title()
                    + " download holds; narrow them with bbox, datetime or filter, or page with limit (up to " + ItemsRequest.FILE_MAX + ") and offset");
        }
        ctx.contentType(Exporter.mediaType(f.fileName()));
        ctx.header("Content-Disposition", "attachment; filename=\"" + c.id() + "." + Exporter.extension(f.fileName()) + "\"");
        exporter.write(c, r.returned(), f.fileName(), extra -> OgcSql.filePage(c, filters, order, r.after(), r.before(), r.sortby(), r.offset(), r.limit(), v, r.returned(), extra),
                ctx.outputStream());
    }

    /** Reads of a page on one snapshot; in geohash order, from the runs' index ranges in order as its statements are written to. */
    private void inPageSnapshot(PageOrder order, Sql.ConnectionWork work) throws SQLException, IOException {
        Sql.inSnapshot(order.byId() ? ds : indexScanReads, work);
    }

    /** False when the planner's estimate alone says that more than {@link #COUNT_CAP} features match the unfiltered collection. */
    static boolean mayCount(Connection conn, FeatureCollection c, ItemsRequest r) throws SQLException, IOException {
        return r.filtered() || c.category() != null || longValue(conn, OgcSql.estimatedRows(c)) <= COUNT_CAP;
    }

    /** numberMatched, or null when more than {@link #COUNT_CAP} features match. */
    static Long numberMatched(Connection conn, FeatureCollection c, ItemsRequest r, List<SqlFragment> filters, PageOrder order) throws SQLException, IOException {
        if (!mayCount(conn, c, r)) return null;
        long n = longValue(conn, OgcSql.countAtMost(c, filters, order, COUNT_CAP));
        return n > COUNT_CAP ? null : n;
    }

    /** {whether a match lies before first, whether one lies after last}, in {@code order}. */
    static boolean[] neighbours(Connection conn, FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key first, Key last) throws SQLException, IOException {
        boolean[] r = new boolean[2];
        Sql.query(conn, OgcSql.neighbours(c, filters, order, first, last), rs -> {
            r[0] = rs.getBoolean(1);
            r[1] = rs.getBoolean(2);
        });
        return r;
    }

    static long longValue(Connection conn, SqlFragment q) throws SQLException, IOException {
        long[] v = {-1};
        Sql.query(conn, q, rs -> v[0] = rs.getLong(1));
        return v[0];
    }
}
