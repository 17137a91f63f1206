package riskmap.region;

import java.util.Arrays;

/**
 * The character pairs (bigrams) of a name as integers, for the GIN index that finds names
 * containing a search text: every name containing {@code q} holds all of q's bigrams.
 *
 * <p>Why not pg_trgm: its trigrams help only from three characters on, and most searches are
 * two (万州); building its index took 1.5 s per database, an int[] GIN index a quarter of that.
 * A bigram of two BMP characters is exact (16 bits each); others are folded, which only lets
 * a few more rows through to the {@code LIKE} that always rechecks the match.
 */
final class RegionGrams {
    private RegionGrams() {
    }

    /** The distinct bigrams of {@code text}, sorted; empty for a single character. */
    static int[] of(String text) {
        int[] cps = text.codePoints().toArray();
        if (cps.length < 2) return new int[0];
        int[] grams = new int[cps.length - 1];
        for (int i = 0; i < grams.length; i++) grams[i] = (cps[i] & 0xFFFF) << 16 | (cps[i + 1] & 0xFFFF);
        Arrays.sort(grams);
        int distinct = 0;
        for (int g : grams) {
            if (distinct == 0 || grams[distinct - 1] != g) grams[distinct++] = g;
        }
        return Arrays.copyOf(grams, distinct);
    }

    /** The PostgreSQL literal of {@link #of}: {@code {1,2,3}}. */
    static String literal(String text) {
        StringBuilder sb = new StringBuilder("{");
        for (int g : of(text)) {
            if (sb.length() > 1) sb.append(',');
            sb.append(g);
        }
        return sb.append('}').toString();
    }
}
