package riskmap.db;

import com.zaxxer.hikari.HikariDataSource;
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
 *
 * <p>{@link #indexScans} routes the same way over a second set of pools whose sessions plan
 * without bitmap scans.
 */
public final class ReadReplicas implements DataSource, AutoCloseable {
    private final Primary primary;
    private final List<Replica> replicas;
    /** Null without replicas. */
    private final ScheduledExecutorService checker;
    /** False in a view ({@link #pin}, {@link #indexScans}), which closes nothing. */
    private final boolean owner;
    private final boolean indexScans;
    private final AtomicInteger next = new AtomicInteger();

    /** The primary's pools for these reads, and how many connections it handed out to them. */
    private record Primary(DataSource plain, HikariDataSource indexScans, LongAdder reads) {
        Connection connection(boolean forIndexScans) throws SQLException {
            reads.increment();
            return (forIndexScans ? indexScans : plain).getConnection();
        }
    }

    private ReadReplicas(Primary primary, List<Replica> replicas, ScheduledExecutorService checker, boolean owner, boolean indexScans) {
        this.primary = primary;
        this.replicas = replicas;
        this.checker = checker;
        this.owner = owner;
        this.indexScans = indexScans;
    }

    /**
     * Opens two pools per configured replica (plain, index scans) and one more to the primary for
     * index scans, and checks the replicas once before returning, so reads use them from the start.
     */
    public static ReadReplicas open(ReadReplicaConfig cfg, DataSource primary, int statementTimeoutMs) {
        List<Replica> replicas = new ArrayList<>();
        for (String u : cfg.urls()) {
            DbUrl url = DbUrl.parse(u, "db_read_url");
            String name = DbUrl.redact(url.jdbcUrl()).replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*", "");
            String pool = "riskmap-replica-" + (replicas.size() + 1);
            replicas.add(new Replica(name, url, Database.replicaPool(url, statementTimeoutMs, pool, false),
                    Database.replicaPool(url, statementTimeoutMs, pool + "-index-scans", true)));
        }
        if (!(primary instanceof HikariDataSource pool)) throw new IllegalArgumentException("the primary must be a Hikari pool, whose settings open the pool for index scans");
        Primary p = new Primary(primary, Database.indexScanPool(pool, statementTimeoutMs), new LongAdder());
        if (replicas.isEmpty()) return new ReadReplicas(p, List.of(), null, true, false);
        ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "riskmap-replica-check");
            t.setDaemon(true);
            return t;
        });
        ReadReplicas reads = new ReadReplicas(p, List.copyOf(replicas), checker, true, false);
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
        return new ReadReplicas(reads.primary, chosen == null ? List.of() : List.of(chosen), null, false, reads.indexScans);
    }

    /**
     * The same reads from connections whose sessions plan without bitmap scans
     * ({@link riskmap.store.Sql#streamFromIndexScans}).
     */
    public DataSource indexScans() {
        return new ReadReplicas(primary, replicas, null, false, true);
    }

    public List<Replica> replicas() {
        return replicas;
    }

    /** Read connections the primary handed out because no replica could serve. */
    public long primaryReads() {
        return primary.reads().sum();
    }

    @Override
    public Connection getConnection() throws SQLException {
        int start = next.getAndIncrement();
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = nextUp(start + i);
            if (r == null) break;
            try {
                return r.connection(indexScans);
            } catch (SQLException e) {
                r.markDown(e);
            }
        }
        return primary.connection(indexScans);
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
        try (Connection c = primary.plain().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ReplicaSql.PRIMARY_FLUSHED)) {
            rs.next();
            flushed = rs.getBigDecimal(1).longValue();
        } catch (SQLException e) {
            // the primary is away: the replicas are judged by the age of what they replayed alone
        }
        for (Replica r : replicas) r.check(flushed, readAt, maxLagMs);
    }

    /** Stops the checks and closes the pools it opened (a view owns none). */
    @Override
    public void close() {
        if (!owner) return;
        if (checker != null) {
            checker.shutdownNow();
            try {
                checker.awaitTermination(5, TimeUnit.SECONDS); // a check under way still uses the replicas' connections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        replicas.forEach(Replica::close);
        primary.indexScans().close();
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
