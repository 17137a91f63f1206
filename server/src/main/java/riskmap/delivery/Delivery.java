package riskmap.delivery;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.config.DeliveryConfig;
import riskmap.jobs.JobWorker;
import riskmap.jobs.Notifications;
import riskmap.jobs.WorkerSettings;

/**
 * Delivery wired together: channels, the call starter the issue path uses, the HTTP handlers,
 * and — once {@link #startWorkers} — the job workers. One {@link Notifications} (one LISTEN
 * connection) serves the workers' wake-ups and every event-stream client of this server.
 * Closing stops the workers, the streams and the LISTEN connection, in that order.
 */
public final class Delivery implements AutoCloseable {
    private final DataSource ds;
    private final DeliveryConfig cfg;
    private final Channels channels;
    private final Calls calls;
    private final Notifications notifications;
    private final TargetEvents events;
    private final AckHandler ack;
    private final EventsHandler eventsHandler;
    private JobWorker worker;

    public Delivery(DeliveryConfig cfg, DataSource ds) {
        this.ds = ds;
        this.cfg = cfg;
        this.channels = Channels.from(cfg);
        this.calls = new Calls(cfg, channels);
        this.notifications = new Notifications(ds, List.of(riskmap.jobs.JobQueue.CHANNEL, TargetEvents.CHANNEL));
        this.events = new TargetEvents(notifications);
        this.ack = new AckHandler(new AckStore(ds));
        this.eventsHandler = new EventsHandler(ds, events);
    }

    /** Starts the calls of a warning's new targets inside the issuing transaction (see {@link Calls#start}). */
    public Calls calls() {
        return calls;
    }

    public AckHandler ack() {
        return ack;
    }

    public EventsHandler events() {
        return eventsHandler;
    }

    /**
     * Runs jobs in this server ({@code job_workers} threads; none when 0). {@code port} is the
     * server's HTTP port, for answer links when {@code public_url} is not set.
     */
    public synchronized void startWorkers(int port) {
        if (worker != null || cfg.jobWorkers() == 0) return;
        String publicUrl = cfg.publicUrl().isEmpty() ? "http://localhost:" + port : cfg.publicUrl();
        WorkerSettings settings = new WorkerSettings(cfg.jobWorkers(), cfg.jobPollMs(), cfg.jobLeaseSeconds() * 1000, cfg.jobRetryBaseMs());
        worker = new JobWorker(ds, Map.of(DeliverySql.NOTIFY_KIND, new NotifyJob(ds, channels, publicUrl),
                DeliverySql.DEADLINE_KIND, new DeadlineJob(calls)), settings).start(notifications);
    }

    @Override
    public synchronized void close() {
        if (worker != null) worker.close();
        events.close();
        notifications.close();
    }
}
