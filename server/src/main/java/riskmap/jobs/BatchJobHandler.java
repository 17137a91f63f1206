package riskmap.jobs;

import java.sql.Connection;
import java.util.List;

/**
 * A handler that runs the claimed jobs of its kind together, so that a province's 50,000
 * messages cost a few statements per batch instead of a few transactions each. {@link #runAll}
 * does the slow work outside any transaction and says how each job ended; the worker then marks
 * every finished job done in one transaction and, in that same transaction, {@link #commitAll}
 * writes the effects of exactly those it still held (a job whose lease ran out belongs to the
 * worker that took it over). A failed job is retried or given up on its own, as a single job is.
 *
 * @param <R> what a finished job hands from {@code runAll} to {@code commitAll}
 */
public interface BatchJobHandler<R> extends JobHandler {
    /** How one job of a batch ended: finished with {@code result} (may be null: nothing to write), or failed. */
    record Outcome<R>(Job job, R result, Exception failure) {
        public static <R> Outcome<R> finished(Job job, R result) {
            return new Outcome<>(job, result, null);
        }

        public static <R> Outcome<R> failed(Job job, Exception failure) {
            return new Outcome<>(job, null, failure);
        }
    }

    /** Runs {@code jobs} (all of this kind); one outcome per job. */
    List<Outcome<R>> runAll(List<Job> jobs) throws Exception;

    /** Writes the effects of {@code finished}, inside the transaction that marks them done. */
    void commitAll(Connection c, List<Outcome<R>> finished) throws Exception;

    /** One job alone is a batch of one. */
    @Override
    default void run(Job job, Finish finish) throws Exception {
        Outcome<R> o = runAll(List.of(job)).get(0);
        if (o.failure() != null) throw o.failure();
        finish.commit(c -> commitAll(c, List.of(o)));
    }
}
