package riskmap.evacuation.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.jobs.Job;
import riskmap.jobs.JobHandler;
import riskmap.jobs.JobQueue;

/**
 * Starts the evacuation events a warning calls for, as a durable job. The issue path enqueues it
 * in the issuing transaction ({@link #enqueue}), so a crash right after the commit still starts
 * the events; the job opens them in its completion transaction, and the unique indexes of V30 make
 * a second run (after a crash, a restart, a lease run out) open nothing new.
 *
 * <p>A warning triggers a plan when its level reaches the plan's prepare or evacuate level and its
 * area meets the plan's area ({@link EventSql#TRIGGERED_PLANS}). A plan with an open event gets
 * no second one; a warning that reaches the evacuate level of a plan that is preparing raises the
 * open event to evacuate. A Cancel opens nothing and closes nothing: people may be on the road,
 * so an event ends only when someone closes it ({@code POST …/close}).
 */
public final class WarningTrigger implements JobHandler {
    public static final String KIND = "evacuation_trigger";
    private static final Logger LOG = LoggerFactory.getLogger(WarningTrigger.class);

    private final EventStore store;
    private final Clock clock;

    public WarningTrigger(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** In the issuing transaction: one trigger job per issued message (its id is the idempotency key). */
    public static void enqueue(Connection c, String warningId) throws SQLException {
        JobQueue.enqueue(c, KIND, KIND + ":" + warningId, JobQueue.payload().put("warning", warningId), Duration.ZERO);
    }

    @Override
    public void run(Job job, Finish finish) throws Exception {
        String warningId = job.payload().path("warning").asText();
        finish.commit(c -> {
            List<String> events = store.openForWarning(c, warningId, clock.instant());
            if (!events.isEmpty()) LOG.info("warning {} started or raised the evacuation events {}", warningId, events);
        });
    }
}
