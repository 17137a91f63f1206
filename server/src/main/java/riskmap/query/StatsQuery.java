package riskmap.query;

import java.util.List;
import riskmap.domain.Bbox;

/**
 * Hazard counts and threatened people grouped by one attribute.
 *
 * @param groupBy    category, risk_level, status or admin_code (grouped by county: its first 6 digits)
 * @param bbox       area to count in, or null for everywhere
 * @param categories categories to count; empty counts all
 */
public record StatsQuery(GroupBy groupBy, Bbox bbox, List<String> categories) {
    public enum GroupBy { category, risk_level, status, admin_code }
}
