package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.io.WKTWriter;
import riskmap.auth.Visibility;
import riskmap.domain.Bbox;
import riskmap.query.AreaQuery;
import riskmap.query.HazardFilter;
import riskmap.query.StatsQuery;

/**
 * The SQL of the spatial queries on hazard points (api.md §3) but the radius query, which has its
 * own ({@link RadiusSql}). Distances are geodesic metres on the WGS84 spheroid ({@code geography}).
 */
public final class HazardSql {
    private static final FeatureCollection HAZARDS = Collections.HAZARDS;
    private static final Column PHONE = HAZARDS.column("responsible_phone").orElseThrow();

    /** The area, bound once as WKT. */
    private static final String AREA = "WITH area AS (SELECT ST_GeomFromText(?, 4326) AS g) ";

    /**
     * Spheroid distance and initial bearing from the centre (0–360°, clockwise from north).
     * ST_Azimuth on geography is geodesic and already in [0, 2π); it is NULL for a point at the centre.
     */
    static final String AZIMUTH = "degrees(ST_Azimuth(c.g, t.geom::geography))";
    static final String BEARING = AZIMUTH + " AS bearing_deg";
    static final String DISTANCE_AND_BEARING = "ST_Distance(t.geom::geography, c.g) AS distance_m, " + BEARING;

    private HazardSql() {
    }

    /** Points in the area, most severe first; responsible_phone only where {@code v} may read it. */
    public static SqlFragment within(AreaQuery q, Visibility v) {
        SqlFragment where = areaWhere(q, v);
        List<Object> binds = new ArrayList<>();
        binds.add(areaWkt(q));
        binds.addAll(where.binds());
        binds.add(q.limit());
        return new SqlFragment(AREA + "SELECT " + FeatureSql.textSelectList(HAZARDS, v) + " FROM hazard_point t, area"
                + where.whereClause() + " ORDER BY t.risk_level DESC, t.threatened_people DESC, t.id LIMIT ?", binds);
    }

    /** One JSON document: count, by_level, by_category, threatened_people, responsible (api.md §3). */
    public static SqlFragment withinSummary(AreaQuery q, Visibility v) {
        SqlFragment where = areaWhere(q, v);
        List<Object> binds = new ArrayList<>();
        binds.add(areaWkt(q));
        binds.addAll(where.binds());
        // Whom to call: accounts that read personal data get each responsible person's phone in their scope.
        boolean withPersonal = v.anyPersonal();
        String phone = withPersonal ? ", " + FeatureSql.column(PHONE, v) + " AS phone" : "";
        return new SqlFragment(AREA + ", m AS (SELECT t.category, t.risk_level, t.threatened_people,"
                + " t.responsible_person AS person, t.responsible_unit AS unit" + phone
                + " FROM hazard_point t, area" + where.whereClause() + ")"
                + " SELECT json_build_object("
                + "'count', (SELECT count(*) FROM m),"
                + "'by_level', (SELECT json_build_object('1', count(*) FILTER (WHERE risk_level = 1), '2', count(*) FILTER (WHERE risk_level = 2),"
                + " '3', count(*) FILTER (WHERE risk_level = 3), '4', count(*) FILTER (WHERE risk_level = 4)) FROM m),"
                + "'by_category', (SELECT coalesce(json_object_agg(category, n ORDER BY category), '{}'::json)"
                + " FROM (SELECT category, count(*) AS n FROM m GROUP BY category) x),"
                + "'threatened_people', (SELECT coalesce(sum(threatened_people), 0) FROM m),"
                + "'responsible', (SELECT coalesce(json_agg(json_build_object('person', person, 'unit', unit"
                + (withPersonal ? ", 'phone', phone" : "") + ", 'count', n) ORDER BY n DESC, person, unit), '[]'::json)"
                + " FROM (SELECT person, unit" + (withPersonal ? ", phone" : "") + ", count(*) AS n FROM m GROUP BY person, unit"
                + (withPersonal ? ", phone" : "") + ") r)"
                + ")::text", binds);
    }

    /**
     * Counts and threatened people per group, of the points {@code v} may read. By region: the
     * code's first digits at the level, named from {@code region}; a point coded only to a
     * coarser level keeps its shorter code (and that region's name), so the rows add up.
     */
    public static SqlFragment stats(StatsQuery q, Visibility v) {
        String key = switch (q.groupBy()) {
            case category -> "t.category";
            case risk_level -> "t.risk_level";
            case status -> "t.status";
            case admin_code -> "left(t.admin_code, 6)";
            case region -> "left(t.admin_code, " + q.level().codeLength() + ")";
        };
        String label = q.groupBy() == StatsQuery.GroupBy.admin_code ? ", max(t.county) AS label" : "";
        SqlFragment where = SqlFragment.join(" AND ", List.of(bboxFilter(q.bbox()), filter(q.filter()), FeatureSql.visibleRows(v)));
        String sql = "SELECT " + key + " AS key, count(*) AS count, coalesce(sum(t.threatened_people), 0) AS threatened_people"
                + label + " FROM hazard_point t" + where.whereClause() + " GROUP BY 1";
        if (q.groupBy() == StatsQuery.GroupBy.region) {
            sql = "SELECT s.*, r.name AS label FROM (" + sql + ") s LEFT JOIN region r ON r.code = s.key";
        }
        return new SqlFragment(sql + " ORDER BY 1", where.binds());
    }

    private static SqlFragment areaWhere(AreaQuery q, Visibility v) {
        return SqlFragment.join(" AND ", List.of(
                SqlFragment.of("ST_Intersects(t.geom, area.g)"),
                filter(q.filter()), FeatureSql.visibleRows(v)));
    }

    /** The shared hazard filters; admin_code is matched by prefix (digits only, so LIKE needs no escaping). */
    public static SqlFragment filter(HazardFilter f) {
        return SqlFragment.join(" AND ", List.of(
                categoryFilter(f.categories()),
                f.minLevel() <= 1 ? SqlFragment.EMPTY : SqlFragment.of("t.risk_level >= ?", f.minLevel()),
                f.statuses().isEmpty() ? SqlFragment.EMPTY : SqlFragment.of("t.status = ANY(?)", (Object) f.statuses().toArray(new String[0])),
                f.adminCodePrefix() == null ? SqlFragment.EMPTY : SqlFragment.of("t.admin_code LIKE ?", f.adminCodePrefix() + "%"),
                f.updated() == null ? SqlFragment.EMPTY : OgcSql.updatedBetween(f.updated().from(), f.updated().to(), f.updated().toInclusive())));
    }

    static SqlFragment categoryFilter(List<String> categories) {
        return categories.isEmpty() ? SqlFragment.EMPTY : SqlFragment.of("t.category = ANY(?)", (Object) categories.toArray(new String[0]));
    }

    /** Points in the box (a box across the antimeridian is two boxes); null keeps all. */
    public static SqlFragment bboxFilter(Bbox b) {
        return b == null ? SqlFragment.EMPTY : OgcSql.bbox(b.minX(), b.minY(), b.maxX(), b.maxY(), b.crs().srid());
    }

    /** WKT keeps full double precision, so PostGIS sees exactly the geometry JTS validated. */
    private static String areaWkt(AreaQuery q) {
        return new WKTWriter().write(q.area());
    }
}
