package riskmap.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Enqueues jobs inside the caller's transaction: the job exists exactly when the caller's writes
 * commit, and a NOTIFY on {@link #CHANNEL} (delivered at commit) wakes the workers of every
 * server on the database. A deadline is a job with a later {@code run_at}, never a timer in memory.
 */
public final class JobQueue {
    /** The LISTEN/NOTIFY channel that says "a job was enqueued". */
    public static final String CHANNEL = "riskmap_job";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobQueue() {
    }

    /**
     * Adds a job unless one with {@code idempotencyKey} exists (then nothing changes, so enqueuing
     * twice is safe); true when it was added.
     */
    public static boolean enqueue(Connection c, String kind, String idempotencyKey, JsonNode payload, Duration delay, int maxAttempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(JobSql.ENQUEUE)) {
            ps.setString(1, kind);
            ps.setString(2, idempotencyKey);
            ps.setString(3, payload.toString());
            ps.setLong(4, Math.max(0, delay.toMillis()));
            ps.setInt(5, maxAttempts);
            boolean added = ps.executeUpdate() == 1;
            if (added) wake(c);
            return added;
        }
    }

    public static boolean enqueue(Connection c, String kind, String idempotencyKey, JsonNode payload, Duration delay) throws SQLException {
        return enqueue(c, kind, idempotencyKey, payload, delay, DEFAULT_MAX_ATTEMPTS);
    }

    /** Wakes the workers at commit; for callers that enqueue in bulk with their own INSERT … SELECT into {@code job}. */
    public static void wake(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(JobSql.WAKE)) {
            ps.execute();
        }
    }

    /** A payload object for {@link #enqueue}. */
    public static com.fasterxml.jackson.databind.node.ObjectNode payload() {
        return MAPPER.createObjectNode();
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
