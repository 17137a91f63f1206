package riskmap.warning;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Visibility;
import riskmap.people.Person;
import riskmap.store.FeatureSql;
import riskmap.store.SqlFragment;

/**
 * Every SQL statement of the warnings: values always bound, the phones of targets through
 * {@link FeatureSql#column} (person alias {@code t}), like every other read of personal data.
 */
final class WarningSql {
    /** {@code expired} is computed here, at read time, from {@code expires}: never stored. */
    static final String STATE = "CASE WHEN w.state = 'issued' AND w.expires <= now() THEN 'expired' ELSE w.state END";
    static final String SELECT = "SELECT w.id, w.identifier, w.sender, w.sender_code, w.sender_name, w.msg_type,"
            + " (SELECT coalesce(json_agg(json_build_object('id', r.id, 'sender', r.sender, 'identifier', r.identifier, 'sent', r.sent)"
            + " ORDER BY array_position(w.references_ids, r.id)), '[]')::text FROM warning r WHERE r.id = ANY (w.references_ids)) AS refs,"
            + " w.status, " + STATE + " AS state, w.level, w.category, w.event, w.urgency, w.certainty, w.headline, w.description,"
            + " w.instruction, w.effective, w.expires, w.area_desc, w.area_polygons::text AS polygons, w.area_circles::text AS circles,"
            + " w.area_codes, ST_AsGeoJSON(w.geom, " + FeatureSql.DECIMALS + ", 0) AS geometry, w.created_by, w.created_at, w.sent,"
            + " w.updated_at, w.version FROM warning w";
    static final String ONE = SELECT + " WHERE w.id = ?";
    static final String LOCK = "SELECT id FROM warning WHERE id = ? FOR UPDATE";
    /** Binds: sender, sender_code, sender_name, msg_type, references_ids, status, level, category, event, urgency, certainty,
     * headline, description, instruction, effective, expires, area_desc, area_polygons, area_circles, area_codes, created_by. */
    static final String INSERT = "INSERT INTO warning (sender, sender_code, sender_name, msg_type, references_ids, status, level, category,"
            + " event, urgency, certainty, headline, description, instruction, effective, expires, area_desc, area_polygons, area_circles,"
            + " area_codes, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) RETURNING id";
    /** Binds: the 16 fields from status to area_codes (as INSERT's 6th to 20th, sender_code and sender_name first), id, version. */
    static final String UPDATE_DRAFT = "UPDATE warning SET sender_code = ?, sender_name = ?, status = ?, level = ?, category = ?, event = ?,"
            + " urgency = ?, certainty = ?, headline = ?, description = ?, instruction = ?, effective = ?, expires = ?, area_desc = ?,"
            + " area_polygons = ?::jsonb, area_circles = ?::jsonb, area_codes = ?, updated_at = now(), version = version + 1"
            + " WHERE id = ? AND version = ? AND state = 'draft'";
    /** Binds: identifier, sent, id. */
    static final String MARK_ISSUED = "UPDATE warning SET state = 'issued', identifier = ?, sent = ?, updated_at = now(), version = version + 1 WHERE id = ?";
    /** Binds: new state (updated, cancelled), id. */
    static final String MARK_SUPERSEDED = "UPDATE warning SET state = ?, updated_at = now(), version = version + 1 WHERE id = ?";
    /** Binds: sender code, the second's prefix: how many identifiers that unit already used in that second (GB/T 35965.1's N). */
    static final String SAME_SECOND = "SELECT count(*) FROM warning WHERE identifier LIKE ?";
    static final String BY_IDENTIFIER = "SELECT id FROM warning WHERE identifier = ?";
    /** Binds: id, action, actor, old document, id again; documents without the geometry (it follows from the area). */
    static final String HISTORY_INSERT = "INSERT INTO change_history (collection, feature_id, action, actor, old_value, new_value)"
            + " SELECT 'warnings', ?, ?, ?, ?::jsonb, (SELECT to_jsonb(w) - 'version' - 'geom' FROM warning w WHERE w.id = ?)";
    static final String DOCUMENT = "SELECT (to_jsonb(w) - 'version' - 'geom')::text FROM warning w WHERE w.id = ?";
    static final String UNKNOWN_CODES = "SELECT c FROM unnest(?::text[]) c WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = c) ORDER BY c";
    static final String COUNT_BY_TIER_AND_STATE = "SELECT tier, state, count(*) FROM warning_target WHERE warning_id = ? GROUP BY tier, state";

    private WarningSql() {
    }

    /** The area of a stored warning, as {@link #withArea} needs it. */
    static SqlFragment storedArea(String id) {
        return SqlFragment.of("SELECT w.geom AS g, w.area_codes AS codes FROM warning w WHERE w.id = ?", id);
    }

