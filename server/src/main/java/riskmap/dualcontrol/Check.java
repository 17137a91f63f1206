package riskmap.dualcontrol;

import java.util.List;

/**
 * The inconsistencies between points and zones that {@code GET /api/dual-control/checks} lists, each
 * with its statement in {@link DualControlSql}.
 */
enum Check {
    /** A severe (level 4) point that no zone answers for. */
    LEVEL4_WITHOUT_ZONE("level4_without_zone", DualControlSql.LEVEL4_WITHOUT_ZONE, false),
    /** A zone that answers for no point. */
    ZONES_WITHOUT_POINTS("zones_without_points", DualControlSql.ZONES_WITHOUT_POINTS, false),
    /** A linked point farther from its zone than the suggestion distance (a mistaken link, or a moved point). */
    LINKS_FAR_APART("links_far_apart", DualControlSql.LINKS_FAR_APART, true),
    /** A zone whose threatened people were never entered. */
    ZONES_WITHOUT_THREATENED_PEOPLE("zones_without_threatened_people", DualControlSql.ZONES_WITHOUT_THREATENED_PEOPLE, false);

    final String id;
    final String sql;
    /** The statement binds the distance after the region. */
    final boolean usesDistance;

    Check(String id, String sql, boolean usesDistance) {
        this.id = id;
        this.sql = sql;
        this.usesDistance = usesDistance;
    }

    /** One finding: a point, a zone, or a pair ({@code zone/hazard}); {@code detail} is the distance in metres for far links. */
    record Finding(String id, String name, String adminCode, Double distanceMetres) {
    }

    /** A check's answer: the exact number of findings and the first {@code limit} of them. */
    record Result(Check check, long count, List<Finding> items) {
    }
}
