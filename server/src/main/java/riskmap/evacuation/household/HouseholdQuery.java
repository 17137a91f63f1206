package riskmap.evacuation.household;

import riskmap.domain.Bbox;

/**
 * A search of the households, validated: every part optional.
 *
 * @param adminCode region code prefix: the region and everything below it
 * @param bbox      households inside this lon/lat box
 * @param limit     at most this many households
 */
public record HouseholdQuery(String adminCode, Bbox bbox, int limit) {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;
}
