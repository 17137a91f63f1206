package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.domain.Bbox;

/**
 * The SQL of bulk export: every feature of a collection that passes the filters, in id order, in
 * {@link riskmap.geojson.GeoJsonWriter}'s layout plus hidden {@code _}-columns the other formats
 * need (longitude/latitude or WKT for CSV, WKB for GeoPackage).
 */
public final class ExportSql {
    /** What the output format needs besides the GeoJSON columns. */
    public enum Extra { NONE, LON_LAT, WKT, WKB, KML }

    /**
     * The filters an export takes, as the spatial queries name them; null or empty means no filter.
     *
     * @param adminCodePrefix digits only (checked by the caller)
     */
    public record Filter(Bbox bbox, List<String> categories, Integer minLevel, String adminCodePrefix) {
        public static final Filter NONE = new Filter(null, List.of(), null, null);
    }

    private ExportSql() {
    }

    /** The hidden columns of {@code extra} over table alias {@code t}, each after a comma. */
    static String extraColumns(Extra extra) {
        return switch (extra) {
            case NONE -> "";
            case LON_LAT -> ", ST_X(t.geom) AS _lon, ST_Y(t.geom) AS _lat";
            case WKT -> ", ST_AsText(t.geom) AS _wkt";
            case WKB -> ", ST_AsBinary(t.geom) AS _wkb";
            case KML -> ", ST_AsKML(t.geom, " + FeatureSql.DECIMALS + ") AS _kml";
        };
    }

    public static SqlFragment select(FeatureCollection c, Filter f, Visibility v, Extra extra) {
        String more = extraColumns(extra);
        List<SqlFragment> where = new ArrayList<>();
        where.add(FeatureSql.readableRows(c, v));
        where.add(HazardSql.bboxFilter(f.bbox()));
        if (f.categories() != null && !f.categories().isEmpty()) where.add(HazardSql.categoryFilter(f.categories()));
        if (f.minLevel() != null) where.add(SqlFragment.of("t.risk_level >= ?", f.minLevel()));
        // digits only, so LIKE needs no escaping; the text_pattern_ops index serves it on hazard points
        if (f.adminCodePrefix() != null) where.add(SqlFragment.of("t.admin_code LIKE ?", f.adminCodePrefix() + "%"));
        SqlFragment w = SqlFragment.join(" AND ", where);
        return new SqlFragment("SELECT " + FeatureSql.selectList(c, v) + more + " FROM " + c.table() + " t"
                + w.whereClause() + " ORDER BY t.id", w.binds());
    }
}
