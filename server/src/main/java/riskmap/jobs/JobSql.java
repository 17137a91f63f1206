package riskmap.jobs;

/** Every statement of the job queue (table {@code job}, V9). Values are always bound. */
final class JobSql {
    /** Binds: kind, key, payload (json text), delay in ms, max attempts. A key already present makes nothing. */
    static final String ENQUEUE = "INSERT INTO job (kind, idempotency_key, payload, run_at, max_attempts)"
            + " VALUES (?, ?, ?::jsonb, now() + ? * interval '1 millisecond', ?) ON CONFLICT (idempotency_key) DO NOTHING";
    static final String WAKE = "SELECT pg_notify('" + JobQueue.CHANNEL + "', '')";
    /**
     * Claims due jobs: unfinished, due, and not under a live lease (a crashed worker's lease runs
     * out). SKIP LOCKED lets several workers and servers claim side by side without waiting.
     * Binds: lease ms, worker id, batch size.
     */
    static final String CLAIM = "UPDATE job j SET locked_until = now() + ? * interval '1 millisecond', locked_by = ?, attempts = j.attempts + 1"
            + " WHERE j.id IN (SELECT id FROM job WHERE done_at IS NULL AND run_at <= now()"
            + " AND (locked_until IS NULL OR locked_until < now()) ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
            + " RETURNING j.id, j.kind, j.idempotency_key, j.payload::text, j.attempts, j.max_attempts";
    /** Binds: id, worker id. Zero rows: the lease was lost to another worker, whose run counts instead. */
    static final String DONE = "UPDATE job SET done_at = now(), locked_until = NULL, last_error = NULL"
            + " WHERE id = ? AND locked_by = ? AND done_at IS NULL";
    /** A batch's completion: the ids this worker still held come back. Binds: ids (bigint[]), worker id. */
    static final String DONE_ALL = "UPDATE job SET done_at = now(), locked_until = NULL, last_error = NULL"
            + " WHERE id = ANY (?) AND locked_by = ? AND done_at IS NULL RETURNING id";
    /** Binds: error, backoff ms, id, worker id. */
    static final String RETRY = "UPDATE job SET locked_until = NULL, last_error = ?, run_at = now() + ? * interval '1 millisecond'"
            + " WHERE id = ? AND locked_by = ? AND done_at IS NULL";
    /** Binds: error, id, worker id. A failed job is finished too: done_at with failed = true. */
    static final String FAILED = "UPDATE job SET done_at = now(), failed = true, locked_until = NULL, last_error = ?"
            + " WHERE id = ? AND locked_by = ? AND done_at IS NULL";
    private JobSql() {
    }
}
