package riskmap.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.geojson.GeoJsonWriter;
import riskmap.ogc.Links.Link;
import riskmap.ogc.Negotiation.Offer;
import riskmap.store.FeatureCollection;
import riskmap.store.FeatureSql;
import riskmap.store.OgcSql;
import riskmap.store.PageOrder;
import riskmap.store.PageOrder.Key;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * One GeoJSON page of {@code /items}, written on one snapshot so that the page, its count and its
 * neighbours agree while others write: the features, {@code numberReturned}, {@code numberMatched}
 * and the links, which need the page's first and last keys.
 *
 * <p>An unsorted, countable page is one statement that also yields the count and the paging flags
 * over one scan of the matches. An offset page counted from the geohash cells needs no snapshot
 * beyond its one statement's ({@link #alone}). A cursor page counted from the cells is the page,
 * the cells' count and the neighbour checks instead.
 */
final class ItemsGeoJsonPage {
    private final Context ctx;
    private final FeatureCollection c;
    private final ItemsRequest r;
    private final List<SqlFragment> filters;
    private final Visibility visibility;
    private final Links links;
    private final Offer offer;
    private final GeoJsonWriter out;
    private final PageOrder order;
    private Key first;
    private Key last;
    /** From the counted page: the count (-1 without one), whether it is exact, and {a match before, a match after}. */
    private long counted = -1;
    private boolean exact;
    private final boolean[] around = new boolean[2];

    /** {@code order} is {@code r.order()}, which the caller has (a geohash order's cover takes a little computing). */
    ItemsGeoJsonPage(Context ctx, FeatureCollection c, ItemsRequest r, PageOrder order, List<SqlFragment> filters, Visibility visibility, Links links, Offer offer,
            GeoJsonWriter out) {
        this.ctx = ctx;
        this.c = c;
        this.r = r;
        this.filters = filters;
        this.visibility = visibility;
        this.links = links;
        this.offer = offer;
        this.out = out;
        this.order = order;
    }

    /** Whether the page is one statement ({@link OgcSql#countedFromCellsAlone}), which {@link #writeAlone} reads without a transaction. */
    static boolean alone(ItemsRequest r, PageOrder order, List<SqlFragment> filters) {
        return r.sortby().isEmpty() && OgcSql.countedFromCellsAlone(order, filters, r.after(), r.before());
    }

    /** The {@link #alone} page: its one statement, then the members after the features; the caller opened the array. */
    void writeAlone(DataSource ds) throws SQLException, IOException {
        Sql.streamFromIndexScans(ds, countedPage(), r.limit(), counting(feature()));
        finish(counted);
    }

    /** Writes the features array's rows and the members after it on {@code conn}'s snapshot; the caller opened the array. */
    void write(Connection conn) throws SQLException, IOException {
        boolean cells = OgcSql.countsFromCells(order, filters);
        Sql.RowHandler feature = feature();
        // an offset page counted from the cells is written alone; a cursor page of the cells is counted from them below
        if (r.sortby().isEmpty() && !cells && ItemsHandler.mayCount(conn, c, r)) Sql.stream(conn, countedPage(), counting(feature));
        boolean countedPage = counted >= 0 && exact;
        if (!countedPage) {
            Sql.stream(conn, OgcSql.jsonPage(c, filters, order, r.after(), r.before(), r.sortby(), r.offset(), r.limit(), visibility, r.crs().srid(),
                    r.crs().latLon(), r.returned(), !r.skipGeometry()), feature);
        }
        Long matched = countedPage ? Long.valueOf(counted)
                : cells ? Long.valueOf(ItemsHandler.longValue(conn, OgcSql.countFromCells(c, filters, order)))
                : counted > ItemsHandler.COUNT_CAP ? null : ItemsHandler.numberMatched(conn, c, r, filters, order);
        if (r.sortby().isEmpty() && !countedPage && first != null) System.arraycopy(ItemsHandler.neighbours(conn, c, filters, order, first, last), 0, around, 0, 2);
        finish(matched);
    }

    private Sql.RowHandler feature() {
        List<GeoJsonWriter.Text> texts = FeatureSql.texts(r.returned());
        return rs -> {
            String id = rs.getString(1);
            if (id == null) return; // the counted page's one row when it holds no feature
            last = new Key(order.byId() ? null : rs.getString("_key"), id);
            if (first == null) first = last;
            out.writeFeatureText(rs, texts);
        };
    }

    /** The page with its count and paging flags, the same on every row. */
    private SqlFragment countedPage() {
        return OgcSql.countedPage(c, filters, order, r.after(), r.before(), r.offset(), r.limit(), ItemsHandler.COUNT_CAP, visibility, r.crs().srid(),
                r.crs().latLon(), r.returned(), !r.skipGeometry());
    }

    /** {@code feature}, after taking the count and paging flags from the first row. */
    private Sql.RowHandler counting(Sql.RowHandler feature) {
        return rs -> {
            if (counted < 0) {
                counted = rs.getLong("_matched");
                exact = rs.getBoolean("_exact");
                around[0] = rs.getBoolean("_prev");
                around[1] = rs.getBoolean("_next");
            }
            feature.row(rs);
        };
    }

    /** Closes the features and writes numberReturned, numberMatched ({@code matched}, null to leave it out) and the links. */
    private void finish(Long matched) throws IOException {
        out.endFeatures();
        JsonGenerator json = out.json();
        json.writeNumberField("numberReturned", out.featuresWritten());
        if (matched != null) json.writeNumberField("numberMatched", matched);
        Links.write(json, links(matched));
    }

    private List<Link> links(Long matched) {
        String path = "/collections/" + c.id() + "/items";
        List<Link> l = new ArrayList<>();
        l.add(new Link(links.url(path, ctx, Links.changes()), "self", offer.mediaType(), "this page"));
        l.add(new Link(links.url(path, ctx, Links.changes("f", "html")), "alternate", Negotiation.HTML, "this page as HTML"));
        for (Offer file : Negotiation.FILES) {
            l.add(new Link(links.url(path, ctx, Links.changes("f", file.format().fileName(), "cursor", null, "offset", null, "limit", null)),
                    "alternate", file.mediaType(), "every match as " + file.format().title() + " (one file)"));
        }
        if (r.sortby().isEmpty()) {
            if (around[1]) l.add(paging(path, "next", "next page", "cursor", Cursor.after(last).encode(), "offset", null));
            if (around[0]) l.add(paging(path, "prev", "previous page", "cursor", Cursor.before(first).encode(), "offset", null));
        } else {
            // sorted pages: the id tiebreak makes the order total, so offsets page it without repeats or gaps
            long end = r.offset() + out.featuresWritten();
            if (out.featuresWritten() == r.limit() && (matched == null || end < matched)) l.add(paging(path, "next", "next page", "offset", Long.toString(end)));
            if (r.offset() > 0) l.add(paging(path, "prev", "previous page", "offset", Long.toString(Math.max(0, r.offset() - r.limit()))));
        }
        l.add(new Link(links.url("/collections/" + c.id()), "collection", Negotiation.JSON, c.titleZh() + " · " + c.titleEn()));
        return l;
    }

    private Link paging(String path, String rel, String title, String... changes) {
        return new Link(links.url(path, ctx, Links.changes(changes)), rel, Negotiation.GEOJSON, title);
    }
}
