package riskmap.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one LISTEN connection: every PostgreSQL notification this server cares about
 * (job wake-ups, warning target changes) arrives here and is handed to the subscribers of its
 * channel, so a thousand browsers on the live board cost one connection, not a thousand. When
 * the connection drops it is re-opened; notifications sent meanwhile are lost, which is why
 * workers also poll, the board can always be re-read, and {@link #onReconnect} tells the live
 * feeds when to tell their clients so.
 */
public final class Notifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final int WAIT_MS = 500;
    private static final int LISTEN_WAIT_MS = 2000;

    private final DataSource ds;
    private final List<String> channels;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();
    private boolean listenedBefore;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    /** Open once LISTEN runs on the current connection; a new one closed while it reconnects. */
    private volatile CountDownLatch listening = new CountDownLatch(1);

    /** Listens on {@code channels} (fixed names, never user input) from the first subscription on. */
    public Notifications(DataSource ds, List<String> channels) {
        this.ds = ds;
        this.channels = List.copyOf(channels);
        for (String ch : channels) {
            if (!ch.matches("[a-z_]{1,63}")) throw new IllegalArgumentException("channel names are lower-case identifiers");
        }
        thread = new Thread(this::loop, "riskmap-listen");
        thread.setDaemon(true);
    }

    /** Calls {@code subscriber} with the payload of every notification on {@code channel}; the returned handle unsubscribes. */
    public AutoCloseable subscribe(String channel, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(subscriber);
        synchronized (thread) {
            if (running && thread.getState() == Thread.State.NEW) thread.start();
        }
        // A subscriber that goes on to tell its client "ready" must not miss a notification sent
        // right after: wait (bounded, the database may be away) until LISTEN is in place.
        try {
            listening.await(LISTEN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> subscribers.getOrDefault(channel, List.of()).remove(subscriber);
    }

    /** Runs {@code r} each time LISTEN is in place again after the connection was lost: what was sent meanwhile is gone. */
    public void onReconnect(Runnable r) {
        reconnected.add(r);
    }

    private void loop() {
        while (running) {
            try (Connection c = ds.getConnection()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    for (String ch : channels) st.execute("LISTEN " + ch);
                }
                listening.countDown();
                if (listenedBefore) reconnected.forEach(Notifications::runSafely);
                listenedBefore = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                try {
                    while (running) {
                        PGNotification[] batch = pg.getNotifications(WAIT_MS);
                        if (batch == null) continue;
                        for (PGNotification n : batch) dispatch(n.getName(), n.getParameter());
                    }
                } catch (SQLException e) {
                    // the failure came through the driver's connection, past the pool's proxy: unless
                    // told, the pool would lend the dead connection to the next request
                    if (ds instanceof HikariDataSource pool) pool.evictConnection(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (!running) return;
                LOG.warn("the LISTEN connection failed ({}); reconnecting in 1 s", e.getMessage());
                sleep();
            } finally {
                connection = null;
                if (listening.getCount() == 0) listening = new CountDownLatch(1);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> s : subscribers.getOrDefault(channel, List.of())) {
            try {
                s.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("a subscriber of {} failed: {}", channel, e.toString());
            }
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a reconnect listener failed: {}", e.toString());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) return;
        try {
            thread.join(WAIT_MS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
