package riskmap.evacuation.event;

/** Every statement of the evacuation-event workflow (V30 over V29's plans and households). */
final class EventSql {
    private EventSql() {
    }

    /**
     * The plans a warning triggers, with the stage: the warning is not a Cancel, its level reaches
     * the plan's prepare or evacuate level, and its area meets the plan's area. The plan's area is
     * the convex hull of its households, hazard points and risk zones (the region table holds codes,
     * no boundaries); a warning given by region codes meets a plan whose village lies in one of them.
     * Level 5 stands in for "no trigger" (a NULL level), which no warning reaches. Binds: warning id.
     */
    static final String TRIGGERED_PLANS = """
            WITH w AS (SELECT id, level, geom, area_codes FROM warning WHERE id = ? AND msg_type <> 'Cancel'),
            candidate AS (
              SELECT p.id, p.admin_code, CASE WHEN w.level >= coalesce(p.evacuate_level, 5) THEN 'evacuate' ELSE 'prepare' END AS stage
              FROM evacuation_plan p, w
              WHERE w.level >= coalesce(p.evacuate_level, 5) OR w.level >= coalesce(p.prepare_level, 5))
            SELECT c.id, c.stage FROM candidate c, w
            WHERE EXISTS (SELECT 1 FROM unnest(w.area_codes) code WHERE c.admin_code LIKE code || '%')
               OR ST_Intersects(w.geom, (SELECT ST_ConvexHull(ST_Collect(g)) FROM (
                    SELECT h.geom AS g FROM plan_household ph JOIN household h ON h.id = ph.household_id WHERE ph.plan_id = c.id
                    UNION ALL SELECT hp.geom FROM plan_hazard x JOIN hazard_point hp ON hp.id = x.hazard_point_id WHERE x.plan_id = c.id
                    UNION ALL SELECT z.geom FROM plan_zone x JOIN risk_zone z ON z.id = x.risk_zone_id WHERE x.plan_id = c.id) parts))
            ORDER BY c.id
            """;

    static final String PLAN = "SELECT admin_code FROM evacuation_plan WHERE id = ? FOR UPDATE";

    /** Opens the plan's event unless it has an open one or this warning opened one already. Binds: warning, stage, actor, at, plan. */
    static final String OPEN = """
            INSERT INTO evacuation_event (plan_id, admin_code, warning_id, stage, started_by, started_at)
            SELECT id, admin_code, ?::text, ?::text, ?::text, ?::timestamptz FROM evacuation_plan WHERE id = ?
            ON CONFLICT DO NOTHING RETURNING id
            """;

    /** Exactly the plan's households, with the plan's shelter and the members now. Binds: event, at, actor, plan. */
    static final String SNAPSHOT = """
            INSERT INTO event_household (event_id, household_id, shelter_id, people, state, updated_at, updated_by)
            SELECT ?::text, ph.household_id, ph.shelter_id, h.members, 'to_move', ?::timestamptz, ?::text FROM plan_household ph JOIN household h ON h.id = ph.household_id
            WHERE ph.plan_id = ?
            """;

    static final String OPEN_OF_PLAN = "SELECT id FROM evacuation_event WHERE plan_id = ? AND closed_at IS NULL";

    /** A red warning over a village already preparing: the open event moves on to evacuate. Binds: plan. */
    static final String RAISE_STAGE = "UPDATE evacuation_event SET stage = 'evacuate' WHERE plan_id = ? AND closed_at IS NULL AND stage = 'prepare' RETURNING id";

    private static final String EVENT_COLUMNS = """
            SELECT e.id, e.plan_id, p.name, e.admin_code, e.warning_id, e.stage, e.started_by, e.started_at, e.closed_by, e.closed_at,
                   (SELECT count(*) FROM event_household eh WHERE eh.event_id = e.id)
            FROM evacuation_event e JOIN evacuation_plan p ON p.id = e.plan_id
            """;

