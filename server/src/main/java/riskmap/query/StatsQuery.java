package riskmap.query;

import riskmap.domain.Bbox;

/**
 * Hazard counts and threatened people grouped by one attribute.
 *
 * @param groupBy    category, risk_level, status or admin_code (grouped by county: its first 6 digits)
 * @param bbox       area to count in, or null for everywhere
 * @param filter     which hazard points count
 */
public record StatsQuery(GroupBy groupBy, Bbox bbox, HazardFilter filter) {
    public enum GroupBy { category, risk_level, status, admin_code }
}
