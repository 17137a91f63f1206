package riskmap.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.store.PageOrder.Key;

/**
 * SQL of OGC API – Features: a page of items in id or geohash order (keyset paging, {@link PageOrder}), a single item, the
 * bounded match count, the neighbour checks behind {@code next}/{@code prev} links, and a
 * collection's extents. Clause builders return {@link SqlFragment}s over table alias {@code t};
 * table and column names come from {@link FeatureCollection}, values are always bound.
 *
 * <p>Output CRS: geometry is stored in EPSG:4326 (lon/lat). Another output CRS is produced by
 * {@code ST_Transform}; CRS whose axis order is latitude first (EPSG:4326, EPSG:4490 by the
 * EPSG definition) get {@code ST_FlipCoordinates}.
 */
public final class OgcSql {
    public static final int STORAGE_SRID = 4326;

    private OgcSql() {
    }

    /**
     * Features whose geometry intersects a box given in {@code srid} as x/y (lon/lat for
     * geographic CRS, already in that order). In a geographic CRS a box with minX &gt; maxX
     * crosses the antimeridian and is split in two.
     */
    public static SqlFragment bbox(double minX, double minY, double maxX, double maxY, int srid) {
        return bbox(minX, minY, maxX, maxY, srid, false);
    }

    /**
     * The same; for a collection of {@code points} and a box in the storage CRS the exact test is
     * the point's coordinates within the closed box (what ST_Intersects decides for a point, at a
     * third of its cost per match), after the index's box test.
     */
    public static SqlFragment bbox(double minX, double minY, double maxX, double maxY, int srid, boolean points) {
        if (minX > maxX) {
            SqlFragment both = SqlFragment.join(" OR ", List.of(bbox(minX, minY, 180, maxY, srid, points), bbox(-180, minY, maxX, maxY, srid, points)));
            return new SqlFragment("(" + both.sql() + ")", both.binds());
        }
        if (points && srid == STORAGE_SRID) {
            return SqlFragment.of("(t.geom && ST_MakeEnvelope(?, ?, ?, ?, " + srid + ") AND ST_X(t.geom) BETWEEN ? AND ? AND ST_Y(t.geom) BETWEEN ? AND ?)",
                    minX, minY, maxX, maxY, minX, maxX, minY, maxY);
        }
        String env = "ST_MakeEnvelope(?, ?, ?, ?, " + srid + ")";
        if (srid != STORAGE_SRID) env = "ST_Transform(" + env + ", " + STORAGE_SRID + ")";
        return SqlFragment.of("ST_Intersects(t.geom, " + env + ")", minX, minY, maxX, maxY);
    }

    /** {@code updated_at} from {@code from} (inclusive) to {@code to} (inclusive or not); null ends are open. */
    public static SqlFragment updatedBetween(Instant from, Instant to, boolean toInclusive) {
        List<SqlFragment> parts = new ArrayList<>();
        if (from != null && from.equals(to) && toInclusive) return SqlFragment.of("t.updated_at = ?", from.atOffset(ZoneOffset.UTC));
        if (from != null) parts.add(SqlFragment.of("t.updated_at >= ?", from.atOffset(ZoneOffset.UTC)));
        if (to != null) parts.add(SqlFragment.of(toInclusive ? "t.updated_at <= ?" : "t.updated_at < ?", to.atOffset(ZoneOffset.UTC)));
        return SqlFragment.join(" AND ", parts);
    }

    /** {@code t.id = value}. */
    public static SqlFragment idEquals(String id) {
        return SqlFragment.of("t.id = ?", id);
    }

    /** {@code column = value} as {@code v} sees the column; the column comes from the collection's whitelist. */
    public static SqlFragment propertyEquals(Column column, Visibility v, Object value) {
        return SqlFragment.of(FeatureSql.column(column, v) + " = ?", value);
    }

