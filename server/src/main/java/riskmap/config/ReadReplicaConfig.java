package riskmap.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL streaming replicas that take the heavy reads off the primary; part of
 * {@link AppConfig}, read from the same sources. No URLs: every read goes to the primary, as before.
 *
 * @param urls       one URL per replica, in the forms {@code db_url} accepts
 * @param maxLagMs   a replica further behind the primary than this is left out until it catches up
 * @param checkMs    how often each replica's state and lag are read (one small query per replica)
 */
public record ReadReplicaConfig(List<String> urls, long maxLagMs, int checkMs) {

    public ReadReplicaConfig {
        urls = List.copyOf(urls);
    }

    static void defaults(Map<String, String> d) {
        d.put("db_read_url", "");
        d.put("db_read_max_lag", "5");
        d.put("db_read_check_ms", "1000");
    }

    static ReadReplicaConfig of(Map<String, String> v, int checkMs) {
        return new ReadReplicaConfig(splitUrls(v.get("db_read_url")), maxLagMs(v.get("db_read_max_lag").trim()), checkMs);
    }

    /**
     * Splits the list at commas that start a new URL: a JDBC URL may itself hold commas
     * ({@code jdbc:postgresql://h1,h2/db}), so a bare comma is not a separator.
     */
    static List<String> splitUrls(String text) {
        return Arrays.stream(text.split(",\\s*(?=(postgres(ql)?://|jdbc:postgresql:))"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static long maxLagMs(String seconds) {
        try {
            double s = Double.parseDouble(seconds);
            if (s >= 0.1 && s <= 86_400) return Math.round(s * 1000);
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new StartupException("setting 'db_read_max_lag' must be a number of seconds from 0.1 to 86400 (e.g. 5 or 0.5), got '" + seconds + "'");
    }
}
