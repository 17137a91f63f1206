package riskmap.ogc;

import io.javalin.http.Context;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import riskmap.cql2.Cql2Exception;
import riskmap.cql2.Cql2Json;
import riskmap.cql2.Cql2Parser;
import riskmap.cql2.Expr;
import riskmap.domain.ApiException;
import riskmap.http.param.QueryParams;
import riskmap.auth.Visibility;
import riskmap.store.FeatureSql;
import riskmap.store.Column;
import riskmap.store.Cql2Sql;
import riskmap.store.FeatureCollection;
import riskmap.store.OgcSql;
import riskmap.store.PageOrder;
import riskmap.store.SortKey;
import riskmap.store.SqlFragment;
import riskmap.domain.Crs;
import riskmap.domain.Bbox;

/**
 * A checked {@code /items} request: every parameter parsed and validated before any SQL runs or
 * any byte is written. Unknown parameters are refused (400 naming them), as Part 1 allows, so a
 * misspelt filter never silently returns everything.
 *
 * @param limit      page size: default 10, at least 1, larger than {@link #MAX_LIMIT} clamped to it; for a download
 *                   format (CSV, KML, FlatGeobuf, GeoPackage) default and maximum are {@link #FILE_MAX}
 * @param offset     rows skipped (only without a cursor)
 * @param cursor     keyset position from a next/prev link, or null
 * @param properties property equality filters, column → typed value
 * @param filter     parsed CQL2 text filter, or null
 * @param returned   the properties each feature carries ({@code properties=a,b}, Part 6 property selection), all readable ones by default
 * @param skipGeometry {@code skipGeometry=true}: features carry {@code "geometry": null} and no geometry is read or encoded
 * @param sortby     {@code sortby} keys, empty for id or geohash order ({@link #order()}); sorted pages are paged by offset, not by cursor
 */
