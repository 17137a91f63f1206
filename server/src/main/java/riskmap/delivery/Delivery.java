package riskmap.delivery;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.config.DeliveryConfig;
import riskmap.jobs.JobHandler;
import riskmap.jobs.JobQueue;
import riskmap.jobs.JobWorker;
import riskmap.jobs.LiveFeed;
import riskmap.jobs.Notifications;
import riskmap.jobs.WorkerSettings;

/**
 * Delivery wired together: channels, the call starter the issue path uses, the HTTP handlers,
 * and — once {@link #startWorkers} — the job workers. One {@link Notifications} (one LISTEN
 * connection) serves the workers' wake-ups and every event-stream client of this server.
 * Closing stops the workers, the streams and the LISTEN connection, in that order.
 */
public final class Delivery implements AutoCloseable {
    /** The channel of warning_target's triggers (V9): a target's state changed, or targets were added. */
    public static final String TARGET_CHANNEL = "riskmap_target";
    private final DataSource ds;
    private final DeliveryConfig cfg;
    private final Channels channels;
    private final Calls calls;
    private final Notifications notifications;
    private final LiveFeed events;
    private final AckHandler ack;
    private final EventsHandler eventsHandler;
    private JobWorker worker;

    /** {@code moreChannels}: the channels of other workflows' live feeds, on the same LISTEN connection. */
    public Delivery(DeliveryConfig cfg, DataSource ds, List<String> moreChannels) {
        this.ds = ds;
        this.cfg = cfg;
        this.channels = Channels.from(cfg);
        this.calls = new Calls(cfg, channels);
        List<String> listened = new java.util.ArrayList<>(List.of(JobQueue.CHANNEL, TARGET_CHANNEL));
        listened.addAll(moreChannels);
        this.notifications = new Notifications(ds, listened);
        this.events = new LiveFeed(notifications, TARGET_CHANNEL, "warning", "target");
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

    /** The warning boards' event streams, ended first when the server stops (their pages reconnect). */
    public AutoCloseable streams() {
        return events;
    }

    /** The server's one LISTEN connection, for other workflows' live feeds. */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * Runs jobs in this server ({@code job_workers} threads; none when 0). {@code port} is the
     * server's HTTP port, for answer links when {@code public_url} is not set; {@code moreJobs}
     * are other workflows' job handlers by kind, run by the same workers.
     */
    public synchronized void startWorkers(int port, Map<String, JobHandler> moreJobs) {
        if (worker != null || cfg.jobWorkers() == 0) return;
        String publicUrl = cfg.publicUrl().isEmpty() ? "http://localhost:" + port : cfg.publicUrl();
        WorkerSettings settings = new WorkerSettings(cfg.jobWorkers(), cfg.jobPollMs(), cfg.jobLeaseSeconds() * 1000, cfg.jobRetryBaseMs());
        Map<String, JobHandler> jobs = new java.util.HashMap<>(moreJobs);
        jobs.put(DeliverySql.NOTIFY_KIND, new NotifyJob(ds, channels, publicUrl));
        jobs.put(DeliverySql.DEADLINE_KIND, new DeadlineJob(calls));
        worker = new JobWorker(ds, jobs, settings).start(notifications);
    }

    @Override
    public synchronized void close() {
        if (worker != null) worker.close();
        events.close();
        notifications.close();
    }
}