    /** The area of a request, not stored: the same geometry function as the stored column. */
    static SqlFragment requestArea(WarningArea a) {
        return SqlFragment.of("SELECT warning_area_geom(?::jsonb, ?::jsonb) AS g, ?::text[] AS codes",
                a.polygonsJson(), a.circlesJson(), a.regionCodes().toArray(String[]::new));
    }

    /**
     * {@code area} (g, codes, prefixes) and {@code hz}: the hazard points and risk zones inside —
     * intersecting the geometry, or with an admin code inside one of the region codes.
     */
    private static String hazardsCte() {
        return " area AS (SELECT a.g, a.codes, ARRAY(SELECT c || '%' FROM unnest(a.codes) c) AS prefixes FROM area_source a),"
                + " hz AS (SELECT 'hazards' AS collection, h.id, h.name, h.category, h.risk_level, h.admin_code, h.responsible_person_id"
                + " FROM hazard_point h, area WHERE ST_Intersects(h.geom, area.g) OR h.admin_code LIKE ANY (area.prefixes)"
                + " UNION ALL SELECT 'risk_zones', z.id, z.name, z.category, z.risk_level, z.admin_code, z.responsible_person_id"
                + " FROM risk_zone z, area WHERE ST_Intersects(z.geom, area.g) OR z.admin_code LIKE ANY (area.prefixes))";
    }

    private static SqlFragment withArea(SqlFragment source, String ctes, String rest, List<Object> restBinds) {
        List<Object> binds = new ArrayList<>(source.binds());
        binds.addAll(restBinds);
        return new SqlFragment("WITH area_source AS (" + source.sql() + ")," + hazardsCte() + ctes + " " + rest, binds);
    }

    /** The hazards inside the area, most severe first. */
    static SqlFragment hazardsInside(SqlFragment area) {
        return withArea(area, "", "SELECT collection, id, name, category, risk_level, admin_code, responsible_person_id FROM hz"
                + " ORDER BY risk_level DESC, collection, id", List.of());
    }

    /**
     * {@code calls}: one row per (person, hazard, reason) — the linked responsible person of each
     * hazard inside; the duty people of the places those hazards lie in (the village, township and
     * county whose code the hazard's admin code starts with); for region codes, everyone serving
     * inside those regions and the people of the regions above them (county and below) — then
     * {@code targets}: one row per person with the hazards and reasons aggregated.
     */
    private static final String TARGET_CTES = ","
            + " calls AS (SELECT hz.responsible_person_id AS person_id, hz.id AS hazard_id, 'responsible' AS reason FROM hz"
            + " WHERE hz.responsible_person_id IS NOT NULL"
            + " UNION ALL SELECT p.id, hz.id, 'duty' FROM hz JOIN person p ON hz.admin_code LIKE p.admin_code || '%'"
            + " UNION ALL SELECT p.id, NULL, 'duty' FROM person p, area WHERE p.admin_code LIKE ANY (area.prefixes)"
            + " OR EXISTS (SELECT 1 FROM unnest(area.codes) c WHERE c LIKE p.admin_code || '%')),"
            + " targets AS (SELECT person_id, coalesce(array_agg(DISTINCT hazard_id ORDER BY hazard_id) FILTER (WHERE hazard_id IS NOT NULL), '{}') AS hazard_ids,"
            + " array_agg(DISTINCT reason ORDER BY reason) AS reasons FROM calls GROUP BY person_id)";
    static final String TIER_ORDER = "array_position(ARRAY['village', 'township', 'county'], t.tier), t.admin_code, t.id";

    /** The people the area calls, as {@code v} may see their phones, village first. */
    static SqlFragment targetsOf(SqlFragment area, Visibility v) {
        SqlFragment rows = FeatureSql.visibleRows(v);
        return withArea(area, TARGET_CTES, "SELECT t.id, t.name, " + phone(v) + " AS phone, t.unit, t.tier, t.admin_code, tg.hazard_ids, tg.reasons,"
                + " NULL::text AS state, NULL::timestamptz AS deadline, NULL::timestamptz AS answered_at, NULL::text AS answer,"
                + " NULL::text AS end_reason, NULL::text AS end_detail"
                + " FROM targets tg JOIN person t ON t.id = tg.person_id" + (rows.isEmpty() ? "" : " AND " + rows.sql())
                + " ORDER BY " + TIER_ORDER, rows.binds());
    }

