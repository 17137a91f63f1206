package riskmap.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import riskmap.config.DeliveryConfig;
import riskmap.jobs.JobQueue;

/**
 * The seam between issuing a warning and delivering it: {@link #start} runs inside the issuing
 * transaction, so the send and deadline jobs exist exactly when the targets do — a crash right
 * after the commit loses nothing, a rollback leaves no job behind. It starts every target that
 * has not been started (state pending, no deadline), so calling it again, or after escalation
 * added targets, starts only the new ones.
 */
public final class Calls {
    private final DeliveryConfig cfg;
    private final String[] channels;

    public Calls(DeliveryConfig cfg, Channels channels) {
        this.cfg = cfg;
        this.channels = channels.names();
    }

    /** What {@link #start} did: targets started, send jobs and deadline jobs enqueued. */
    public record Started(long targets, long sends, long deadlines) {
    }

    /** Starts the calls of the warning's new targets, in the caller's transaction. */
    public Started start(Connection c, String warningId) throws SQLException {
        int level = level(c, warningId);
        Started s;
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.START_CALLS)) {
            ps.setInt(1, cfg.ackDeadlineSeconds("county", level));
            ps.setInt(2, cfg.ackDeadlineSeconds("township", level));
            ps.setInt(3, cfg.ackDeadlineSeconds("village", level));
            ps.setString(4, warningId);
            ps.setArray(5, c.createArrayOf("text", channels));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                s = new Started(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.FAIL_UNREACHABLE)) {
            ps.setString(1, warningId);
            ps.setBoolean(2, has("webhook"));
            ps.setBoolean(3, has("email"));
            ps.executeUpdate();
        }
        if (s.sends() + s.deadlines() > 0) JobQueue.wake(c);
        return s;
    }

    /** Enqueues the retry of one silent target (round 2), in the caller's transaction. */
    void retry(Connection c, String warningId, String personId, String tier, int level) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.RETRY)) {
            ps.setInt(1, cfg.ackDeadlineSeconds(tier, level));
            ps.setString(2, warningId);
            ps.setString(3, personId);
            ps.setArray(4, c.createArrayOf("text", channels));
            ps.executeUpdate();
        }
        JobQueue.wake(c);
    }

    private boolean has(String channel) {
        return Arrays.asList(channels).contains(channel);
    }

    private static int level(Connection c, String warningId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.LEVEL)) {
            ps.setString(1, warningId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("no warning " + warningId);
                return rs.getInt(1);
            }
        }
    }
}