    static final String EVENT = EVENT_COLUMNS + " WHERE e.id = ?";

    /** Newest first. Binds: scope prefix, include open, include closed, limit. */
    static final String LIST = EVENT_COLUMNS + """
             WHERE e.admin_code LIKE ? || '%' AND ((? AND e.closed_at IS NULL) OR (? AND e.closed_at IS NOT NULL))
            ORDER BY e.started_at DESC, e.id DESC LIMIT ?
            """;

    /** Households and people per state. Binds: event. */
    static final String COUNTS = "SELECT state, count(*), sum(people) FROM event_household WHERE event_id = ? GROUP BY state";

    /**
     * Per shelter of the event: its capacity, the event's people assigned and arrived there, and the
     * people arrived there from every open event (a shelter may take several villages). Binds:
     * event, shelter or NULL for all.
     */
    static final String OCCUPANCY = """
            SELECT s.id, s.name, s.capacity, sum(eh.people), coalesce(sum(eh.people) FILTER (WHERE eh.state = 'arrived'), 0),
                   (SELECT coalesce(sum(o.people), 0) FROM event_household o JOIN evacuation_event oe ON oe.id = o.event_id
                    WHERE o.shelter_id = s.id AND o.state = 'arrived' AND oe.closed_at IS NULL)
            FROM event_household eh JOIN shelter s ON s.id = eh.shelter_id
            WHERE eh.event_id = ? AND (?::text IS NULL OR s.id = ?::text)
            GROUP BY s.id ORDER BY s.id
            """;

    /** Names and phones only where the caller reads personal data (prefix NULL: nowhere). Binds: prefix ×2, event, household or NULL for all. */
    static final String HOUSEHOLDS = """
            SELECT eh.household_id, eh.state, eh.people, eh.shelter_id, eh.updated_at, eh.updated_by, eh.note, h.admin_code, h.vulnerable,
                   CASE WHEN h.admin_code LIKE ? || '%' THEN h.head_name END, CASE WHEN h.admin_code LIKE ? || '%' THEN h.phone END,
                   ST_X(h.geom), ST_Y(h.geom)
            FROM event_household eh JOIN household h ON h.id = eh.household_id
            WHERE eh.event_id = ? AND (?::text IS NULL OR eh.household_id = ?::text)
            ORDER BY eh.household_id
            """;

    /** State changes are serialised per event, so the counts each change reports are exact. Binds: event. */
    static final String LOCK_EVENT = "SELECT admin_code, closed_at IS NOT NULL FROM evacuation_event WHERE id = ? FOR UPDATE";

    static final String HOUSEHOLD_STATE = "SELECT state, shelter_id, people FROM event_household WHERE event_id = ? AND household_id = ?";

    static final String SHELTER_EXISTS = "SELECT 1 FROM shelter WHERE id = ?";

    /** Binds: state, shelter (NULL keeps it), note, at, actor, event, household. */
    static final String SET_STATE = """
            UPDATE event_household SET state = ?, shelter_id = coalesce(?, shelter_id), note = ?, updated_at = ?, updated_by = ?
            WHERE event_id = ? AND household_id = ?
            """;

    /** Binds: event, household, from, to, shelter, actor, at, note. */
    static final String RECORD_CHANGE = """
            INSERT INTO event_household_change (event_id, household_id, from_state, to_state, shelter_id, changed_by, changed_at, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    static final String CHANGES = """
            SELECT from_state, to_state, shelter_id, changed_by, changed_at, note FROM event_household_change
            WHERE event_id = ? AND household_id = ? ORDER BY id
            """;

    /** Binds: actor, at, event. */
    static final String CLOSE = "UPDATE evacuation_event SET closed_by = ?, closed_at = ? WHERE id = ?";

    /** Sent at commit to every server's LISTEN connection. Binds: payload. */
    static final String NOTIFY = "SELECT pg_notify('" + EventFeed.CHANNEL + "', ?)";
}
