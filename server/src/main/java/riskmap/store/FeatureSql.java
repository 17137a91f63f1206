package riskmap.store;

import java.util.stream.Collectors;

/**
 * SQL shared by every feature query: the select list in {@link riskmap.geojson.GeoJsonWriter}'s
 * row layout (id, geometry, properties) and the collection's own row filter.
 */
public final class FeatureSql {
    /** Seven decimals of a degree is about 1 cm: finer digits are noise, coarser ones move points. */
    static final int DECIMALS = 7;

    private FeatureSql() {
    }

    /** {@code id, ST_AsGeoJSON(geom) AS geometry, <readable columns>} of collection {@code c}, table alias {@code t}. */
    public static String selectList(FeatureCollection c, boolean withPersonal) {
        return "t.id, ST_AsGeoJSON(t.geom, " + DECIMALS + ") AS geometry, "
                + c.readableColumns(withPersonal).stream().map(col -> "t." + col.name()).collect(Collectors.joining(", "));
    }

    /** The rows of the collection itself: {@code t.category = ?} for a per-category layer. */
    public static SqlFragment collectionFilter(FeatureCollection c) {
        return c.category() == null ? SqlFragment.EMPTY : SqlFragment.of("t.category = ?", c.category());
    }
}
