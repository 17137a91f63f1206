package riskmap.jobs;

import java.sql.Connection;

/**
 * The code that runs the jobs of one kind. {@link #run} may do slow work outside any transaction
 * (an HTTP send); what must happen exactly once goes through {@link Finish#commit}, which runs it
 * in the transaction that marks the job done. A job whose {@code run} returns without calling it
 * is marked done on its own. Throwing schedules a retry with backoff, or {@link #giveUp} after the
 * last attempt.
 */
public interface JobHandler {
    void run(Job job, Finish finish) throws Exception;

    /** After the last failed attempt, in the transaction that marks the job failed. */
    default void giveUp(Job job, Connection c, String error) throws Exception {
    }

    /** Commits a job's effects together with its completion. */
    @FunctionalInterface
    interface Finish {
        void commit(Effects effects) throws Exception;
    }

    /** Writes that belong to a job's completion; {@code c} is inside the transaction. */
    @FunctionalInterface
    interface Effects {
        void apply(Connection c) throws Exception;
    }
}