    /**
     * One page in {@code order}. Forward pages start after {@code after} (or skip {@code offset}
     * rows); backward pages take the {@code limit} rows just before {@code before}, read
     * descending and handed out ascending. Each row carries only {@code columns}, and a NULL
     * geometry unless {@code withGeometry}, then in geohash order {@code _key}. With {@code sort}
     * keys (sortby, id order only) the page is the one at {@code offset} in that order, the id last
     * so that the order is total and pages neither repeat nor skip a feature.
     */
    public static SqlFragment page(FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key after, Key before, List<SortKey> sort,
                                   long offset, int limit, Visibility v, int srid, boolean latLon, List<Column> columns, boolean withGeometry) {
        return page(c, filters, order, after, before, sort, offset, limit, FeatureSql.selectList(columns, v, srid, latLon, withGeometry) + order.keyColumn(), true);
    }

    /** The same page for GeoJSON: each column as text ({@link FeatureSql#textSelectList}), then in geohash order {@code _key}. */
    public static SqlFragment jsonPage(FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key after, Key before, List<SortKey> sort,
                                       long offset, int limit, Visibility v, int srid, boolean latLon, List<Column> columns, boolean withGeometry) {
        return page(c, filters, order, after, before, sort, offset, limit, FeatureSql.textSelectList(columns, v, srid, latLon, withGeometry) + order.keyColumn(), true);
    }

    /**
     * The same page for a download format: no GeoJSON geometry but the hidden columns of
     * {@code extra} ({@link ExportSql}), in the storage CRS, which is what the file writers read;
     * no {@code _key}, since a file has no paging links.
     */
    public static SqlFragment filePage(FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key after, Key before, List<SortKey> sort,
                                       long offset, int limit, Visibility v, List<Column> columns, ExportSql.Extra extra) {
        return page(c, filters, order, after, before, sort, offset, limit,
                FeatureSql.selectList(columns, v, STORAGE_SRID, false, false) + ExportSql.extraColumns(extra), false);
    }

    /**
     * @param idsFirst in id order, cut the page from the ids alone and read only its rows: with a
     *                 bbox the ids come from an index-only scan of the covering GiST (V36), where
     *                 the rows of every match would be read from the heap (a box of 260,000 of 10
     *                 million points: 110 ms instead of 470 ms). A page, not a whole file: a file's
     *                 every row is read anyway.
     */
    private static SqlFragment page(FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key after, Key before, List<SortKey> sort,
                                    long offset, int limit, String selectList, boolean idsFirst) {
        SqlFragment cursor = after != null ? order.compare("t", ">", after) : before != null ? order.compare("t", "<", before) : SqlFragment.EMPTY;
        // The page's rows are chosen first and encoded after: otherwise PostgreSQL would build the
        // GeoJSON of every match before the sort keeps only `limit` of them.
        String encode = "SELECT " + selectList + " FROM (";
        String direction = before != null ? " DESC" : "";
        String cut = " LIMIT ?" + (before != null ? "" : " OFFSET ?");
        String sorted = " ORDER BY " + order.keys("t", direction) + cut;
        String rows;
        List<Object> binds = new ArrayList<>();
        if (!order.byId()) {
            SqlFragment runs = order.runs(c, filters, cursor, "t.*", " ORDER BY " + order.keys("t", direction), before != null);
            binds.addAll(runs.binds());
            rows = "SELECT t.* FROM " + runs.sql() + cut; // the runs come in key order already: no ORDER BY, which would sort them all
        } else {
            SqlFragment w = matching(c, filters, cursor);
            binds.addAll(w.binds());
            if (!sort.isEmpty()) {
                List<String> keys = new ArrayList<>(sort.stream().map(SortKey::sql).toList());
                if (sort.stream().noneMatch(k -> k.column() == null)) keys.add("t.id");
                String by = " ORDER BY " + String.join(", ", keys);
                binds.addAll(List.of(limit, offset)); // sortby takes no cursor: always an offset
                return new SqlFragment(encode + "SELECT * FROM " + c.table() + " t" + w.whereClause() + by + " LIMIT ? OFFSET ?) t" + by, binds);
            }
            rows = idsFirst
                    ? "SELECT t.* FROM (SELECT t.id FROM " + c.table() + " t" + w.whereClause() + sorted + ") p JOIN " + c.table() + " t ON t.id = p.id"
                    : "SELECT * FROM " + c.table() + " t" + w.whereClause() + sorted;
        }
        binds.add(limit);
        if (before == null) binds.add(offset);
        // a forward page in geohash order leaves the runs in key order, which its LIMIT counts on already: sorting it again cost ~0.1 ms a page
        String sortedOut = order.byId() || before != null ? " ORDER BY " + order.keys("t", "") : "";
        return new SqlFragment(encode + rows + ") t" + sortedOut, binds);
    }

