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
 */
public record PageOrder(List<GeohashCover.Run> cover, SqlFragment box, SqlFragment edge) {
    public static final PageOrder BY_ID = new PageOrder(null, null, null);

    /**
     * A page's edge: the feature it starts after or ends before.
     *
     * @param geohash the feature's geohash in geohash order, null in id order
     */
    public record Key(String geohash, String id) {
    }

    /** Geohash order over the box {@code minX,minY,maxX,maxY} (lon/lat; minX &gt; maxX crosses the antimeridian), whose filter is {@code box}. */
    public static PageOrder geohash(double minX, double minY, double maxX, double maxY, SqlFragment box) {
        String y = "ST_Y(t.geom) BETWEEN ? AND ?";
        SqlFragment edge = minX <= maxX ? SqlFragment.of("ST_X(t.geom) BETWEEN ? AND ? AND " + y, minX, maxX, minY, maxY)
                : SqlFragment.of("(ST_X(t.geom) >= ? OR ST_X(t.geom) <= ?) AND " + y, minX, maxX, minY, maxY);
        return new PageOrder(GeohashCover.of(minX, minY, maxX, maxY), box, edge);
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
     * In geohash order, the matches as one derived table of {@code select} over alias {@code t}: a
     * UNION ALL of the runs, each read from the geohash index where the collection's own filter,
     * {@code filters} (but the box) and {@code extra} hold, and ordered by {@code order} (empty:
     * unordered), so that an outer ORDER BY on the same keys is a Merge Append of them.
     */
    SqlFragment runs(FeatureCollection c, List<SqlFragment> filters, SqlFragment extra, String select, String order) {
        List<SqlFragment> branches = new ArrayList<>();
        for (GeohashCover.Run r : cover) {
            List<SqlFragment> where = new ArrayList<>();
            where.add(r.to() == null ? SqlFragment.of("t.geohash >= ?", r.from()) : SqlFragment.of("t.geohash >= ? AND t.geohash < ?", r.from(), r.to()));
            where.add(FeatureSql.collectionFilter(c));
            for (SqlFragment f : filters) if (!f.equals(box)) where.add(f);
            if (!r.inside()) where.add(edge);
            where.add(extra);
            SqlFragment w = SqlFragment.join(" AND ", where);
            branches.add(new SqlFragment("(SELECT " + select + " FROM " + c.table() + " t" + w.whereClause() + order + ")", w.binds()));
        }
        SqlFragment all = SqlFragment.join(" UNION ALL ", branches);
        return new SqlFragment("(" + all.sql() + ")", all.binds());
    }
}
