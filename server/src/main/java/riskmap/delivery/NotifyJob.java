package riskmap.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.jobs.Job;
import riskmap.jobs.JobHandler;
import riskmap.store.Sql;

/**
 * Job {@code delivery.notify}: sends one message (one target, round and channel) and records the
 * attempt.
 *
 * <p>Exactly once where it can be, at least once where it cannot: a message whose attempt row
 * says delivered is never sent again; the delivered attempt, the target's move to
 * {@code notified} and the job's completion commit together. Only a crash between the receiver's
 * acceptance and that commit re-sends — with the same message id in {@code Idempotency-Key}, so
 * the receiver drops the copy. Each send carries a fresh one-time link, stored (as its hash)
 * before the send, so whichever copy arrives, its link works. A failed send is recorded and
 * retried by the job with backoff; after the last attempt the target is {@code failed} unless
 * another channel reached it. Logs name message ids and channels, never addresses.
 */
final class NotifyJob implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyJob.class);

    private final DataSource ds;
    private final Channels channels;
    private final String publicUrl;

    NotifyJob(DataSource ds, Channels channels, String publicUrl) {
        this.ds = ds;
        this.channels = channels;
        this.publicUrl = publicUrl;
    }

    @Override
    public void run(Job job, Finish finish) throws Exception {
        TargetRound t = TargetRound.of(job);
        String warningId = t.warningId();
        String personId = t.personId();
        int round = t.round();
        Channel channel = channels.named(job.payload().path("channel").asText())
                .orElseThrow(() -> new IllegalStateException("the channel " + job.payload().path("channel") + " is not configured on this server"));
        String key = job.idempotencyKey();
        Message message = prepare(warningId, personId, round, key);
        if (message == null) return; // already delivered, answered, moved on, or the warning was cancelled: nothing to send
        Channel.Result result = channel.send(message);
        if (!result.delivered()) {
            try (Connection c = ds.getConnection()) {
                attempt(c, message, channel, "failed", result.error());
            }
            throw new IllegalStateException(channel.name() + " did not take message " + key + ": " + result.error());
        }
        LOG.info("message {} delivered via {}", key, channel.name());
        finish.commit(c -> {
            attempt(c, message, channel, "delivered", null);
            update(c, DeliverySql.NOTIFIED, warningId, personId);
        });
    }

    @Override
    public void giveUp(Job job, Connection c, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.GAVE_UP)) {
            TargetRound t = TargetRound.of(job);
            ps.setString(1, t.warningId());
            ps.setString(2, t.personId());
            ps.setInt(3, t.round());
            ps.executeUpdate();
        }
    }

    /** The message to send, with its new link stored; null when there is nothing to send. */
    private Message prepare(String warningId, String personId, int round, String key) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Message m = read(c, warningId, personId, round, key);
                c.commit();
                return m;
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackKeeping(c, e);
                throw e;
            }
        }
    }

    private Message read(Connection c, String warningId, String personId, int round, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.DELIVERED)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return null;
            }
        }
        Message m;
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.MESSAGE)) {
            ps.setString(1, warningId);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                boolean unanswered = rs.getTimestamp("answered_at") == null && !rs.getString("state").equals("escalated");
                if (!unanswered || rs.getInt("round") != round || rs.getString("warning_state").equals("cancelled")) return null;
                String token = AckTokens.newToken();
                m = new Message(key, warning(rs), recipient(rs), round, rs.getBoolean("escalation"), publicUrl + "/ack/" + token,
                        rs.getTimestamp("deadline").toInstant());
                try (PreparedStatement link = c.prepareStatement(DeliverySql.LINK)) {
                    link.setBytes(1, AckTokens.hash(token));
                    link.setString(2, warningId);
                    link.setString(3, personId);
                    link.setString(4, key);
                    link.executeUpdate();
                }
            }
        }
        return m;
    }

    private static Message.Warning warning(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires");
        return new Message.Warning(rs.getString("id"), rs.getString("identifier"), rs.getInt("level"), rs.getString("event"),
                rs.getString("headline"), rs.getString("description"), rs.getString("instruction"), expires == null ? null : expires.toInstant());
    }

    private static Message.Recipient recipient(ResultSet rs) throws SQLException {
        return new Message.Recipient(rs.getString("person_id"), rs.getString("name"), rs.getString("phone"), rs.getString("email"),
                rs.getString("unit"), rs.getString("tier"), rs.getString("admin_code"));
    }

    private static void attempt(Connection c, Message m, Channel ch, String result, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.ATTEMPT)) {
            ps.setString(1, m.warning().id());
            ps.setString(2, m.recipient().personId());
            ps.setInt(3, m.round());
            ps.setString(4, ch.name());
            ps.setString(5, m.messageId());
            ps.setString(6, result);
            ps.setString(7, error);
            ps.executeUpdate();
        }
    }

    static void update(Connection c, String sql, String warningId, String personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, warningId);
            ps.setString(2, personId);
            ps.executeUpdate();
        }
    }

}