    /**
     * One page in {@code order} with its count and paging flags, from one pass over the matches:
     * the keys of at most {@code cap + 1} matches are read once, index-only (in id order through
     * the covering GiST index when the filter is a bbox, V36; in geohash order through the geohash
     * index, V41, testing no coordinate in the runs inside the box), and the page's rows are read
     * for the page alone, each column as text ({@link FeatureSql#textSelectList}), in geohash
     * order then {@code _key}. Every row carries
     * {@code _matched} (the matches, {@code cap + 1} meaning "more than cap"), {@code _prev} and
     * {@code _next} (a match lies before the page's first key / after its last): what a count and
     * the neighbour queries of {@link #page} and {@link #neighbours} would say on the same
     * snapshot. The page is a run of consecutive matches in key order, so how many lie before it
     * and on it follows from the keys alone: an offset page knows how many lie before it (the
     * offset), a cursor page counts the keys on either side of its cursor in the same pass. So the
     * page itself is cut and its rows read only when the count stays within the cap (a LATERAL
     * join whose one-time filter is the count): with more matches the statement gives up after
     * reading {@code cap + 1} keys. With more than {@code cap} matches, or none on the page, the
     * result is a single row whose id is NULL; beyond the cap the page has to come from
     * {@link #page}. {@code _exact} says whether {@code _matched} is the count.
     *
     * <p>An offset page in geohash order whose only filter is the box is {@link #pageCountedFromCells}.
     */
    public static SqlFragment countedPage(FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key after, Key before, long offset, int limit,
                                          long cap, Visibility v, int srid, boolean latLon, List<Column> columns, boolean withGeometry) {
        if (countedFromCellsAlone(order, filters, after, before)) return pageCountedFromCells(c, filters, order, offset, limit, v, srid, latLon, columns, withGeometry);
        List<Object> binds = new ArrayList<>(), pageBinds;
        String matches, page;
        if (order.byId()) {
            SqlFragment w = matching(c, filters);
            binds.addAll(w.binds());
            String sql = after != null ? " WHERE id > ? ORDER BY id LIMIT ?" : before != null ? " WHERE id < ? ORDER BY id DESC LIMIT ?" : " ORDER BY id LIMIT ? OFFSET ?";
            binds.add(cap + 1);
            binds.addAll(after != null ? List.of(after.id(), limit) : before != null ? List.of(before.id(), limit) : List.of(limit, offset));
            matches = "SELECT t.id FROM " + c.table() + " t" + w.whereClause() + " LIMIT ?), p AS MATERIALIZED (SELECT id FROM m" + sql;
            page = "p JOIN " + c.table() + " t ON t.id = p.id";
            pageBinds = List.of();
        } else {
            SqlFragment runs = order.runs(c, filters, SqlFragment.EMPTY, "t.geohash, t.id", "", false);
            binds.addAll(runs.binds());
            binds.add(cap + 1);
            matches = "SELECT t.* FROM " + runs.sql() + " LIMIT ?";
            // the page straight from the runs, in order: it reads its own rows and no others
            SqlFragment rows = page(c, filters, order, after, before, List.of(), offset, limit, "t.*", false);
            page = "(" + rows.sql() + ") t";
            pageBinds = rows.binds();
        }
        String lo, onPage;
        List<Object> counts = new ArrayList<>();
        if (after != null) {
            SqlFragment upTo = order.compare("m", "<=", after), past = order.compare("m", ">", after);
            lo = "count(*) FILTER (WHERE " + upTo.sql() + ")";
            onPage = "least(?, count(*) FILTER (WHERE " + past.sql() + "))";
            counts.addAll(upTo.binds());
            counts.add(limit);
            counts.addAll(past.binds());
        } else if (before != null) {
            SqlFragment under = order.compare("m", "<", before);
            String n = "count(*) FILTER (WHERE " + under.sql() + ")";
            lo = "greatest(0, " + n + " - ?)";
            onPage = "least(?, " + n + ")";
            counts.addAll(under.binds());
            counts.add(limit);
            counts.add(limit);
            counts.addAll(under.binds());
        } else {
            lo = "least(?, count(*))";
            onPage = "least(?, greatest(0, count(*) - ?))";
            counts.addAll(List.of(offset, limit, offset));
        }
        binds.addAll(counts);
        // a count of keys stops past the cap and is then no count
        binds.add(cap);
        binds.addAll(pageBinds);
        binds.add(cap);
        // kept: in id order the page is cut from m, which is read twice; a count of the runs' keys is read once,
        // and materialising its rows cost 1 ms in 6,000. In geohash order x is its page in key order already,
        // which the nested loop over n's one row (LATERAL: no other join) keeps
        String sortedOut = order.byId() ? " ORDER BY " + order.outputKeys("x") : "";
        return new SqlFragment("WITH m AS " + (order.byId() ? "MATERIALIZED " : "") + "(" + matches + "),"
                + " n AS (SELECT count(*) AS matched, " + lo + " AS lo, " + onPage + " AS returned FROM m)"
                + " SELECT x.*, n.matched AS _matched, n.matched <= ? AS _exact,"
                + " n.returned > 0 AND n.lo > 0 AS _prev, n.returned > 0 AND n.matched - n.lo - n.returned > 0 AS _next"
                + " FROM n LEFT JOIN LATERAL (SELECT " + FeatureSql.textSelectList(columns, v, srid, latLon, withGeometry) + order.keyColumn() + " FROM " + page
                + " WHERE n.matched <= ? OFFSET 0) x ON true" + sortedOut, binds); // OFFSET 0: kept a subquery, so the count gates it
    }

