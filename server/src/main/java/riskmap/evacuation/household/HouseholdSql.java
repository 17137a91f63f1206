package riskmap.evacuation.household;

import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.domain.Bbox;
import riskmap.store.Column;
import riskmap.store.FeatureSql;
import riskmap.store.OgcSql;
import riskmap.store.SqlFragment;

/**
 * Every SQL statement of the households. Values are always bound; which rows and phones a caller
 * may read comes from {@link Visibility} through {@link FeatureSql}, as for people and features.
 */
final class HouseholdSql {
    /** The phone is personal data: NULL outside the caller's personal scope, and for anonymous callers. */
    static final Column PHONE = Column.personal("phone", "phone of the household (callers whose scope covers it only)");
    static final String INSERT = "INSERT INTO household (admin_code, head_name, members, vulnerable, vulnerable_note, phone, address, geom)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)) RETURNING id";
    static final String UPDATE = "UPDATE household SET admin_code = ?, head_name = ?, members = ?, vulnerable = ?, vulnerable_note = ?, phone = ?,"
            + " address = ?, geom = ST_SetSRID(ST_MakePoint(?, ?), 4326), updated_at = now() WHERE id = ?";
    static final String DELETE = "DELETE FROM household WHERE id = ?";
    /** The stored admin code, locking the row for the write that checks it. */
    static final String ADMIN_CODE_FOR_UPDATE = "SELECT admin_code FROM household WHERE id = ? FOR UPDATE";
    static final String CLEAR_HAZARDS = "DELETE FROM household_hazard WHERE household_id = ?";
    static final String ADD_HAZARD = "INSERT INTO household_hazard (household_id, hazard_point_id) VALUES (?, ?)";
    /** The ids among those asked for that name no hazard point. */
    static final String UNKNOWN_HAZARDS = "SELECT x FROM unnest(?::text[]) x WHERE NOT EXISTS (SELECT 1 FROM hazard_point h WHERE h.id = x)";

    private HouseholdSql() {
    }

    private static String select(Visibility v) {
        String phone = v.anyPersonal() ? FeatureSql.column(PHONE, v) : "NULL::text";
        return "SELECT t.id, t.admin_code, t.head_name, t.members, t.vulnerable, t.vulnerable_note, " + phone + " AS phone, t.address,"
                + " ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat,"
                + " ARRAY(SELECT hh.hazard_point_id FROM household_hazard hh WHERE hh.household_id = t.id ORDER BY 1) AS hazard_ids FROM household t";
    }

    static SqlFragment one(String id, Visibility v) {
        SqlFragment where = SqlFragment.join(" AND ", List.of(SqlFragment.of("t.id = ?", id), FeatureSql.visibleRows(v)));
        return new SqlFragment(select(v) + where.whereClause(), where.binds());
    }

    static SqlFragment search(HouseholdQuery q, Visibility v) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(FeatureSql.visibleRows(v));
        if (q.adminCode() != null) parts.add(SqlFragment.of("t.admin_code LIKE ?", q.adminCode() + "%")); // digits only: nothing to escape
        Bbox b = q.bbox();
        if (b != null) parts.add(OgcSql.bbox(b.minX(), b.minY(), b.maxX(), b.maxY(), OgcSql.STORAGE_SRID));
        SqlFragment where = SqlFragment.join(" AND ", parts);
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(q.limit());
        return new SqlFragment(select(v) + where.whereClause() + " ORDER BY t.admin_code, t.id LIMIT ?", binds);
    }
}
