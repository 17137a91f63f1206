package riskmap.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;
import riskmap.config.ReadReplicaConfig;

/**
 * The data source of the heavy reads (items, spatial queries, tiles, stats, exports): a healthy
 * streaming replica, taken in turn, else the primary. Writes and the reads that must see their own
 * writes keep the primary's pool.
 *
 * <p>A replica serves only while the last check found it a standby no further behind than
 * {@code db_read_max_lag}; the checks run every {@code db_read_check_ms} on one thread (one small
 * query on the primary, one per replica), and a replica that refuses a connection to a request is
 * left out at once. Without replicas every connection comes from the primary, as before.
 *
 * <p>Connections from different replicas may see different moments; work whose reads must not go
 * back in time between statements (a tile labelled with the version it was read at) takes
 * {@link #pin} once and uses that for all of them.
 */
public final class ReadReplicas implements DataSource, AutoCloseable {
    private final DataSource primary;
    private final List<Replica> replicas;
    private final LongAdder primaryReads;
    private final ScheduledExecutorService checker;
    private final AtomicInteger next = new AtomicInteger();

    private ReadReplicas(DataSource primary, List<Replica> replicas, LongAdder primaryReads, ScheduledExecutorService checker) {
        this.primary = primary;
        this.replicas = replicas;
        this.primaryReads = primaryReads;
        this.checker = checker;
    }

    /** Opens a pool per configured replica and checks them once before returning, so reads use them from the start. */
    public static ReadReplicas open(ReadReplicaConfig cfg, DataSource primary, int statementTimeoutMs) {
        List<Replica> replicas = new ArrayList<>();
        for (String u : cfg.urls()) {
            DbUrl url = DbUrl.parse(u, "db_read_url");
            String name = DbUrl.redact(url.jdbcUrl()).replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*", "");
            replicas.add(new Replica(name, url, Database.replicaPool(url, statementTimeoutMs, "riskmap-replica-" + (replicas.size() + 1))));
        }
        if (replicas.isEmpty()) return new ReadReplicas(primary, List.of(), new LongAdder(), null);
        ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "riskmap-replica-check");
            t.setDaemon(true);
            return t;
        });
        ReadReplicas reads = new ReadReplicas(primary, List.copyOf(replicas), new LongAdder(), checker);
        reads.check(cfg.maxLagMs());
        checker.scheduleWithFixedDelay(() -> reads.check(cfg.maxLagMs()), cfg.checkMs(), cfg.checkMs(), TimeUnit.MILLISECONDS);
        return reads;
    }

    /**
     * {@code ds} itself, or — when it is a {@link ReadReplicas} — one replica chosen now (falling
     * back only to the primary, which is never behind it), for reads that must not go back in time.
     */
    public static DataSource pin(DataSource ds) {
        if (!(ds instanceof ReadReplicas reads)) return ds;
        Replica chosen = reads.nextUp(0);
        return new ReadReplicas(reads.primary, chosen == null ? List.of() : List.of(chosen), reads.primaryReads, null);
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /** Read connections the primary handed out because no replica could serve. */
    public long primaryReads() {
        return primaryReads.sum();
    }

    @Override
    public Connection getConnection() throws SQLException {
        int start = next.getAndIncrement();
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = nextUp(start + i);
            if (r == null) break;
            try {
                return r.connection();
            } catch (SQLException e) {
                r.markDown(e);
            }
        }
        primaryReads.increment();
        return primary.getConnection();
    }

    /** The first replica that is up, looking from position {@code from} round the list; null when none is. */
    private Replica nextUp(int from) {
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = replicas.get(Math.floorMod(from + i, replicas.size()));
            if (r.up()) return r;
        }
        return null;
    }

    private void check(long maxLagMs) {
        long readAt = System.nanoTime();
        Long flushed = null;
        try (Connection c = primary.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ReplicaSql.PRIMARY_FLUSHED)) {
            rs.next();
            flushed = rs.getBigDecimal(1).longValue();
        } catch (SQLException e) {
            // the primary is away: the replicas are judged by the age of what they replayed alone
        }
        for (Replica r : replicas) r.check(flushed, readAt, maxLagMs);
    }

    /** Stops the checks and closes the replicas' pools (a pinned view owns neither). */
    @Override
    public void close() {
        if (checker == null) return;
        checker.shutdownNow();
        try {
            checker.awaitTermination(5, TimeUnit.SECONDS); // a check under way still uses the replicas' connections
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.forEach(Replica::close);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("read connections use the configured users");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // pgjdbc logs through java.util.logging; nothing to set here
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // each pool has its own connection timeout
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
