package riskmap.store;

import java.util.stream.Collectors;
import riskmap.auth.Visibility;
import riskmap.edit.Field;
import riskmap.edit.FeatureSchema;

/**
 * The SQL of single-feature writes and of the change history. Table and column names come from
 * {@link FeatureSchema}, never from a request; every value is bound.
 */
public final class EditSql {
    private EditSql() {
    }

    /** One feature in {@link riskmap.geojson.GeoJsonWriter}'s layout, plus {@code _version} for the ETag; no row when {@code v} may not read it. */
    static SqlFragment readFeature(FeatureSchema s, String id, Visibility v) {
        SqlFragment w = SqlFragment.join(" AND ", java.util.List.of(SqlFragment.of("t.id = ?", id), FeatureSql.visibleRows(v)));
        return new SqlFragment("SELECT " + FeatureSql.selectList(s.collection(), v) + ", t.version AS _version FROM " + s.table() + " t"
                + w.whereClause(), w.binds());
    }

    /** The whole stored row as a GeoJSON Feature (jsonb, personal data included) for the history, with version and admin code; not the geohash, which the geometry gives. */
    static String readDocument(FeatureSchema s) {
        return "SELECT jsonb_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.geom, " + FeatureSql.DECIMALS + ")::jsonb,"
                + " 'properties', to_jsonb(t) - 'geom' - 'geohash' - 'id' - 'version')::text AS doc, t.version, t.admin_code FROM " + s.table() + " t WHERE t.id = ?";
    }

    /** Geometry from WKT and SRID, transformed to WGS84 (a no-op for 4326); areas are stored as MultiPolygon. */
    public static String geometryFromWkt(FeatureSchema s) {
        String g = "ST_Transform(ST_GeomFromText(?, ?), 4326)";
        return s.areas() ? "ST_Multi(" + g + ")" : g;
    }

    /** Binds: [id,] every field in schema order, WKT, SRID. */
    static String insert(FeatureSchema s, boolean withId) {
        String cols = s.fields().stream().map(Field::name).collect(Collectors.joining(", "));
        String marks = s.fields().stream().map(f -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO " + s.table() + " (" + (withId ? "id, " : "") + cols + ", geom) VALUES (" + (withId ? "?, " : "")
                + marks + ", " + geometryFromWkt(s) + ") RETURNING id";
    }

    /** Binds: every field, WKT, SRID, id, expected version. Zero rows updated means the version moved on. */
    static String update(FeatureSchema s) {
        String sets = s.fields().stream().map(f -> f.name() + " = ?").collect(Collectors.joining(", "));
        return "UPDATE " + s.table() + " SET " + sets + ", geom = " + geometryFromWkt(s)
                + ", updated_at = now(), version = version + 1 WHERE id = ? AND version = ?";
    }

    /** Binds: status, time, id, status again. Zero rows when the status is already that. */
    static String setStatus(FeatureSchema s) {
        return "UPDATE " + s.table() + " SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status <> ?";
    }

    static String delete(FeatureSchema s) {
        return "DELETE FROM " + s.table() + " WHERE id = ? AND version = ?";
    }

    static final String HISTORY_INSERT = "INSERT INTO change_history (collection, feature_id, action, actor, old_value, new_value)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)";

    static final String HISTORY = "SELECT id, action, actor, changed_at, old_value::text, new_value::text FROM change_history"
            + " WHERE collection = ? AND feature_id = ? ORDER BY changed_at, id";
}
