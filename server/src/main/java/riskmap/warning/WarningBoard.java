package riskmap.warning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The duty desk's board of one warning: how many targets are in each state, per tier too, how
 * many are overdue (deadline passed without an answer), and the first {@code limit} targets with
 * {@code overdue}, overdue first. "Now" is the application's clock, for the flags and the order alike.
 */
final class WarningBoard {
    static final List<String> TIERS = List.of("village", "township", "county");
    static final List<String> STATES = List.of("pending", "notified", "acknowledged", "on_duty", "no_answer", "escalated", "failed");
    /** States in which a target still owes an answer. */
    static final List<String> UNANSWERED = List.of("pending", "notified", "no_answer");
    /** Rows a board lists at most, and by default: the counts always cover every target. */
    static final int MAX_LIMIT = 10_000;

    private WarningBoard() {
    }

    static Map<String, Object> of(Warning w, WarningStore.Board board, Instant now) {
        Map<String, Map<String, Long>> counts = board.counts();
        Map<String, Long> byState = zeroStates();
        Map<String, Object> byTier = new LinkedHashMap<>();
        long total = 0;
        for (String tier : TIERS) {
            Map<String, Long> states = zeroStates();
            counts.getOrDefault(tier, Map.of()).forEach((state, n) -> {
                states.merge(state, n, Long::sum);
                byState.merge(state, n, Long::sum);
            });
            long tierTotal = states.values().stream().mapToLong(Long::longValue).sum();
            total += tierTotal;
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("total", tierTotal);
            t.put("by_state", states);
            byTier.put(tier, t);
        }
        List<Map<String, Object>> rows = board.targets().stream().map(t -> {
            Map<String, Object> m = t.toJson();
            m.put("overdue", t.deadline() != null && t.deadline().isBefore(now) && UNANSWERED.contains(t.state()));
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("warning", w.id());
        body.put("identifier", w.identifier());
        body.put("state", w.state());
        body.put("level", w.level().number());
        body.put("headline", w.headline());
        body.put("total", total);
        body.put("overdue", board.overdue());
        body.put("by_state", byState);
        body.put("by_tier", byTier);
        body.put("targets", rows);
        body.put("numberReturned", rows.size());
        return body;
    }

    private static Map<String, Long> zeroStates() {
        Map<String, Long> m = new LinkedHashMap<>();
        STATES.forEach(s -> m.put(s, 0L));
        return m;
    }
}
