package riskmap.dualcontrol;

/**
 * Every statement of the dual-control workflow. Distances are metres on the spheroid (geography);
 * a point inside its zone is 0 m from it. Region filters are digit prefixes bound as {@code prefix%}
 * ({@code %} alone for the whole country); a zone without an admin code lies only in the whole country.
 */
final class DualControlSql {
    private DualControlSql() {
    }

    static final String ZONE_IN = "coalesce(z.admin_code, '') LIKE ?";

    /** The zone's admin code, if the zone exists and lies in the readable rows. */
    static final String ZONE = "SELECT z.admin_code FROM risk_zone z WHERE z.id = ? AND " + ZONE_IN;

    /** The same, locked: link writes on one zone take turns, so two confirmations of one pair record one link. */
    static final String ZONE_FOR_UPDATE = "SELECT z.admin_code FROM risk_zone z WHERE z.id = ? FOR UPDATE";

    /** The point's columns as {@link ZoneHazard} reads them, with its distance from zone {@code z}. */
    private static final String POINT_COLUMNS = "h.id, h.name, h.category, h.risk_level, h.status, h.admin_code,"
            + " ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat, ST_Distance(h.geom::geography, z.geom::geography) AS distance_m,"
            + " ST_Covers(z.geom, h.geom) AS inside";

    /** One point with its distance from one zone. Binds: hazard id, zone id. */
    static final String POINT_NEAR_ZONE = "SELECT " + POINT_COLUMNS + " FROM hazard_point h, risk_zone z WHERE h.id = ? AND z.id = ?";

    /** The points linked to a zone. Binds: zone id, readable-rows prefix. */
    static final String LINKED = "SELECT " + POINT_COLUMNS + ", l.source, l.confirmed_by, l.confirmed_at"
            + " FROM zone_hazard l JOIN risk_zone z ON z.id = l.zone_id JOIN hazard_point h ON h.id = l.hazard_id"
            + " WHERE l.zone_id = ? AND h.admin_code LIKE ? ORDER BY h.id";

    /** One link. Binds: zone id, hazard id. */
    static final String LINK = "SELECT " + POINT_COLUMNS + ", l.source, l.confirmed_by, l.confirmed_at"
            + " FROM zone_hazard l JOIN risk_zone z ON z.id = l.zone_id JOIN hazard_point h ON h.id = l.hazard_id"
            + " WHERE l.zone_id = ? AND l.hazard_id = ?";

    /**
     * Points inside the zone or within the distance of it that are not linked to it yet, nearest first.
     * The geometry index finds the candidates in the zone's geodesic search box (V40), the spheroid
     * decides. Binds: distance, distance, zone id, readable-rows prefix, limit.
     */
    static final String SUGGESTIONS = "SELECT " + POINT_COLUMNS
            + " FROM risk_zone z JOIN hazard_point h ON h.geom && geodesic_search_box(z.geom, ?) AND ST_DWithin(h.geom::geography, z.geom::geography, ?)"
            + " WHERE z.id = ? AND h.admin_code LIKE ?"
            + " AND NOT EXISTS (SELECT 1 FROM zone_hazard l WHERE l.zone_id = z.id AND l.hazard_id = h.id)"
            + " ORDER BY distance_m, h.id LIMIT ?";

    static final String INSERT_LINK = "INSERT INTO zone_hazard (zone_id, hazard_id, source, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?)";

    static final String DELETE_LINK = "DELETE FROM zone_hazard WHERE zone_id = ? AND hazard_id = ?";

    // The checks: each returns the id, name, admin code, a detail number and count(*) OVER () — the
    // window is computed before LIMIT, so the count is exact even when the list is cut.
    // Binds: region prefix (and the distance for far links), limit.

    static final String LEVEL4_WITHOUT_ZONE = "SELECT h.id, h.name, h.admin_code, NULL::float8 AS detail, count(*) OVER () AS total"
            + " FROM hazard_point h WHERE h.risk_level = 4 AND h.admin_code LIKE ?"
            + " AND NOT EXISTS (SELECT 1 FROM zone_hazard l WHERE l.hazard_id = h.id) ORDER BY h.id LIMIT ?";

    static final String ZONES_WITHOUT_POINTS = "SELECT z.id, z.name, z.admin_code, NULL::float8 AS detail, count(*) OVER () AS total"
            + " FROM risk_zone z WHERE " + ZONE_IN
            + " AND NOT EXISTS (SELECT 1 FROM zone_hazard l WHERE l.zone_id = z.id) ORDER BY z.id LIMIT ?";

    /** Linked pairs farther apart than the distance; the id is {@code zone/hazard}, the detail the distance in metres. */
    static final String LINKS_FAR_APART = "SELECT z.id || '/' || h.id, z.name || ' / ' || h.name, z.admin_code,"
            + " ST_Distance(h.geom::geography, z.geom::geography) AS detail, count(*) OVER () AS total"
            + " FROM zone_hazard l JOIN risk_zone z ON z.id = l.zone_id JOIN hazard_point h ON h.id = l.hazard_id"
            + " WHERE " + ZONE_IN + " AND NOT ST_DWithin(h.geom::geography, z.geom::geography, ?) ORDER BY z.id, h.id LIMIT ?";

    static final String ZONES_WITHOUT_THREATENED_PEOPLE = "SELECT z.id, z.name, z.admin_code, NULL::float8 AS detail, count(*) OVER () AS total"
            + " FROM risk_zone z WHERE " + ZONE_IN + " AND z.threatened_people IS NULL ORDER BY z.id LIMIT ?";
}
