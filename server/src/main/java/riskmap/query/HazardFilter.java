package riskmap.query;

import java.util.List;
import riskmap.auth.Visibility;
import riskmap.ogc.TimeInterval;

/**
 * The attribute filters every hazard query shares — radius, area, statistics and map tiles — so
 * the map, its counts and its lists always select the same points.
 *
 * @param categories      categories to keep (any of); empty keeps all
 * @param minLevel        lowest risk level kept; 1 keeps all
 * @param statuses        statuses to keep (any of); empty keeps all
 * @param adminCodePrefix a GB/T 2260 code or its leading digits (50 = a province, 500101 = a
 *                        county): keeps points whose admin_code starts with it; null keeps all
 * @param updated         {@code updated_at} interval ({@code datetime}, as in OGC API – Features); null keeps all
 */
public record HazardFilter(List<String> categories, int minLevel, List<String> statuses, String adminCodePrefix, TimeInterval updated) {
    public static final HazardFilter NONE = new HazardFilter(List.of(), 1, List.of(), null, null);

    /**
     * This filter narrowed to the rows {@code v} may read, so every cache keyed by the filter (map
     * tiles) is keyed by the caller's region too; null when the requested admin code and the
     * caller's region do not overlap, i.e. nothing is readable.
     */
    public HazardFilter readableBy(Visibility v) {
        if (v.allRows() || adminCodePrefix != null && adminCodePrefix.startsWith(v.rows())) return this;
        if (adminCodePrefix == null || v.rows().startsWith(adminCodePrefix)) return new HazardFilter(categories, minLevel, statuses, v.rows(), updated);
        return null;
    }

    public boolean isEmpty() {
        return categories.isEmpty() && minLevel <= 1 && statuses.isEmpty() && adminCodePrefix == null && updated == null;
    }
}
