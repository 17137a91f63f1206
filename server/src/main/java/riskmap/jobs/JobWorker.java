package riskmap.jobs;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.store.Sql;

/**
 * Runs due jobs with the handler registered for their kind, on a few threads.
 *
 * <p>A claim is one short transaction ({@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
 * LOCKED)}) that sets a lease; the job then runs outside it, and its completion (with the
 * handler's effects) is a second transaction that succeeds only while this worker still holds the
 * claim. A crash between the two leaves the job unfinished: its lease runs out and it runs again,
 * so handlers make their external effects idempotent (see {@code delivery}). A job of an unknown
 * kind fails with that error, so a typo is visible in {@code job.last_error}. The claimed jobs of
 * a {@link BatchJobHandler}'s kind run together and complete in one transaction.
 */
public final class JobWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    /** Jobs per claim: a batch handler's sends run one after another, so their time must stay well inside the lease. */
    private static final int BATCH = 32;

    private final DataSource ds;
    private final Map<String, JobHandler> handlers;
    private final WorkerSettings settings;
    private final String workerId = "w-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    private volatile boolean running = true;

    public JobWorker(DataSource ds, Map<String, JobHandler> handlers, WorkerSettings settings) {
        this.ds = ds;
        this.handlers = Map.copyOf(handlers);
        this.settings = settings;
    }

    /** Starts the threads; {@code wakeUps} (may be null) wakes them on every enqueue anywhere. */
    public JobWorker start(Notifications wakeUps) {
        if (wakeUps != null) wakeUps.subscribe(JobQueue.CHANNEL, payload -> wake());
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::loop, "riskmap-job-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** Makes idle threads look for work now. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                List<Job> claimed = claim();
                for (List<Job> kind : byKind(claimed)) {
                    if (!running) break; // the lease runs out and another worker takes it
                    if (handlers.get(kind.get(0).kind()) instanceof BatchJobHandler<?> batch && kind.size() > 1) runAll(batch, kind);
                    else kind.forEach(this::run);
                }
                if (claimed.isEmpty()) idle();
            } catch (SQLException | IOException | RuntimeException e) {
                if (!running) return;
                LOG.warn("job worker: {}; trying again shortly", e.toString());
                idle();
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            try {
                signal.wait(settings.pollMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private List<Job> claim() throws SQLException, IOException {
        List<Job> jobs = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(JobSql.CLAIM)) {
            ps.setLong(1, settings.leaseMs());
            ps.setString(2, workerId);
            ps.setInt(3, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), JobQueue.mapper().readTree(rs.getString(4)),
                            rs.getInt(5), rs.getInt(6)));
                }
            }
        }
        return jobs;
    }

    private void run(Job job) {
        boolean[] finished = {false};
        try {
            JobHandler handler = handlers.get(job.kind());
            if (handler == null) throw new IllegalStateException("no handler for the job kind '" + job.kind() + "'; known: " + handlers.keySet());
            handler.run(job, effects -> {
                complete(job, effects);
                finished[0] = true;
            });
            if (!finished[0]) complete(job, c -> { });
        } catch (LeaseLost e) {
            LOG.info("job {} ({}) was taken over by another worker after its lease ran out", job.id(), job.kind());
        } catch (Exception e) {
            fail(job, handlers.get(job.kind()), e);
        }
    }

    private static Collection<List<Job>> byKind(List<Job> jobs) {
        Map<String, List<Job>> out = new LinkedHashMap<>();
        for (Job j : jobs) out.computeIfAbsent(j.kind(), k -> new ArrayList<>()).add(j);
        return out.values();
    }

    private <R> void runAll(BatchJobHandler<R> handler, List<Job> jobs) {
        List<BatchJobHandler.Outcome<R>> outcomes;
        try {
            outcomes = handler.runAll(jobs);
        } catch (Exception e) {
            jobs.forEach(job -> fail(job, handler, e));
            return;
        }
        List<BatchJobHandler.Outcome<R>> finished = outcomes.stream().filter(o -> o.failure() == null).toList();
        try {
            if (!finished.isEmpty()) completeAll(handler, finished);
        } catch (Exception e) {
            finished.forEach(o -> fail(o.job(), handler, e));
        }
        outcomes.stream().filter(o -> o.failure() != null).forEach(o -> fail(o.job(), handler, o.failure()));
    }

    /** Marks {@code finished} done and writes the effects of those this worker still held, in one transaction. */
    private <R> void completeAll(BatchJobHandler<R> handler, List<BatchJobHandler.Outcome<R>> finished) throws Exception {
        inTransaction(c -> {
            Set<Long> held = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(JobSql.DONE_ALL)) {
                ps.setArray(1, c.createArrayOf("bigint", finished.stream().map(o -> o.job().id()).toArray(Long[]::new)));
                ps.setString(2, workerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) held.add(rs.getLong(1));
                }
            }
            if (held.size() < finished.size()) {
                LOG.info("{} of {} jobs ({}) were taken over by another worker after their lease ran out", finished.size() - held.size(), finished.size(),
                        finished.get(0).job().kind());
            }
            handler.commitAll(c, finished.stream().filter(o -> held.contains(o.job().id())).toList());
        });
    }

    private void complete(Job job, JobHandler.Effects effects) throws Exception {
        inTransaction(c -> {
            effects.apply(c);
            if (!update(c, JobSql.DONE, job.id())) throw new LeaseLost();
        });
    }

    private void fail(Job job, JobHandler handler, Exception cause) {
        String error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        try {
            if (job.lastAttempt()) {
                LOG.warn("job {} ({}) gave up after {} attempts: {}", job.id(), job.kind(), job.attempt(), error);
                inTransaction(c -> {
                    if (handler != null) handler.giveUp(job, c, error);
                    update(c, JobSql.FAILED, error, job.id());
                });
            } else {
                long backoff = settings.backoffMs(job.attempt());
                LOG.info("job {} ({}) attempt {} failed, retrying in {} ms: {}", job.id(), job.kind(), job.attempt(), backoff, error);
                inTransaction(c -> update(c, JobSql.RETRY, error, backoff, job.id()));
            }
        } catch (Exception e) {
            LOG.warn("job {}: recording the failure failed ({}); its lease will run out and it runs again", job.id(), e.toString());
        }
    }

    /** Runs {@code sql} with {@code binds} then this worker's id; true when a row changed. */
    private boolean update(Connection c, String sql, Object... bindsBeforeWorker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object b : bindsBeforeWorker) ps.setObject(i++, b);
            ps.setString(i, workerId);
            return ps.executeUpdate() == 1;
        }
    }

    private void inTransaction(JobHandler.Effects work) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.apply(c);
                c.commit();
            } catch (Exception e) {
                Sql.rollbackKeeping(c, e);
                throw e;
            }
        }
    }

    /** The completion found the claim gone: another worker took the job over; nothing was written. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        for (Thread t : threads) {
            try {
                t.join(settings.leaseMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
