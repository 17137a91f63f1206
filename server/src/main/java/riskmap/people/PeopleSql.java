package riskmap.people;

import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.store.Column;
import riskmap.store.FeatureSql;
import riskmap.store.SqlFragment;

/**
 * Every SQL statement of the people registry. Values are always bound; which rows and phones a
 * caller may read comes from {@link Visibility} through {@link FeatureSql}, the same rule as for
 * features (table alias {@code t}, column {@code t.admin_code}).
 */
final class PeopleSql {
    /** The phone is personal data: NULL outside the caller's personal scope. */
    static final Column PHONE = Person.PHONE;
    /** The e-mail address is personal data too. */
    static final Column EMAIL = Column.personal("email", "e-mail address of the person (callers whose scope covers the person only)");
    static final String ROLES = "SELECT id, name_zh, name_en FROM duty_role ORDER BY position";
    static final String INSERT = "INSERT INTO person (name, phone, email, unit, duty_roles, tier, admin_code, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    /** Binds: the eight fields, id, expected version. Zero rows updated means the version moved on. */
    static final String UPDATE = "UPDATE person SET name = ?, phone = ?, email = ?, unit = ?, duty_roles = ?, tier = ?, admin_code = ?, note = ?,"
            + " updated_at = now(), version = version + 1 WHERE id = ? AND version = ?";
    static final String DELETE = "DELETE FROM person WHERE id = ? AND version = ?";
    /** The whole row (phone included) with its history document, for a write to start from. */
    static final String CURRENT = "SELECT t.*, (to_jsonb(t) - 'version')::text AS doc FROM person t WHERE t.id = ?";
    /** Binds: id, action, actor, old document, id again. The new document is read from the row itself (NULL once deleted). */
    static final String HISTORY_INSERT = "INSERT INTO change_history (collection, feature_id, action, actor, old_value, new_value)"
            + " SELECT 'people', ?, ?, ?, ?::jsonb, (SELECT to_jsonb(t) - 'version' FROM person t WHERE t.id = ?)";
    /** The person's admin code now, or in the last recorded change once deleted: whose scope the history is in. */
    static final String HISTORY_ADMIN_CODE = "SELECT admin_code, 0 AS source FROM person WHERE id = ?"
            + " UNION ALL (SELECT coalesce(new_value, old_value) ->> 'admin_code', 1 FROM change_history"
            + " WHERE collection = 'people' AND feature_id = ? ORDER BY id DESC LIMIT 1) ORDER BY source LIMIT 1";

    private PeopleSql() {
    }

    /** The select list as {@code v} may see it. */
    private static String select(Visibility v) {
        String phone = v.anyPersonal() ? FeatureSql.column(PHONE, v) : "NULL::text";
        String email = v.anyPersonal() ? FeatureSql.column(EMAIL, v) : "NULL::text";
        return "SELECT t.id, t.name, " + phone + " AS phone, " + email + " AS email, t.unit, t.duty_roles, t.tier, t.admin_code, t.note, t.updated_at, t.version FROM person t";
    }

    /** One person, if {@code v} may read it. */
    static SqlFragment one(String id, Visibility v) {
        SqlFragment where = SqlFragment.join(" AND ", List.of(SqlFragment.of("t.id = ?", id), FeatureSql.visibleRows(v)));
        return new SqlFragment(select(v) + where.whereClause(), where.binds());
    }

    /** A page of matches, by region code then id (stable while paging). */
    static SqlFragment page(PeopleQuery q, Visibility v) {
        SqlFragment where = filter(q, v);
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(q.limit());
        binds.add(q.offset());
        return new SqlFragment(select(v) + where.whereClause() + " ORDER BY t.admin_code, t.id LIMIT ? OFFSET ?", binds);
    }

    static SqlFragment count(PeopleQuery q, Visibility v) {
        SqlFragment where = filter(q, v);
        return new SqlFragment("SELECT count(*) FROM person t" + where.whereClause(), where.binds());
    }

    private static SqlFragment filter(PeopleQuery q, Visibility v) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(FeatureSql.visibleRows(v));
        if (q.adminCode() != null) parts.add(SqlFragment.of("t.admin_code LIKE ?", q.adminCode() + "%")); // digits only: nothing to escape
        if (q.text() != null) {
            String like = "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            parts.add(SqlFragment.of("(t.id = ? OR t.name ILIKE ? OR t.unit ILIKE ?)", q.text(), like, like));
        }
        if (!q.roles().isEmpty()) parts.add(SqlFragment.of("t.duty_roles && ?", (Object) q.roles().toArray(String[]::new)));
        if (!q.tiers().isEmpty()) parts.add(SqlFragment.of("t.tier = ANY (?)", (Object) q.tiers().toArray(String[]::new)));
        return SqlFragment.join(" AND ", parts);
    }

    /**
     * The hazard points, risk zones and shelters linked to a person that {@code v} may read, in
     * {@link riskmap.geojson.GeoJsonWriter}'s row layout (id, geometry, properties), by collection then id.
     */
    static SqlFragment linked(String personId, Visibility v) {
        List<SqlFragment> branches = List.of(
                branch("hazards", "hazard_point", "t.category, t.risk_level", personId, v),
                branch("risk_zones", "risk_zone", "t.category, t.risk_level", personId, v),
                branch("shelters", "shelter", "NULL::text AS category, NULL::smallint AS risk_level", personId, v));
        SqlFragment union = SqlFragment.join(" UNION ALL ", branches);
        return new SqlFragment(union.sql() + " ORDER BY 3, 1", union.binds());
    }

    private static SqlFragment branch(String collection, String table, String categoryAndLevel, String personId, Visibility v) {
        SqlFragment where = SqlFragment.join(" AND ", List.of(SqlFragment.of("t.responsible_person_id = ?", personId), FeatureSql.visibleRows(v)));
        return new SqlFragment("SELECT t.id, ST_AsGeoJSON(t.geom, " + FeatureSql.DECIMALS + ", 0) AS geometry, '" + collection + "' AS collection, t.name, "
                + categoryAndLevel + ", t.admin_code FROM " + table + " t" + where.whereClause(), where.binds());
    }
}
