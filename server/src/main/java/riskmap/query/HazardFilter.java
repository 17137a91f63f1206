package riskmap.query;

import java.util.List;

/**
 * The attribute filters every hazard query shares — radius, area, statistics and map tiles — so
 * the map, its counts and its lists always select the same points.
 *
 * @param categories      categories to keep (any of); empty keeps all
 * @param minLevel        lowest risk level kept; 1 keeps all
 * @param statuses        statuses to keep (any of); empty keeps all
 * @param adminCodePrefix a GB/T 2260 code or its leading digits (50 = a province, 500101 = a
 *                        county): keeps points whose admin_code starts with it; null keeps all
 */
public record HazardFilter(List<String> categories, int minLevel, List<String> statuses, String adminCodePrefix) {
    public static final HazardFilter NONE = new HazardFilter(List.of(), 1, List.of(), null);

    public boolean isEmpty() {
        return categories.isEmpty() && minLevel <= 1 && statuses.isEmpty() && adminCodePrefix == null;
    }
}