public record ItemsRequest(FeatureCollection collection, int limit, long offset, Cursor cursor, Bbox bbox, TimeInterval datetime,
                           Map<Column, Object> properties, String idEquals, Expr filter, Crs filterCrs, Crs crs,
                           List<Column> returned, boolean skipGeometry, List<SortKey> sortby) {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    /** The most features one download (f=csv, kml, fgb, gpkg) holds: a file is meant whole, not paged through. */
    public static final int FILE_MAX = 100_000;
    static final long MAX_OFFSET = 100_000_000L;
    /** Parameters every items request may carry, besides one per queryable property. */
    public static final List<String> STANDARD = List.of("f", "limit", "offset", "cursor", "bbox", "bbox-crs", "datetime", "crs",
            "filter", "filter-lang", "filter-crs", "properties", "skipGeometry", "sortby");

    /** true for cql2-json; cql2-text is the default, and cql-text (what GDAL and QGIS send) is its older name. */
    private static boolean json(String lang) {
        if (lang == null || lang.equals("cql2-text") || lang.equals("cql-text")) return false;
        if (lang.equals("cql2-json")) return true;
        throw ApiException.invalidParameter("filter-lang", "unsupported '" + lang + "'; this server reads cql2-text (cql-text is taken as its older name) and cql2-json");
    }

    /** Parses and checks the request, for a download format when {@code file}; anonymous callers never see or filter on personal data. */
    public static ItemsRequest parse(Context ctx, FeatureCollection c, Visibility visibility, boolean file) {
        QueryParams q = new QueryParams(ctx);
        Set<String> unknown = new TreeSet<>();
        Map<Column, Object> properties = new LinkedHashMap<>();
        String idEquals = null;
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            for (String v : e.getValue()) {
                if (v.indexOf('\0') >= 0) throw ApiException.invalidParameter(name, "contains a NUL character");
            }
            if (STANDARD.contains(name)) continue;
            if (name.equals("id")) {
                idEquals = q.raw("id");
                continue;
            }
            Column col = c.column(name).orElse(null);
            if (col == null) {
                unknown.add(name);
            } else if (col.personal() && !visibility.anyPersonal()) {
                throw ApiException.invalidParameter(name, "is personal data, readable and filterable only by accounts with read_personal");
            } else {
                String v = q.raw(name);
                if (v != null) properties.put(col, typed(col, v));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalidParameter(String.join(", ", unknown), "unknown parameter for collection " + c.id() + "; use "
                    + String.join(", ", STANDARD) + ", or a property: id, " + String.join(", ", c.readableColumns(visibility.anyPersonal()).stream().map(Column::name).toList()));
        }
        int limit = file ? limit(q.raw("limit"), FILE_MAX, FILE_MAX) : limit(q.raw("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Cursor cursor = Cursor.decode(q.raw("cursor"));
        long offset = q.raw("offset") == null ? 0 : q.optionalInt("offset", 0, (int) Math.min(Integer.MAX_VALUE, MAX_OFFSET)).getAsInt();
        if (cursor != null && offset > 0) throw ApiException.invalidParameter("offset", "cannot be combined with cursor; follow the next/prev links unchanged");
        List<SortKey> sortby = SortBy.parse(q.raw("sortby"), c);
        if (cursor != null && !sortby.isEmpty()) throw ApiException.invalidParameter("cursor", "pages unsorted results; sorted pages (sortby) follow offset, as their next/prev links do");
        Crs bboxCrs = Crs.parse("bbox-crs", q.raw("bbox-crs"));
        if (q.raw("bbox-crs") != null && q.raw("bbox") == null) throw ApiException.invalidParameter("bbox-crs", "is only meaningful with bbox");
        Bbox bbox = Bbox.parse(q.raw("bbox"), bboxCrs);
        TimeInterval datetime = TimeInterval.parse(q.raw("datetime"));
        Crs crs = Crs.parse("crs", q.raw("crs"));
        if (file && crs != Crs.CRS84) throw ApiException.invalidParameter("crs", "download formats are written in CRS84 (lon/lat, as KML requires); drop crs, or use f=json for " + crs.uri());
        if (file && q.flag("skipGeometry")) throw ApiException.invalidParameter("skipGeometry", "download formats always carry the geometry; drop skipGeometry");
        boolean json = json(q.raw("filter-lang"));
        Crs filterCrs = Crs.parse("filter-crs", q.raw("filter-crs"));
        String text = q.raw("filter");
        Expr filter = null;
        if (text != null) {
            try {
                filter = json ? Cql2Json.parse(text) : Cql2Parser.parse(text);
            } catch (Cql2Exception e) {
                throw ApiException.invalidParameter("filter", (json ? "not valid CQL2 JSON: " : "not valid CQL2 text: ") + e.getMessage());
            }
        }
        ItemsRequest r = new ItemsRequest(c, limit, offset, cursor, bbox, datetime, properties, idEquals, filter, filterCrs, crs,
                returned(q, c, visibility), q.flag("skipGeometry"), sortby);
        r.filters(visibility); // type-checks the filter now, before anything is written
        if (cursor != null && (cursor.key().geohash() == null) != r.order().byId()) {
            throw ApiException.invalidParameter("cursor", "belongs to pages in another order (pages with a bbox over hazard points go in geohash order,"
                    + " others in id order); follow the next/prev links of this request unchanged, or drop cursor to start at the first page");
        }
        return r;
    }

    /** The key a next link's page starts after, or null. */
    public PageOrder.Key after() {
        return cursor != null && cursor.forward() ? cursor.key() : null;
    }

    /** The key a prev link's page ends before, or null. */
    public PageOrder.Key before() {
        return cursor != null && !cursor.forward() ? cursor.key() : null;
    }

    /** The readable columns named by {@code properties}, in the collection's order; all readable ones when absent. */
    private static List<Column> returned(QueryParams q, FeatureCollection c, Visibility visibility) {
        List<Column> readable = c.readableColumns(visibility.anyPersonal());
        if (q.raw("properties") == null) return readable;
        List<String> names = q.listOf("properties", readable.stream().map(Column::name).toList());
        return readable.stream().filter(col -> names.contains(col.name())).toList();
    }

    private static int limit(String v, int defaultLimit, int max) {
        if (v == null) return defaultLimit;
        if (!v.matches("\\+?\\d{1,100}")) throw ApiException.invalidParameter("limit", "must be a whole number from 1 to " + max + ", got '" + v + "'");
        BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        if (n.signum() == 0) throw ApiException.invalidParameter("limit", "must be at least 1, got '" + v + "'");
        // Part 1: a limit above the server's maximum is not an error; the maximum is used instead
        return n.compareTo(BigInteger.valueOf(max)) > 0 ? max : n.intValue();
    }

    private static Object typed(Column col, String v) {
        switch (col.type()) {
            case INTEGER -> {
                try {
                    return Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw ApiException.invalidParameter(col.name(), "must be a whole number, got '" + v + "'");
                }
            }
            case TIMESTAMP -> {
                try {
                    return OffsetDateTime.parse(v.replace(' ', '+'));
                } catch (DateTimeParseException e) {
                    throw ApiException.invalidParameter(col.name(), "must be an RFC 3339 date-time such as 2024-05-01T08:00:00Z, got '" + v
                            + "' (for ranges use datetime or filter)");
                }
            }
            default -> {
                return v;
            }
        }
    }

    /** True when anything narrows the collection (so numberMatched is always counted). */
    public boolean filtered() {
        return bbox != null || datetime != null || !properties.isEmpty() || idEquals != null || filter != null;
    }

    /**
     * The order pages walk the matches in: with a bbox in lon/lat over a collection that has a
     * geohash (V41) and no sortby, geohash order along the box's cover; otherwise id order.
     */
    public PageOrder order() {
        if (bbox == null || !collection.geohashed() || !sortby.isEmpty() || bbox.crs().srid() != OgcSql.STORAGE_SRID) return PageOrder.BY_ID;
        return PageOrder.geohash(bbox.minX(), bbox.minY(), bbox.maxX(), bbox.maxY(), bboxFilter());
    }

    private SqlFragment bboxFilter() {
        return OgcSql.bbox(bbox.minX(), bbox.minY(), bbox.maxX(), bbox.maxY(), bbox.crs().srid(), collection.geometryType().equals("Point"));
    }

    /** The WHERE conditions of this request, excluding paging: the rows {@code v} may read that match. */
    public List<SqlFragment> filters(Visibility v) {
        List<SqlFragment> where = new ArrayList<>();
        where.add(FeatureSql.visibleRows(v));
        if (bbox != null) where.add(bboxFilter());
        if (datetime != null) where.add(OgcSql.updatedBetween(datetime.from(), datetime.to(), datetime.toInclusive()));
        properties.forEach((col, value) -> where.add(OgcSql.propertyEquals(col, v, value)));
        if (idEquals != null) where.add(OgcSql.idEquals(idEquals));
        if (filter != null) where.add(Cql2Sql.where(filter, collection, v, filterCrs.srid(), filterCrs.latLon()));
        return where;
    }
}