    /** Stores the targets of warning {@code id}, computed from its stored area. */
    static SqlFragment insertTargets(String id) {
        SqlFragment computed = withArea(storedArea(id), TARGET_CTES, "SELECT ?, t.id, t.tier, tg.hazard_ids, tg.reasons"
                + " FROM targets tg JOIN person t ON t.id = tg.person_id", List.of(id));
        return new SqlFragment("INSERT INTO warning_target (warning_id, person_id, tier, hazard_ids, reasons) " + computed.sql(), computed.binds());
    }

    /** Binds: now, the unanswered states — the target's deadline passed without an answer (alias {@code wt}). */
    private static final String OVERDUE = "(wt.deadline < ? AND wt.state = ANY (?))";

    /** The stored targets of a warning, as {@code v} may see them, village first. */
    static SqlFragment storedTargets(String id, Visibility v) {
        return storedTargets(id, v, SqlFragment.of(TIER_ORDER));
    }

    /** The first {@code limit} stored targets in the board's order: overdue at {@code now} first, then by deadline. */
    static SqlFragment boardTargets(String id, Visibility v, OffsetDateTime now, int limit) {
        SqlFragment order = SqlFragment.of(OVERDUE + " DESC, wt.deadline NULLS LAST, " + TIER_ORDER + " LIMIT ?", now, unanswered(), limit);
        return storedTargets(id, v, order);
    }

    /** How many of a warning's targets are overdue at {@code now}, over all of them. */
    static SqlFragment overdueCount(String id, OffsetDateTime now) {
        return SqlFragment.of("SELECT count(*) FROM warning_target wt WHERE wt.warning_id = ? AND " + OVERDUE, id, now, unanswered());
    }

    private static String[] unanswered() {
        return WarningBoard.UNANSWERED.toArray(String[]::new);
    }

    /** {@code orderAndLimit}: what follows ORDER BY, with its binds. */
    private static SqlFragment storedTargets(String id, Visibility v, SqlFragment orderAndLimit) {
        SqlFragment rows = FeatureSql.visibleRows(v);
        List<Object> binds = new ArrayList<>();
        binds.add(id);
        binds.addAll(rows.binds());
        binds.addAll(orderAndLimit.binds());
        return new SqlFragment("SELECT t.id, t.name, " + phone(v) + " AS phone, t.unit, wt.tier, t.admin_code, wt.hazard_ids, wt.reasons,"
                + " wt.state, wt.deadline, wt.answered_at, wt.answer, wt.end_reason, wt.end_detail FROM warning_target wt JOIN person t ON t.id = wt.person_id"
                + " WHERE wt.warning_id = ?" + (rows.isEmpty() ? "" : " AND " + rows.sql()) + " ORDER BY " + orderAndLimit.sql(), binds);
    }

    private static String phone(Visibility v) {
        return v.anyPersonal() ? FeatureSql.column(Person.PHONE, v) : "NULL::text";
    }

    /** A list query: filters on the computed state, level and bbox; drafts only for {@code draftScope} (null: none, "" all). */
    static SqlFragment list(WarningQuery q, String draftScope) {
        List<SqlFragment> parts = new ArrayList<>();
        if (!q.states().isEmpty()) parts.add(SqlFragment.of(STATE + " = ANY (?)", (Object) q.states().toArray(String[]::new)));
        if (q.activeOnly()) parts.add(SqlFragment.of("w.state = 'issued' AND w.expires > now()"));
        if (!q.levels().isEmpty()) parts.add(SqlFragment.of("w.level = ANY (?)", (Object) q.levels().toArray(Integer[]::new)));
        if (q.bbox() != null) {
            Object[] box = {q.bbox().minX(), q.bbox().minY(), q.bbox().maxX(), q.bbox().maxY()};
            // an area of region codes only has no geometry: it is in the box when a hazard of its regions is
            parts.add(new SqlFragment("(w.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) OR w.geom IS NULL AND EXISTS (SELECT 1 FROM hazard_point h"
                    + " WHERE h.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND h.admin_code LIKE ANY (ARRAY(SELECT c || '%' FROM unnest(w.area_codes) c))))",
                    List.of(box[0], box[1], box[2], box[3], box[0], box[1], box[2], box[3])));
        }
        parts.add(draftScope == null ? SqlFragment.of("w.state <> 'draft'")
                : SqlFragment.of("(w.state <> 'draft' OR w.sender_code LIKE ? OR ? LIKE left(w.sender_code, 6) || '%')", draftScope + "%", draftScope));
        SqlFragment where = SqlFragment.join(" AND ", parts);
        List<Object> binds = new ArrayList<>(where.binds());
        binds.add(q.limit());
        return new SqlFragment(SELECT + where.whereClause() + " ORDER BY coalesce(w.sent, w.created_at) DESC, w.id DESC LIMIT ?", binds);
    }
}