    /**
     * {@link #countedPage} for an offset page in geohash order whose only filter is the box: the
     * page first, then the count. A page with room left has read every match from its offset on,
     * so the matches number the offset plus its rows; only a full page, or one past the last
     * match, is counted from the geohash cells ({@link GeohashCounts}: exact at any size). The
     * count's subqueries run only in the CASE branch that needs them, so most small boxes read no
     * cell (their page is not full); n is kept whole, since two uses of its count inlined would run it twice.
     * The rows come out in the page's key order: x is a CTE read in the order it was written, by
     * the only join {@code ON true} allows, a nested loop over n's one row.
     */
    private static SqlFragment pageCountedFromCells(FeatureCollection c, List<SqlFragment> filters, PageOrder order, long offset, int limit,
                                                    Visibility v, int srid, boolean latLon, List<Column> columns, boolean withGeometry) {
        SqlFragment page = jsonPage(c, filters, order, null, null, List.of(), offset, limit, v, srid, latLon, columns, withGeometry);
        SqlFragment count = GeohashCounts.count(c, filters, order, order.countCover());
        List<Object> binds = new ArrayList<>(page.binds());
        binds.addAll(List.of(limit, offset, offset));
        binds.addAll(count.binds());
        binds.addAll(List.of(offset, offset));
        return new SqlFragment("WITH x AS MATERIALIZED (" + page.sql() + "),"
                + " k AS (SELECT count(*) AS returned FROM x),"
                + " n AS MATERIALIZED (SELECT k.returned, CASE WHEN k.returned < ? AND (k.returned > 0 OR ? = 0) THEN ? + k.returned ELSE " + count.sql() + " END AS matched FROM k)"
                + " SELECT x.*, n.matched AS _matched, true AS _exact, n.returned > 0 AND ? > 0 AS _prev, n.returned > 0 AND n.matched - ? - n.returned > 0 AS _next"
                + " FROM n LEFT JOIN x ON true", binds);
    }

    /**
     * Whether {@link #countedPage} is {@link #pageCountedFromCells}, one statement whose count and
     * paging flags need no other: an offset page of the box alone (a cursor page would need the
     * keys before its cursor).
     */
    public static boolean countedFromCellsAlone(PageOrder order, List<SqlFragment> filters, Key after, Key before) {
        return after == null && before == null && countsFromCells(order, filters);
    }

    /**
     * Whether the matches can be counted from the geohash cells ({@link GeohashCounts}): pages in
     * geohash order whose only filter is the box, for a caller who may read every row (the
     * collection's own category the cells know).
     */
    public static boolean countsFromCells(PageOrder order, List<SqlFragment> filters) {
        return !order.byId() && filters.stream().allMatch(f -> f.equals(order.box()) || f.sql().isEmpty());
    }

