package riskmap.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The order an items page walks its matches in, and the SQL that follows it: by id; or, for
 * hazard points and a bbox in lon/lat, by geohash then id along the box's {@link GeohashCover}
 * (V41), so that a page reads its rows from a few index ranges already in order and stops at its
 * end, instead of reading and sorting every match's id.
 *
 * @param cover the runs, null in id order
 * @param box   the request's bbox filter, which the runs replace: a run inside the box needs no
 *              test, one on its edge tests {@code edge}
 * @param edge  a point's coordinates within the box, the test of the runs on its edge
 * @param bounds the box, lon/lat
 */
public record PageOrder(List<GeohashCover.Run> cover, SqlFragment box, SqlFragment edge, Bounds bounds) {
    public static final PageOrder BY_ID = new PageOrder(null, null, null, null);

    /** A box in lon/lat; minX &gt; maxX crosses the antimeridian. */
    public record Bounds(double minX, double minY, double maxX, double maxY) {
    }

    /** Above every geohash in byte order ('~' follows 'z'): the end of the last run. */
    static final String PAST_LAST = "~";
    /** The edge's latitude test, see {@link #geohash}. */
    private static final String Y_WITHIN = "width_bucket(ST_Y(t.geom), ?::float8[]) = 1";

    /**
     * A page's edge: the feature it starts after or ends before.
     *
     * @param geohash the feature's geohash in geohash order, null in id order
     */
    public record Key(String geohash, String id) {
    }

    /** Geohash order over the box {@code minX,minY,maxX,maxY} (lon/lat; minX &gt; maxX crosses the antimeridian), whose filter is {@code box}. */
    public static PageOrder geohash(double minX, double minY, double maxX, double maxY, SqlFragment box) {
        // The edge test of the closed box, one ST_X and one ST_Y a point, where BETWEEN calls each
        // twice: width_bucket over {low, the double after high} is 1 from low up to high, both
        // included. Across the antimeridian x lies outside (maxX, minX), bucket 1 of {after maxX, minX}.
        SqlFragment edge = minX <= maxX
                ? SqlFragment.of("width_bucket(ST_X(t.geom), ?::float8[]) = 1 AND " + Y_WITHIN, new double[] {minX, Math.nextUp(maxX)}, new double[] {minY, Math.nextUp(maxY)})
                : SqlFragment.of("width_bucket(ST_X(t.geom), ?::float8[]) <> 1 AND " + Y_WITHIN, new double[] {Math.nextUp(maxX), minX}, new double[] {minY, Math.nextUp(maxY)});
        return new PageOrder(GeohashCover.of(minX, minY, maxX, maxY), box, edge, new Bounds(minX, minY, maxX, maxY));
    }

    /** The finer cover a count from the cell counts reads ({@link GeohashCounts}). */
    List<GeohashCover.Run> countCover() {
        return GeohashCover.of(bounds.minX(), bounds.minY(), bounds.maxX(), bounds.maxY(), GeohashCounts.COUNT_RUNS);
    }

    /** The same order and box over other runs. */
    PageOrder over(List<GeohashCover.Run> runs) {
        return new PageOrder(runs, box, edge, bounds);
    }

    public boolean byId() {
        return cover == null;
    }

    /** The sort keys over alias {@code alias}, each followed by {@code direction} (" DESC" or ""). */
    String keys(String alias, String direction) {
        return byId() ? alias + ".id" + direction : alias + ".geohash" + direction + ", " + alias + ".id" + direction;
    }

    /** The sort keys of a page's output rows over alias {@code alias}, which carry the geohash as {@code _key}. */
    String outputKeys(String alias) {
        return byId() ? alias + ".id" : alias + "._key, " + alias + ".id";
    }

    /** The row's key compared with {@code k} by {@code op} ("&gt;", "&lt;=", …). */
    SqlFragment compare(String alias, String op, Key k) {
        if (byId()) return SqlFragment.of(alias + ".id " + op + " ?", k.id());
        return SqlFragment.of("(" + alias + ".geohash, " + alias + ".id) " + op + " (?, ?)", k.geohash(), k.id());
    }

    /** What a page's row carries besides its columns, for the cursor of its links: {@code , t.geohash AS _key} in geohash order. */
    String keyColumn() {
        return byId() ? "" : ", t.geohash AS _key";
    }

    /**
     * In geohash order, a FROM item of the matches as rows of {@code select} over alias {@code t}:
     * the runs, bound as arrays, each joined LATERAL to the geohash index range it names, where the
     * collection's own filter, {@code filters} (but the box: a run inside it needs no test, one on
     * its edge tests {@link #edge}) and {@code extra} hold, in {@code order} ("" or " ORDER BY …").
     *
     * <p>Runs are disjoint and in curve order, so a nested loop over them yields the matches in key
     * order (runs {@code reversed} and each read descending: the reverse) and a LIMIT above it
     * stops reading at the page's end: no sort of all matches, which an ORDER BY above the join
     * would ask for. One statement text and one small plan for every box: a UNION ALL of the runs
     * took ~4 ms to plan, longer than a small page takes to run.
     */
    SqlFragment runs(FeatureCollection c, List<SqlFragment> filters, SqlFragment extra, String select, String order, boolean reversed) {
        List<GeohashCover.Run> runs = new ArrayList<>(cover);
        if (reversed) java.util.Collections.reverse(runs);
        List<SqlFragment> where = new ArrayList<>();
        where.add(SqlFragment.of("t.geohash >= r.from_hash AND t.geohash < r.to_hash"));
        where.add(FeatureSql.collectionFilter(c));
        for (SqlFragment f : filters) if (!f.equals(box)) where.add(f);
        where.add(new SqlFragment("(r.inside OR " + edge.sql() + ")", edge.binds()));
        where.add(extra);
        SqlFragment w = SqlFragment.join(" AND ", where);
        List<Object> binds = new ArrayList<>(List.of(
                runs.stream().map(GeohashCover.Run::from).toArray(String[]::new),
                runs.stream().map(r -> r.to() == null ? PAST_LAST : r.to()).toArray(String[]::new),
                runs.stream().map(r -> Boolean.toString(r.inside())).toArray(String[]::new)));
        binds.addAll(w.binds());
        return new SqlFragment("unnest(?::text[], ?::text[], ?::boolean[]) r(from_hash, to_hash, inside) CROSS JOIN LATERAL (SELECT " + select
                + " FROM " + c.table() + " t" + w.whereClause() + order + ") t", binds);
    }
}
