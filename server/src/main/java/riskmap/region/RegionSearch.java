package riskmap.region;

/**
 * A validated region search: a name fragment, or digits matched as a code prefix.
 *
 * @param text  what to look for (1 to {@link #MAX_LENGTH} characters)
 * @param level only regions of this level, or null for all
 * @param limit most regions to return
 */
public record RegionSearch(String text, RegionLevel level, int limit) {
    static final int MAX_LENGTH = 50;

    boolean isCode() {
        return text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }
}
