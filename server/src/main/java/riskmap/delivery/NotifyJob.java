package riskmap.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.jobs.BatchJobHandler;
import riskmap.jobs.Job;
import riskmap.store.Sql;

/**
 * Job {@code delivery.notify}: sends one message (one target, round and channel) and records the
 * attempt; a worker's claimed messages go together, one read and one write transaction per batch.
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
final class NotifyJob implements BatchJobHandler<NotifyJob.Sent> {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyJob.class);

    private final DataSource ds;
    private final Channels channels;
    private final String publicUrl;

    /** A message the channel took, for its attempt record. */
    record Sent(Message message, Channel channel) {
    }

    NotifyJob(DataSource ds, Channels channels, String publicUrl) {
        this.ds = ds;
        this.channels = channels;
        this.publicUrl = publicUrl;
    }

    @Override
    public List<Outcome<Sent>> runAll(List<Job> jobs) throws Exception {
        Map<Job, Message> messages = prepare(jobs);
        List<Outcome<Sent>> outcomes = new ArrayList<>();
        List<Attempt> failed = new ArrayList<>();
        int delivered = 0;
        for (Job job : jobs) {
            Optional<Channel> channel = channels.named(job.payload().path("channel").asText());
            Message message = messages.get(job);
            if (channel.isEmpty()) {
                outcomes.add(Outcome.failed(job, new IllegalStateException("the channel " + job.payload().path("channel") + " is not configured on this server")));
            } else if (message == null) {
                outcomes.add(Outcome.finished(job, null)); // already delivered, answered, moved on, or the warning was cancelled
            } else {
                Channel.Result result = channel.get().send(message);
                if (result.delivered()) {
                    delivered++;
                    outcomes.add(Outcome.finished(job, new Sent(message, channel.get())));
                } else {
                    failed.add(new Attempt(message, channel.get().name(), "failed", result.error()));
                    outcomes.add(Outcome.failed(job, new IllegalStateException(channel.get().name() + " did not take message " + job.idempotencyKey() + ": " + result.error())));
                }
            }
        }
        if (!failed.isEmpty()) {
            try (Connection c = ds.getConnection()) {
                record(c, failed);
            }
        }
        if (delivered > 0) LOG.info("{} of {} messages delivered (the first {})", delivered, jobs.size(), jobs.get(0).idempotencyKey());
        return outcomes;
    }

    @Override
    public void commitAll(Connection c, List<Outcome<Sent>> finished) throws SQLException {
        List<Attempt> attempts = new ArrayList<>();
        for (Outcome<Sent> o : finished) {
            if (o.result() != null) attempts.add(new Attempt(o.result().message(), o.result().channel().name(), "delivered", null));
        }
        if (attempts.isEmpty()) return;
        record(c, attempts);
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.NOTIFIED)) {
            for (Attempt a : attempts) {
                ps.setString(1, a.message().warning().id());
                ps.setString(2, a.message().recipient().personId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
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

    /** The messages to send, by job, with their new links stored; a job without one has nothing to send. */
    private Map<Job, Message> prepare(List<Job> jobs) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<Job, Message> m = read(c, jobs);
                c.commit();
                return m;
            } catch (SQLException | RuntimeException e) {
                Sql.rollbackKeeping(c, e);
                throw e;
            }
        }
    }

    private Map<Job, Message> read(Connection c, List<Job> jobs) throws SQLException {
        Set<String> delivered = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.DELIVERED)) {
            ps.setArray(1, c.createArrayOf("text", jobs.stream().map(Job::idempotencyKey).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) delivered.add(rs.getString(1));
            }
        }
        List<TargetRound> targets = jobs.stream().map(TargetRound::of).toList();
        Map<String, Row> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.MESSAGES)) {
            ps.setArray(1, c.createArrayOf("text", targets.stream().map(TargetRound::warningId).toArray(String[]::new)));
            ps.setArray(2, c.createArrayOf("text", targets.stream().map(TargetRound::personId).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.put(rs.getString("id") + "\n" + rs.getString("person_id"), Row.of(rs));
            }
        }
        Map<Job, Message> out = new HashMap<>();
        try (PreparedStatement link = c.prepareStatement(DeliverySql.LINK)) {
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                TargetRound t = targets.get(i);
                Row r = rows.get(t.warningId() + "\n" + t.personId());
                if (delivered.contains(job.idempotencyKey()) || r == null || !r.due(t.round())) continue;
                String token = AckTokens.newToken();
                out.put(job, new Message(job.idempotencyKey(), r.warning(), r.recipient(), t.round(), r.escalation(), publicUrl + "/ack/" + token, r.deadline()));
                link.setBytes(1, AckTokens.hash(token));
                link.setString(2, t.warningId());
                link.setString(3, t.personId());
                link.setString(4, job.idempotencyKey());
                link.addBatch();
            }
            if (!out.isEmpty()) link.executeBatch();
        }
        return out;
    }

    /** What {@link DeliverySql#MESSAGES} says of one target. */
    private record Row(Message.Warning warning, Message.Recipient recipient, String state, int round, boolean answered, boolean escalation,
                       String warningState, java.time.Instant deadline) {
        static Row of(ResultSet rs) throws SQLException {
            Timestamp expires = rs.getTimestamp("expires");
            Message.Warning w = new Message.Warning(rs.getString("id"), rs.getString("identifier"), rs.getInt("level"), rs.getString("event"),
                    rs.getString("headline"), rs.getString("description"), rs.getString("instruction"), expires == null ? null : expires.toInstant());
            Message.Recipient p = new Message.Recipient(rs.getString("person_id"), rs.getString("name"), rs.getString("phone"), rs.getString("email"),
                    rs.getString("unit"), rs.getString("tier"), rs.getString("admin_code"));
            return new Row(w, p, rs.getString("state"), rs.getInt("round"), rs.getTimestamp("answered_at") != null, rs.getBoolean("escalation"),
                    rs.getString("warning_state"), rs.getTimestamp("deadline").toInstant());
        }

        /** Unanswered, not escalated, still in the job's round, and the warning not cancelled. */
        boolean due(int jobRound) {
            return !answered && !state.equals("escalated") && round == jobRound && !warningState.equals("cancelled");
        }
    }

    /** One row of delivery_attempt. */
    private record Attempt(Message message, String channel, String result, String error) {
    }

    private static void record(Connection c, List<Attempt> attempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DeliverySql.ATTEMPT)) {
            for (Attempt a : attempts) {
                ps.setString(1, a.message().warning().id());
                ps.setString(2, a.message().recipient().personId());
                ps.setInt(3, a.message().round());
                ps.setString(4, a.channel());
                ps.setString(5, a.message().messageId());
                ps.setString(6, a.result());
                ps.setString(7, a.error());
                ps.addBatch();
            }
            ps.executeBatch();
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
