package riskmap.evacuation.plan;

import java.util.List;
import riskmap.auth.Visibility;
import riskmap.store.FeatureSql;
import riskmap.store.SqlFragment;

/** Every SQL statement of the evacuation plans; values bound, rows limited to what the caller may read. */
final class PlanSql {
    static final String INSERT = "INSERT INTO evacuation_plan (name, admin_code, leader_person_id, prepare_level, evacuate_level, signal)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    static final String UPDATE = "UPDATE evacuation_plan SET name = ?, admin_code = ?, leader_person_id = ?, prepare_level = ?, evacuate_level = ?,"
            + " signal = ?, updated_at = now() WHERE id = ?";
    static final String DELETE = "DELETE FROM evacuation_plan WHERE id = ?";
    static final String CLEAR_HAZARDS = "DELETE FROM plan_hazard WHERE plan_id = ?";
    static final String CLEAR_ZONES = "DELETE FROM plan_zone WHERE plan_id = ?";
    static final String CLEAR_HOUSEHOLDS = "DELETE FROM plan_household WHERE plan_id = ?";
    static final String ADD_HAZARD = "INSERT INTO plan_hazard (plan_id, hazard_point_id) VALUES (?, ?)";
    static final String ADD_ZONE = "INSERT INTO plan_zone (plan_id, risk_zone_id) VALUES (?, ?)";
    /** A household with its shelter, the straight route and its length when a shelter is named. */
    static final String ADD_HOUSEHOLD = "INSERT INTO plan_household (plan_id, household_id, shelter_id, route, distance_m)"
            + " SELECT ?, h.id, s.id, ST_MakeLine(h.geom, s.geom), ST_Distance(h.geom::geography, s.geom::geography)"
            + " FROM household h LEFT JOIN shelter s ON s.id = ? WHERE h.id = ?";
    /** The plan's households for the allocator: id, position, people. */
    static final String MEMBERS = "SELECT h.id, ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat, h.members FROM plan_household ph"
            + " JOIN household h ON h.id = ph.household_id WHERE ph.plan_id = ? ORDER BY h.id";
    /** Binds: shelter id (null: none), distance, shelter id, plan id, household id. */
    static final String PLACE = "UPDATE plan_household ph SET shelter_id = ?, distance_m = ?,"
            + " route = (SELECT ST_MakeLine(h.geom, s.geom) FROM household h, shelter s WHERE h.id = ph.household_id AND s.id = ?)"
            + " WHERE ph.plan_id = ? AND ph.household_id = ?";

    private PlanSql() {
    }

    /** Plans as JSON documents, each with its hazards, zones and households. */
    static SqlFragment documents(SqlFragment which, Visibility v) {
        SqlFragment where = SqlFragment.join(" AND ", List.of(which, FeatureSql.visibleRows(v)));
        return new SqlFragment("SELECT json_build_object('id', t.id, 'name', t.name, 'admin_code', t.admin_code, 'leader_person_id', t.leader_person_id,"
                + " 'prepare_level', t.prepare_level, 'evacuate_level', t.evacuate_level, 'signal', t.signal,"
                + " 'hazard_ids', coalesce((SELECT json_agg(hazard_point_id ORDER BY 1) FROM plan_hazard WHERE plan_id = t.id), '[]'),"
                + " 'zone_ids', coalesce((SELECT json_agg(risk_zone_id ORDER BY 1) FROM plan_zone WHERE plan_id = t.id), '[]'),"
                + " 'households', coalesce((SELECT json_agg(json_build_object('household_id', household_id, 'shelter_id', shelter_id,"
                + " 'distance_m', round(distance_m::numeric, 1)) ORDER BY household_id) FROM plan_household WHERE plan_id = t.id), '[]'),"
                + " 'updated_at', t.updated_at)::text FROM evacuation_plan t" + where.whereClause() + " ORDER BY t.admin_code, t.id", where.binds());
    }

    static SqlFragment one(String id, Visibility v) {
        return documents(SqlFragment.of("t.id = ?", id), v);
    }

    static SqlFragment search(String adminCode, Visibility v) {
        return documents(adminCode == null ? SqlFragment.EMPTY : SqlFragment.of("t.admin_code LIKE ?", adminCode + "%"), v);
    }
}
