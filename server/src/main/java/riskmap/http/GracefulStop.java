package riskmap.http;

import io.javalin.Javalin;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping without cutting answers short: when the server stops (SIGTERM, {@code App.close}), it
 * first stops accepting connections (a load balancer's next attempt goes to another server), ends
 * the event streams (their pages reconnect elsewhere: an event stream never ends by itself), and
 * waits — at most {@code shutdown_grace_seconds} — until every request already running has been
 * answered; only then does Jetty stop and the pool close behind it.
 *
 * <p>"Answered" is Jetty's {@code onComplete}: the response's last byte, the final chunk of a
 * streamed export included, has been written. A count kept by a handler wrapper or servlet filter
 * (Jetty's StatisticsHandler) reaches zero when the handler returns, before Jetty writes that
 * chunk, and stopping then truncates the export.
 */
public final class GracefulStop implements HttpChannel.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final Set<Request> running = ConcurrentHashMap.newKeySet();
    private final long graceMs;
    private final List<? extends AutoCloseable> streams;

    private GracefulStop(long graceMs, List<? extends AutoCloseable> streams) {
        this.graceMs = graceMs;
        this.streams = streams;
    }

    /** Makes {@code app}'s stop graceful; {@code streams} are the live feeds to end before waiting. */
    public static void install(Javalin app, int graceSeconds, List<? extends AutoCloseable> streams) {
        GracefulStop stop = new GracefulStop(TimeUnit.SECONDS.toMillis(graceSeconds), streams);
        // connections opened after this see the listener: the server has just started, none came before
        app.events(e -> {
            e.serverStarted(() -> connectors(app).forEach(c -> c.addBean(stop)));
            e.serverStopping(() -> stop.drain(app));
        });
    }

    @Override
    public void onRequestBegin(Request request) {
        running.add(request);
    }

    @Override
    public void onComplete(Request request) {
        running.remove(request);
        synchronized (this) {
            notifyAll();
        }
    }

    private void drain(Javalin app) {
        for (AbstractConnector c : connectors(app)) {
            // Jetty gives every open connection this idle timeout at shutdown, busy ones too: a client
            // reading an export slowly must keep the whole grace, not a second
            c.setShutdownIdleTimeout(Math.max(graceMs, 1));
            c.shutdown(); // closes the listening socket; later answers say Connection: close
        }
        for (AutoCloseable s : streams) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("ending the event streams failed: {}", e.toString());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        synchronized (this) {
            long left;
            while (!running.isEmpty() && (left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!running.isEmpty()) LOG.warn("stopping with {} requests still running after {} s (shutdown_grace_seconds)", running.size(), graceMs / 1000);
    }

    private static List<AbstractConnector> connectors(Javalin app) {
        Connector[] all = app.jettyServer().server().getConnectors();
        return java.util.Arrays.stream(all).filter(AbstractConnector.class::isInstance).map(AbstractConnector.class::cast).toList();
    }
}
