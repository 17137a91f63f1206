package riskmap.region;

import java.util.List;

/**
 * One administrative division.
 *
 * @param parentCode null for a province
 * @param path       the names from the province down to this region
 */
record Region(String code, String name, RegionLevel level, String parentCode, List<String> path) {
}
