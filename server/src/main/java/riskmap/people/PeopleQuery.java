package riskmap.people;

import java.util.List;

/**
 * A search of the registry, validated: every part optional.
 *
 * @param text      part of a name or unit, or a whole id (q)
 * @param adminCode region code prefix: the region and everything below it
 * @param roles     duty role ids; a person holding any of them matches
 * @param tiers     tier ids
 * @param limit     at most this many people (1–1000)
 * @param offset    people to skip, for paging
 */
public record PeopleQuery(String text, String adminCode, List<String> roles, List<String> tiers, int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
}
