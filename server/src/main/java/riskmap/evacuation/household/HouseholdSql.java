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
    static final String CLEAR_HAZARDS = "DELETE FROM household_hazard WHERE household_id = ?";
    static final String ADD_HAZARD = "INSERT INTO household_hazard (household_id, hazard_point_id) VALUES (?, ?)";
    /** The ids among those asked for that name no hazard point. */
    static final String UNKNOWN_HAZARDS = "SELECT x FROM unnest(?::text[]) x WHERE NOT EXISTS (SELECT 1 FROM hazard_point h WHERE h.id = x)";

    private HouseholdSql() {
    }

    /**
     * The 明白卡 rows: a household with each plan it is in (or none), its shelter and the plan's
     * leader; the leader's phone only inside the caller's personal scope (over the person's admin code).
     * Hazards as a JSON array of {name, level}. Binds: those of {@code which}.
     */
    static SqlFragment cards(SqlFragment which, Visibility v) {
        String leaderPhone = v.anyPersonal() ? "(SELECT " + FeatureSql.column(PHONE, v) + " FROM person t WHERE t.id = p.leader_person_id)" : "NULL::text";
        SqlFragment where = SqlFragment.join(" AND ", List.of(which, FeatureSql.visibleRows(v)));
        return new SqlFragment("SELECT t.id, t.head_name, t.members, t.vulnerable, t.vulnerable_note, t.address, p.id AS plan_id, p.name AS plan_name,"
                + " p.signal, ph.distance_m, s.name AS shelter_name, s.address AS shelter_address, l.name AS leader_name, " + leaderPhone + " AS leader_phone,"
                + " (SELECT json_agg(json_build_object('name', h.name, 'level', h.risk_level) ORDER BY h.risk_level DESC, h.id)"
                + " FROM household_hazard x JOIN hazard_point h ON h.id = x.hazard_point_id WHERE x.household_id = t.id)::text AS hazards"
                + " FROM household t LEFT JOIN plan_household ph ON ph.household_id = t.id LEFT JOIN evacuation_plan p ON p.id = ph.plan_id"
                + " LEFT JOIN shelter s ON s.id = ph.shelter_id LEFT JOIN person l ON l.id = p.leader_person_id"
                + where.whereClause() + " ORDER BY t.admin_code, t.id, p.id", where.binds());
    }

    /** The card of one household, in each of its plans. */
    static SqlFragment householdCards(String id, Visibility v) {
        return cards(SqlFragment.of("t.id = ?", id), v);
    }

    /** The cards of a plan's households. */
    static SqlFragment planCards(String planId, Visibility v) {
        return cards(SqlFragment.of("ph.plan_id = ?", planId), v);
    }

    /** The plan, when {@code v} may read it. */
    static SqlFragment plan(String planId, Visibility v) {
        SqlFragment where = SqlFragment.join(" AND ", List.of(SqlFragment.of("t.id = ?", planId), FeatureSql.visibleRows(v)));
        return new SqlFragment("SELECT t.id, t.name FROM evacuation_plan t" + where.whereClause(), where.binds());
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