    /** The number of matches, exact, from the geohash cells; only where {@link #countsFromCells}. */
    public static SqlFragment countFromCells(FeatureCollection c, List<SqlFragment> filters, PageOrder order) {
        SqlFragment n = GeohashCounts.count(c, filters, order, order.countCover());
        return new SqlFragment("SELECT " + n.sql(), n.binds());
    }

    /** One row: whether a matching feature exists before {@code first}, and after {@code last}, in {@code order}. */
    public static SqlFragment neighbours(FeatureCollection c, List<SqlFragment> filters, PageOrder order, Key first, Key last) {
        SqlFragment before = exists(c, filters, order, order.compare("t", "<", first));
        SqlFragment after = exists(c, filters, order, order.compare("t", ">", last));
        List<Object> binds = new ArrayList<>(before.binds());
        binds.addAll(after.binds());
        return new SqlFragment("SELECT " + before.sql() + ", " + after.sql(), binds);
    }

    private static SqlFragment exists(FeatureCollection c, List<SqlFragment> filters, PageOrder order, SqlFragment extra) {
        SqlFragment from = from(c, filters, order, extra);
        return new SqlFragment("EXISTS (SELECT 1 FROM " + from.sql() + ")", from.binds());
    }

    /** {@code <table> t WHERE …} of the matches where {@code extra} holds, or in geohash order the runs as {@code t}. */
    private static SqlFragment from(FeatureCollection c, List<SqlFragment> filters, PageOrder order, SqlFragment extra) {
        if (!order.byId()) return order.runs(c, filters, extra, "1", "", false);
        SqlFragment w = matching(c, filters, extra);
        return new SqlFragment(c.table() + " t" + w.whereClause(), w.binds());
    }

    /** The collection's own filter, the request's filters and {@code extra}, joined by AND. */
    private static SqlFragment matching(FeatureCollection c, List<SqlFragment> filters, SqlFragment... extra) {
        List<SqlFragment> where = new ArrayList<>();
        where.add(FeatureSql.collectionFilter(c));
        where.addAll(filters);
        where.addAll(List.of(extra));
        return SqlFragment.join(" AND ", where);
    }

    /** The number of matching features, counting at most {@code cap + 1} so the cost stays bounded. */
    public static SqlFragment countAtMost(FeatureCollection c, List<SqlFragment> filters, PageOrder order, long cap) {
        SqlFragment from = from(c, filters, order, SqlFragment.EMPTY);
        List<Object> binds = new ArrayList<>(from.binds());
        binds.add(cap + 1);
        return new SqlFragment("SELECT count(*) FROM (SELECT 1 FROM " + from.sql() + " LIMIT ?) n", binds);
    }

    /** The planner's row estimate of the collection's table (pg_class.reltuples; -1 when never analysed). */
    public static SqlFragment estimatedRows(FeatureCollection c) {
        return SqlFragment.of("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)", c.table());
    }

    /** One row: xmin, ymin, xmax, ymax (CRS84) and the first and last updated_at; nulls when empty. */
    public static SqlFragment extent(FeatureCollection c) {
        SqlFragment w = FeatureSql.collectionFilter(c);
        return new SqlFragment("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), tmin, tmax FROM (SELECT ST_Extent(t.geom) AS e,"
                + " min(t.updated_at) AS tmin, max(t.updated_at) AS tmax FROM " + c.table() + " t" + w.whereClause() + ") x", w.binds());
    }

    /** The feature {@code id} of the collection, or no row. */
    public static SqlFragment item(FeatureCollection c, String id, Visibility v, int srid, boolean latLon) {
        SqlFragment w = SqlFragment.join(" AND ", List.of(FeatureSql.readableRows(c, v), SqlFragment.of("t.id = ?", id)));
        // _version (not a property) is the ETag a Part 4 client sends back in If-Match
        return new SqlFragment("SELECT " + FeatureSql.selectList(c, v, srid, latLon) + ", t.version AS _version FROM " + c.table() + " t" + w.whereClause(), w.binds());
    }
}
