package riskmap.query;

import riskmap.domain.Bbox;
import riskmap.region.RegionLevel;

/**
 * Hazard counts and threatened people grouped by one attribute.
 *
 * @param groupBy    category, risk_level, status, admin_code (grouped by county: its first 6 digits)
 *                   or region (grouped by the region at {@code level}: the first digits of admin_code)
 * @param level      the level regions are grouped at; set exactly when {@code groupBy} is region
 * @param bbox       area to count in, or null for everywhere
 * @param filter     which hazard points count
 */
public record StatsQuery(GroupBy groupBy, RegionLevel level, Bbox bbox, HazardFilter filter) {
    public enum GroupBy { category, risk_level, status, admin_code, region }

    public StatsQuery {
        if ((groupBy == GroupBy.region) != (level != null)) throw new IllegalArgumentException("a level goes with group_by=region only");
    }
}
