package riskmap.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/** The job queue on a real PostgreSQL: idempotent enqueue, exactly-once effects across workers, retries, leases. */
class JobQueueTest {
    private static DataSource ds;
    private static final WorkerSettings FAST = new WorkerSettings(2, 50, 1000, 20);

    @BeforeAll
    static void database() throws Exception {
        ds = TestDatabase.database("jobs", false);
        if (ds instanceof HikariDataSource h) h.getHikariConfigMXBean().setMaximumPoolSize(8);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS job_effect (job_key text NOT NULL, worker text NOT NULL)");
        }
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE job, job_effect");
        }
    }

    private static void enqueue(String kind, String key, Duration delay, int maxAttempts) throws Exception {
        try (Connection c = ds.getConnection()) {
            JobQueue.enqueue(c, kind, key, JobQueue.payload().put("key", key), delay, maxAttempts);
        }
    }

    /** A handler whose effect is one job_effect row, committed with the job's completion. */
    private static JobHandler effect(String worker) {
        return (job, finish) -> finish.commit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_effect VALUES (?, ?)")) {
                ps.setString(1, job.idempotencyKey());
                ps.setString(2, worker);
                ps.executeUpdate();
            }
        });
    }

    @Test
    void enqueuing_the_same_key_twice_makes_one_job() throws Exception {
        try (Connection c = ds.getConnection()) {
            assertTrue(JobQueue.enqueue(c, "test.effect", "k1", JobQueue.payload(), Duration.ZERO));
            assertFalse(JobQueue.enqueue(c, "test.effect", "k1", JobQueue.payload(), Duration.ZERO));
        }
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM job"));
    }

    @Test
    void a_job_enqueued_in_a_rolled_back_transaction_does_not_exist() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            JobQueue.enqueue(c, "test.effect", "gone", JobQueue.payload(), Duration.ZERO);
            c.rollback();
        }
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM job"));
    }

    @Test
    void two_servers_run_every_job_exactly_once() throws Exception {
        int n = 300;
        for (int i = 0; i < n; i++) enqueue("test.effect", "e" + i, Duration.ZERO, 5);
        try (JobWorker a = new JobWorker(ds, Map.of("test.effect", effect("a")), FAST).start(null);
             JobWorker b = new JobWorker(ds, Map.of("test.effect", effect("b")), FAST).start(null)) {
            await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job WHERE done_at IS NULL") == 0, 30_000);
        }
        assertEquals(n, TestDatabase.count(ds, "SELECT count(*) FROM job_effect"));
        assertEquals(n, TestDatabase.count(ds, "SELECT count(DISTINCT job_key) FROM job_effect"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM job WHERE failed"));
    }

    @Test
    void a_failing_job_is_retried_with_backoff_then_given_up() throws Exception {
        enqueue("test.flaky", "f1", Duration.ZERO, 3);
        enqueue("test.flaky", "f2", Duration.ZERO, 3);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger givenUp = new AtomicInteger();
        JobHandler flaky = new JobHandler() {
            @Override
            public void run(Job job, Finish finish) throws Exception {
                runs.incrementAndGet();
                if (job.idempotencyKey().equals("f1") && job.attempt() < 2) throw new IllegalStateException("transient");
                if (job.idempotencyKey().equals("f2")) throw new IllegalStateException("always");
                effect("w").run(job, finish);
            }

            @Override
            public void giveUp(Job job, Connection c, String error) throws Exception {
                givenUp.incrementAndGet();
            }
        };
        try (JobWorker w = new JobWorker(ds, Map.of("test.flaky", flaky), FAST).start(null)) {
            await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job WHERE done_at IS NULL") == 0, 30_000);
        }
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM job_effect WHERE job_key = 'f1'"));
        assertEquals(2, TestDatabase.count(ds, "SELECT attempts FROM job WHERE idempotency_key = 'f1'"));
        assertEquals(3, TestDatabase.count(ds, "SELECT attempts FROM job WHERE idempotency_key = 'f2' AND failed AND last_error = 'always'"));
        assertEquals(5, runs.get());
        assertEquals(1, givenUp.get());
    }

    @Test
    void a_crashed_workers_claim_runs_out_and_another_worker_finishes_the_job() throws Exception {
        enqueue("test.effect", "c1", Duration.ZERO, 5);
        // a worker that claimed the job and died: its lease is live for another 600 ms
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE job SET locked_by = 'dead', locked_until = now() + interval '600 milliseconds', attempts = 1");
        }
        long t0 = System.nanoTime();
        try (JobWorker w = new JobWorker(ds, Map.of("test.effect", effect("alive")), FAST).start(null)) {
            await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job_effect") == 1, 10_000);
        }
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 500, "not before the lease ran out");
        assertEquals(2, TestDatabase.count(ds, "SELECT attempts FROM job WHERE done_at IS NOT NULL"));
    }

    @Test
    void a_delayed_job_runs_when_due_and_a_notify_wakes_idle_workers() throws Exception {
        WorkerSettings slowPoll = new WorkerSettings(1, 60_000, 1000, 20);
        try (Notifications n = new Notifications(ds, java.util.List.of(JobQueue.CHANNEL));
             JobWorker w = new JobWorker(ds, Map.of("test.effect", effect("w")), slowPoll).start(n)) {
            Thread.sleep(700); // the worker is idle, waiting up to a minute
            long t0 = System.nanoTime();
            enqueue("test.effect", "now", Duration.ZERO, 5);
            await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job_effect") == 1, 10_000);
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "woken by the NOTIFY, not by the minute's poll");
        }
        try (JobWorker w = new JobWorker(ds, Map.of("test.effect", effect("w")), FAST).start(null)) {
            enqueue("test.effect", "later", Duration.ofMillis(800), 5);
            Thread.sleep(300);
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM job_effect WHERE job_key = 'later'"));
            await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job_effect WHERE job_key = 'later'") == 1, 10_000);
        }
    }

    static void await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out after " + timeoutMs + " ms");
            Thread.sleep(25);
        }
    }
}
