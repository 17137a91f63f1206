package riskmap.store;

import java.util.List;
import java.util.stream.Collectors;
import riskmap.auth.Visibility;
import riskmap.geojson.GeoJsonWriter;

/**
 * SQL shared by every feature query: the select list in {@link riskmap.geojson.GeoJsonWriter}'s
 * row layout (id, geometry, properties) and the collection's own row filter.
 */
public final class FeatureSql {
    /** Seven decimals of a degree is about 1 cm; two decimals of a metre is 1 cm too. */
    public static final int DECIMALS = 7;
    private static final int METRE_DECIMALS = 2;

    private FeatureSql() {
    }

    /**
     * {@code id, ST_AsGeoJSON(geom) AS geometry, <readable columns>} of collection {@code c} in WGS84
     * lon/lat, table alias {@code t}, as {@code v} may see them: personal columns only when some
     * personal data is readable, and NULL on rows outside the caller's personal scope.
     */
    public static String selectList(FeatureCollection c, Visibility v) {
        return selectList(c, v, OgcSql.STORAGE_SRID, false);
    }

    /** The same with the geometry in {@code srid}, latitude first when {@code latLon} (OGC API Part 2). */
    static String selectList(FeatureCollection c, Visibility v, int srid, boolean latLon) {
        return selectList(c.readableColumns(v.anyPersonal()), v, srid, latLon, true);
    }

    /**
     * Only {@code columns} (readable ones, from the collection's whitelist), and a NULL geometry
     * unless {@code withGeometry}, so a skipped geometry is neither read nor encoded.
     */
    static String selectList(List<Column> columns, Visibility v, int srid, boolean latLon, boolean withGeometry) {
        return "t.id, " + (withGeometry ? geometryOut(srid, latLon) : "NULL::text") + " AS geometry"
                + columns.stream().map(col -> ", " + column(col, v) + " AS " + col.name()).collect(Collectors.joining());
    }

    /**
     * The select list of {@link #selectList} with every column as text, for
     * {@link riskmap.geojson.GeoJsonWriter#writeFeatureText}: integers {@code ::text}, instants as
     * their UTC {@code timestamp}'s text (independent of the session's TimeZone), which
     * {@link #texts} describes.
     */
    static String textSelectList(List<Column> columns, Visibility v, int srid, boolean latLon, boolean withGeometry) {
        return "t.id, " + (withGeometry ? geometryOut(srid, latLon) : "NULL::text") + " AS geometry"
                + columns.stream().map(col -> ", " + asText(col, v) + " AS " + col.name()).collect(Collectors.joining());
    }

    /** {@link #textSelectList} of the columns of {@code c} that {@code v} may read, in WGS84 lon/lat. */
    static String textSelectList(FeatureCollection c, Visibility v) {
        return textSelectList(c.readableColumns(v.anyPersonal()), v, OgcSql.STORAGE_SRID, false, true);
    }

    /** What the properties' text of {@link #textSelectList(FeatureCollection, Visibility)} is in JSON. */
    static List<GeoJsonWriter.Text> texts(FeatureCollection c, Visibility v) {
        return texts(c.readableColumns(v.anyPersonal()));
    }

    /** What each of {@code columns}' text in {@link #textSelectList} is in JSON. */
    public static List<GeoJsonWriter.Text> texts(List<Column> columns) {
        return columns.stream().map(col -> switch (col.type()) {
            case STRING -> GeoJsonWriter.Text.STRING;
            case INTEGER -> GeoJsonWriter.Text.NUMBER;
            case TIMESTAMP -> GeoJsonWriter.Text.UTC_TIMESTAMP;
        }).toList();
    }

    private static String asText(Column col, Visibility v) {
        String c = column(col, v);
        return switch (col.type()) {
            case STRING -> c;
            case INTEGER -> c + "::text";
            case TIMESTAMP -> "(" + c + " AT TIME ZONE 'UTC')::text";
        };
    }

    /** {@code ST_AsGeoJSON} of {@code t.geom} in {@code srid}, latitude first when {@code latLon}; no "crs" member. */
    private static String geometryOut(int srid, boolean latLon) {
        String g = srid == OgcSql.STORAGE_SRID ? "t.geom" : "ST_Transform(t.geom, " + srid + ")";
        if (latLon) g = "ST_FlipCoordinates(" + g + ")";
        return "ST_AsGeoJSON(" + g + ", " + (srid == 3857 ? METRE_DECIMALS : DECIMALS) + ", 0)";
    }

    /**
     * The SQL of a readable column as {@code v} may see it, over table alias {@code t}: the column
     * itself, or for personal data a CASE that yields NULL outside the caller's personal scope.
     * Used for output and for filters alike, so a filter on a phone cannot reveal one the caller
     * may not read. The prefix is digits only ({@link Visibility}), so it is inlined safely.
     */
    public static String column(Column col, Visibility v) {
        if (!col.personal() || v.allPersonal()) return "t." + col.name();
        if (!v.anyPersonal()) throw new IllegalArgumentException(col.name() + " is not readable");
        return "(CASE WHEN t.admin_code LIKE '" + v.personalRows() + "%' THEN t." + col.name() + " END)";
    }

    /** {@code t.admin_code LIKE ?} for a caller who may read only a region's rows; nothing when every row is readable. */
    public static SqlFragment visibleRows(Visibility v) {
        return v.allRows() ? SqlFragment.EMPTY : SqlFragment.of("t.admin_code LIKE ?", v.rows() + "%");
    }

    /** The rows of the collection itself: {@code t.category = ?} for a per-category layer. */
    public static SqlFragment collectionFilter(FeatureCollection c) {
        return c.category() == null ? SqlFragment.EMPTY : SqlFragment.of("t.category = ?", c.category());
    }

    /** The rows of the collection that {@code v} may read: the collection's own filter and the caller's region. */
    public static SqlFragment readableRows(FeatureCollection c, Visibility v) {
        return SqlFragment.join(" AND ", java.util.List.of(collectionFilter(c), visibleRows(v)));
    }
}
