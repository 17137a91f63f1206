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

/**
 * Job {@code delivery.deadline}: a target's answer was due. Still silent (pending, notified,
 * failed) after the first deadline: the retry — state {@code no_answer}, round 2, a new message
 * on every channel and a new deadline. Still silent after the second: state {@code escalated},
 * and the duty people of the next tier up become targets of their own, called at once. A target
 * that answered, a cancelled or expired warning, or a county person (no tier above) ends here.
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
                    escalate(c, warningId, personId, tier, rs.getString("admin_code"));
                }
            }
        }
    }

    private void escalate(Connection c, String warningId, String personId, String tier, String adminCode) throws SQLException {
        int rank = switch (tier) {
            case "village" -> 1;
            case "township" -> 2;
            default -> 3;
        };
        if (rank == 3) return; // a county person stays no_answer: the tiers end there
        int added;
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.ESCALATE)) {
            ps.setString(1, adminCode);
            ps.setInt(2, rank);
            ps.setString(3, warningId);
            ps.setString(4, warningId);
            ps.setString(5, personId);
            added = ps.executeUpdate();
        }
        NotifyJob.update(c, DeliverySql.ESCALATED, warningId, personId);
        Calls.Started s = calls.start(c, warningId);
        LOG.info("warning {}: target {} escalated; {} new target(s) of the next tier, {} message(s) queued", warningId, personId, added, s.sends());
    }
}
