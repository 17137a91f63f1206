package riskmap.region;

import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.store.FeatureSql;
import riskmap.store.SqlFragment;

/**
 * Every SQL statement on {@code region}: loading, search, detail, and the per-region counts of the
 * features whose {@code admin_code} starts with a region's code. Counts always apply the caller's
 * {@link Visibility} ({@link FeatureSql#visibleRows}); the regions themselves are public.
 */
public final class RegionSql {
    /** The feature tables a region's detail counts, by the key the answer uses. Fixed names, never from a request. */
    static final List<String[]> LAYERS = List.of(
            new String[] {"hazards", "hazard_point"},
            new String[] {"risk_zones", "risk_zone"},
            new String[] {"shelters", "shelter"});

    /**
     * A region's columns and its path of names from the province down ({重庆市,市辖区,万州区}),
     * read through the key from its code's prefixes: cheaper than storing a path in every row,
     * which made each new database's load a third slower.
     */
    private static final String COLUMNS = "r.code, r.name, r.level, r.parent_code, ARRAY(SELECT a.name FROM region a"
            + " WHERE a.code IN (left(r.code, 2), left(r.code, 4), left(r.code, 6), left(r.code, 9), r.code) ORDER BY a.level) AS path";

    /** Rows as {@link RegionLoader} writes them: COPY's text format, columns in table order. */
    static final String COPY = "COPY region (code, parent_code, level, name, grams) FROM STDIN";

    /**
     * After a bulk load into a live table: merge the rows waiting in the GIN index's pending list
     * (a search read them one by one: 3 ms instead of 0.2 ms after 574,000 villages) and renew
     * the planner's statistics.
     */
    static final String[] AFTER_BULK_LOAD = {"SELECT gin_clean_pending_list('region_grams_idx')", "ANALYZE region"};

    private RegionSql() {
    }

    /**
     * Regions whose name contains {@code q}: the exact name first, then names starting with it,
     * then higher levels and shorter names. {@code q} of digits matches codes by prefix instead.
     */
    public static SqlFragment search(RegionSearch q) {
        SqlFragment level = q.level() == null ? SqlFragment.EMPTY : SqlFragment.of("r.level = ?", q.level().number());
        if (q.isCode()) {
            SqlFragment where = SqlFragment.join(" AND ", List.of(SqlFragment.of("r.code LIKE ?", q.text() + "%"), level));
            return withLimit("SELECT " + COLUMNS + " FROM region r" + where.whereClause() + " ORDER BY r.level, r.code LIMIT ?", where, q.limit());
        }
        String literal = likeLiteral(q.text());
        int[] grams = RegionGrams.of(q.text());
        // the bigrams narrow the rows through the GIN index, LIKE decides; one character has none and scans
        SqlFragment where = SqlFragment.join(" AND ", List.of(
                grams.length == 0 ? SqlFragment.EMPTY : SqlFragment.of("r.grams @> ?", (Object) grams),
                SqlFragment.of("r.name LIKE ?", "%" + literal + "%"), level));
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(q.text());
        binds.add(literal + "%");
        binds.add(q.limit());
        return new SqlFragment("SELECT " + COLUMNS + " FROM region r" + where.whereClause()
                + " ORDER BY r.name = ? DESC, r.name LIKE ? DESC, r.level, char_length(r.name), r.code LIMIT ?", binds);
    }

    /** The region with {@code code} and its ancestors, province first. */
    static SqlFragment lineage(String code, RegionLevel level) {
        List<String> codes = new ArrayList<>();
        for (RegionLevel l = level; l != null; l = l.parent()) codes.add(code.substring(0, l.codeLength()));
        return SqlFragment.of("SELECT " + COLUMNS + " FROM region r WHERE r.code = ANY(?) ORDER BY r.level", (Object) codes.toArray(new String[0]));
    }

    static SqlFragment children(String code) {
        return SqlFragment.of("SELECT " + COLUMNS + " FROM region r WHERE r.parent_code = ? ORDER BY r.code", code);
    }

    /** Per layer: the number of readable features in the region and their extent (null when none). */
    static SqlFragment layers(String code, Visibility v) {
        List<String> selects = new ArrayList<>();
        List<Object> binds = new ArrayList<>();
        for (String[] layer : LAYERS) {
            SqlFragment where = inRegion(code, v);
            selects.add("SELECT '" + layer[0] + "' AS layer, count(*) AS n, ST_Extent(t.geom) AS e FROM " + layer[1] + " t" + where.whereClause());
            binds.addAll(where.binds());
        }
        return new SqlFragment("SELECT layer, n, ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy FROM ("
                + String.join(" UNION ALL ", selects) + ") x", binds);
    }

    /**
     * Hazard counts per child of the region: every child (zero when it has none) and every other
     * code the points carry at the child level — the region's own code for points coded only to
     * it, codes missing from the reference data — so the rows always add up to the region's total.
     */
    static SqlFragment childStats(String code, RegionLevel childLevel, Visibility v) {
        SqlFragment where = inRegion(code, v);
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(code);
        return new SqlFragment("WITH h AS (SELECT left(t.admin_code, " + childLevel.codeLength() + ") AS code, count(*) AS n,"
                + " count(*) FILTER (WHERE t.risk_level = 1) AS l1, count(*) FILTER (WHERE t.risk_level = 2) AS l2,"
                + " count(*) FILTER (WHERE t.risk_level = 3) AS l3, count(*) FILTER (WHERE t.risk_level = 4) AS l4,"
                + " sum(t.threatened_people) AS people FROM hazard_point t" + where.whereClause() + " GROUP BY 1),"
                + " k AS (SELECT code FROM region WHERE parent_code = ? UNION SELECT code FROM h)"
                + " SELECT k.code, r.name, r.level, coalesce(h.n, 0) AS n, coalesce(h.l1, 0) AS l1, coalesce(h.l2, 0) AS l2,"
                + " coalesce(h.l3, 0) AS l3, coalesce(h.l4, 0) AS l4, coalesce(h.people, 0) AS people"
                + " FROM k LEFT JOIN region r ON r.code = k.code LEFT JOIN h ON h.code = k.code ORDER BY k.code", binds);
    }

    /** Features of table alias {@code t} in the region and readable by the caller. Codes are digits, so LIKE needs no escaping. */
    private static SqlFragment inRegion(String code, Visibility v) {
        return SqlFragment.join(" AND ", List.of(SqlFragment.of("t.admin_code LIKE ?", code + "%"), FeatureSql.visibleRows(v)));
    }

    private static SqlFragment withLimit(String sql, SqlFragment where, int limit) {
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(limit);
        return new SqlFragment(sql, binds);
    }

    /** {@code text} matched literally by LIKE (backslash is LIKE's default escape). */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
