package riskmap.db;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming replica: its pools for reads (plain, and for index scans as
 * {@link ReadReplicas#indexScans} hands them out), and whether it may serve them now.
 *
 * <p>Its lag is an upper bound on how old the data it serves can be: zero when it has replayed
 * everything the primary had flushed when the check began; otherwise the smaller of the time since
 * a check last found it caught up and the age of the last transaction it replayed (each alone
 * bounds the staleness: the first is wrong after a long idle spell of the primary, the second
 * while it writes without pause). The check uses a connection of its own, outside the pool, so a
 * busy pool does not look like a dead replica.
 */
public final class Replica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final String name;
    private final DbUrl url;
    private final HikariDataSource pool;
    private final HikariDataSource indexScanPool;
    private final LongAdder reads = new LongAdder();
    /** Touched by the checking thread only. */
    private Connection probe;
    private long caughtUpAtNanos;
    private boolean everCaughtUp;
    private volatile boolean up;
    private volatile double lagSeconds = Double.NaN;

    Replica(String name, DbUrl url, HikariDataSource pool, HikariDataSource indexScanPool) {
        this.name = name;
        this.url = url;
        this.pool = pool;
        this.indexScanPool = indexScanPool;
    }

    /** host:port/database, without credentials: fit for logs and metric labels. */
    public String name() {
        return name;
    }

    public boolean up() {
        return up;
    }

    /** Seconds behind the primary at the last check (NaN: not known, the replica did not answer). */
    public double lagSeconds() {
        return lagSeconds;
    }

    /** Connections handed out for reads. */
    public long reads() {
        return reads.sum();
    }

    Connection connection(boolean indexScans) throws SQLException {
        Connection c = (indexScans ? indexScanPool : pool).getConnection();
        reads.increment();
        return c;
    }

    /**
     * Measures the replica. {@code primaryFlushed} is the primary's flushed LSN read at
     * {@code primaryReadAtNanos} (null: the primary did not answer, so only the replay age counts).
     */
    void check(Long primaryFlushed, long primaryReadAtNanos, long maxLagMs) {
        try {
            if (probe == null) probe = openProbe();
            try (Statement st = probe.createStatement(); ResultSet rs = st.executeQuery(ReplicaSql.REPLICA_STATE)) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    set(false, Double.NaN, "is not a standby (pg_is_in_recovery() is false): it was promoted, or db_read_url names a primary");
                    return;
                }
                BigDecimal replayed = rs.getBigDecimal(2);
                double replayAge = rs.getObject(3) == null ? Double.POSITIVE_INFINITY : Math.max(0, rs.getDouble(3));
                if (primaryFlushed != null && replayed != null && replayed.longValue() >= primaryFlushed) {
                    caughtUpAtNanos = primaryReadAtNanos;
                    everCaughtUp = true;
                    set(true, 0, null);
                    return;
                }
                double sinceCaughtUp = everCaughtUp ? (System.nanoTime() - caughtUpAtNanos) / 1e9 : Double.POSITIVE_INFINITY;
                double lag = Math.min(sinceCaughtUp, replayAge);
                set(lag * 1000 <= maxLagMs, lag, String.format("lags %.1f s behind the primary (db_read_max_lag is %.1f s)", lag, maxLagMs / 1000.0));
            }
        } catch (SQLException e) {
            closeProbe();
            set(false, Double.NaN, "does not answer: " + Database.firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** Left out at once when a request could not have a connection; the next check may bring it back. */
    void markDown(SQLException cause) {
        set(false, lagSeconds, "refused a connection: " + Database.firstLine(String.valueOf(cause.getMessage())));
    }

    private synchronized void set(boolean nowUp, double lag, String why) {
        lagSeconds = lag;
        if (nowUp == up) return;
        up = nowUp;
        if (nowUp) LOG.info("read replica {} serves reads", name);
        else LOG.warn("read replica {} left out, reads go to the primary: it {}", name, why);
    }

    private Connection openProbe() throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        props.setProperty("connectTimeout", "1");
        props.setProperty("socketTimeout", "2"); // a replica that hangs counts as away, without stalling the other checks for long
        props.setProperty("ApplicationName", "riskmap-replica-check");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    private void closeProbe() {
        if (probe == null) return;
        try {
            probe.close();
        } catch (SQLException ignored) {
            // the connection is broken already; nothing to release
        }
        probe = null;
    }

    @Override
    public void close() {
        closeProbe();
        pool.close();
        indexScanPool.close();
    }
}
