package riskmap.delivery;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * The live board of one warning: counts per state and per tier, and the targets, overdue first
 * (silent past their deadline), then by deadline. Counts and rows cover the targets in the
 * caller's scope ({@code scope} a region-code prefix, empty for all), read on one snapshot so
 * the counts add up to the rows.
 */
public final class Board {
    public static final List<String> STATES = List.of("pending", "notified", "acknowledged", "on_duty", "no_answer", "escalated", "failed");
    public static final List<String> TIERS = List.of("county", "township", "village");
    /** A target is overdue when it is silent and its deadline has passed. */
    private static final String OVERDUE = "(t.answered_at IS NULL AND t.state IN ('pending', 'notified', 'no_answer', 'failed') AND t.deadline < now())";
    private static final String WARNING = "SELECT id, level, headline, state, sent FROM warning WHERE id = ?";
    private static final String COUNTS = "SELECT t.tier, t.state, count(*), count(*) FILTER (WHERE " + OVERDUE + ")"
            + " FROM warning_target t JOIN person p ON p.id = t.person_id WHERE t.warning_id = ? AND p.admin_code LIKE ? GROUP BY 1, 2";
    private static final String ROWS = "SELECT t.person_id, p.name, p.unit, t.tier, p.admin_code, t.state, t.round, t.deadline, " + OVERDUE + " AS overdue,"
            + " t.answered_at, t.answer, t.answered_via, t.note, t.escalated_from,"
            + " (SELECT count(*) FILTER (WHERE a.result = 'delivered') FROM delivery_attempt a WHERE a.warning_id = t.warning_id AND a.person_id = t.person_id) AS delivered,"
            + " (SELECT count(*) FILTER (WHERE a.result = 'failed') FROM delivery_attempt a WHERE a.warning_id = t.warning_id AND a.person_id = t.person_id) AS failed_attempts"
            + " FROM warning_target t JOIN person p ON p.id = t.person_id WHERE t.warning_id = ? AND p.admin_code LIKE ?"
            + " ORDER BY overdue DESC, t.deadline NULLS LAST, t.tier, t.person_id LIMIT ?";

    private final DataSource ds;

    public Board(DataSource ds) {
        this.ds = ds;
    }

    /** The board as JSON-ready maps; empty when the warning does not exist. {@code scope} is digits only. */
    public Optional<Map<String, Object>> read(String warningId, String scope, int limit) throws SQLException, IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String like = scope + "%";
        Sql.inSnapshot(ds, c -> {
            Sql.query(c, SqlFragment.of(WARNING, warningId), rs -> {
                out.put("warning", rs.getString("id"));
                out.put("level", rs.getInt("level"));
                out.put("headline", rs.getString("headline"));
                out.put("state", rs.getString("state"));
                out.put("sent", iso(rs.getTimestamp("sent")));
            });
            if (out.isEmpty()) return;
            Map<String, Long> byState = zeros();
            Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
            TIERS.forEach(t -> byTier.put(t, zeros()));
            long[] totals = {0, 0};
            Sql.query(c, SqlFragment.of(COUNTS, warningId, like), rs -> {
                long n = rs.getLong(3);
                byState.merge(rs.getString(2), n, Long::sum);
                byTier.get(rs.getString(1)).merge(rs.getString(2), n, Long::sum);
                totals[0] += n;
                totals[1] += rs.getLong(4);
            });
            out.put("total", totals[0]);
            out.put("overdue", totals[1]);
            out.put("by_state", byState);
            out.put("by_tier", byTier);
            List<Map<String, Object>> rows = new ArrayList<>();
            Sql.stream(c, SqlFragment.of(ROWS, warningId, like, limit), rs -> rows.add(row(rs)));
            out.put("targets", rows);
            out.put("numberReturned", rows.size());
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static Map<String, Object> row(java.sql.ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person", rs.getString("person_id"));
        m.put("name", rs.getString("name"));
        m.put("unit", rs.getString("unit"));
        m.put("tier", rs.getString("tier"));
        m.put("admin_code", rs.getString("admin_code"));
        m.put("state", rs.getString("state"));
        m.put("round", rs.getInt("round"));
        m.put("deadline", iso(rs.getTimestamp("deadline")));
        m.put("overdue", rs.getBoolean("overdue"));
        m.put("answered_at", iso(rs.getTimestamp("answered_at")));
        m.put("answer", rs.getString("answer"));
        m.put("answered_via", rs.getString("answered_via"));
        m.put("note", rs.getString("note"));
        m.put("escalated_from", rs.getString("escalated_from"));
        m.put("messages_delivered", rs.getLong("delivered"));
        m.put("attempts_failed", rs.getLong("failed_attempts"));
        return m;
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> m = new LinkedHashMap<>();
        STATES.forEach(s -> m.put(s, 0L));
        return m;
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
