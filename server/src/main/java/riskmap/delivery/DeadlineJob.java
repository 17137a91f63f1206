package riskmap.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.jobs.Job;
import riskmap.jobs.JobHandler;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * Job {@code delivery.deadline}: a target's answer was due. Still silent (pending, notified,
 * failed) after the first deadline: the retry — state {@code no_answer}, round 2, a new message
 * on every channel and a new deadline. Still silent after the second: state {@code escalated},
 * and the duty people of the next tier up become targets of their own, called at once; when there
 * is nobody above (no one of a higher tier in the region chain, or a county person: the top), the
 * target ends as {@code no_answer} with {@code end_reason} {@code no_one_above} or {@code top_tier}.
 * A target that answered, or a cancelled or expired warning, ends here.
 * Everything commits with the job's completion, so a restart neither skips nor repeats a step.
 */
final class DeadlineJob implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineJob.class);
    private static final Set<String> SILENT = Set.of("pending", "notified", "failed", "no_answer");

    private final Calls calls;

    DeadlineJob(Calls calls) {
        this.calls = calls;
    }

    @Override
    public void run(Job job, Finish finish) throws Exception {
        TargetRound t = TargetRound.of(job);
        finish.commit(c -> passed(c, t.warningId(), t.personId(), t.round()));
    }

    private void passed(Connection c, String warningId, String personId, int round) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.TARGET_FOR_DEADLINE)) {
            ps.setString(1, warningId);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return;
                boolean over = rs.getString("warning_state").equals("cancelled") || rs.getBoolean("expired");
                if (over || rs.getTimestamp("answered_at") != null || !SILENT.contains(rs.getString("state")) || rs.getInt("round") != round) return;
                String tier = rs.getString("tier");
                if (round == 1) {
                    calls.retry(c, warningId, personId, tier, rs.getInt("level"));
                    LOG.info("warning {}: target {} did not answer in time; retrying", warningId, personId);
                } else {
                    escalate(c, warningId, personId, tier, rs.getString("admin_code"), rs.getString("state"));
                }
            }
        }
    }

    private void escalate(Connection c, String warningId, String personId, String tier, String adminCode, String state) throws SQLException {
        int rank = switch (tier) {
            case "village" -> 1;
            case "township" -> 2;
            default -> 3;
        };
        if (rank == 3) {
            end(c, warningId, personId, state, "top_tier", "county is the top tier: nobody above to escalate to");
            return;
        }
        long above;
        long added;
        try (PreparedStatement ps = Sql.prepare(c, SqlFragment.of(DeliverySql.ESCALATE, adminCode, rank, warningId, warningId, personId))) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                above = rs.getLong(1);
                added = rs.getLong(2);
            }
        }
        if (above == 0) {
            end(c, warningId, personId, state, "no_one_above", "nobody of a higher tier (" + (rank == 1 ? "township or county" : "county") + ") above region " + adminCode);
            return;
        }
        NotifyJob.update(c, DeliverySql.ESCALATED, warningId, personId);
        Calls.Started s = calls.start(c, warningId);
        LOG.info("warning {}: target {} escalated to {} person(s) of the next tier ({} new), {} message(s) queued", warningId, personId, above, added, s.sends());
    }

    /** Nobody above can take over: the target ends as no_answer, with the reason on the board and in the warning's history. */
    private static void end(Connection c, String warningId, String personId, String state, String reason, String detail) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SqlFragment.of(DeliverySql.ENDED, reason, detail, warningId, personId, state))) {
            ps.executeUpdate();
        }
        LOG.info("warning {}: target {} did not answer and cannot be escalated ({}): {}", warningId, personId, reason, detail);
    }
}
