package riskmap.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.config.StartupException;
import riskmap.region.RegionReferenceMigration;

/**
 * The connection pool to riskmap's PostGIS database, checked and migrated before first use.
 *
 * <p>{@link #open} probes the server with one plain connection first, so an unreachable server,
 * a wrong password or a missing PostGIS stops start-up with one clear sentence instead of a
 * pool's stack trace. Every pooled connection gets a {@code statement_timeout}, because an HTTP
 * client giving up does not stop a query inside PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    public static Database open(DbUrl url, int statementTimeoutMs) {
        String where = DbUrl.redact(url.jdbcUrl());
        checkReachableWithPostgis(url, where);
        HikariConfig hc = poolConfig(url, statementTimeoutMs, "riskmap");
        // Fail fast while the database is away: a request waits at most 1.5 s for a connection and then
        // answers 503 within 2 s, instead of queueing behind Hikari's default 30 s.
        hc.setConnectionTimeout(1_500);
        Database db = new Database(new HikariDataSource(hc));
        try {
            migrate(url, where);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * A pool to a streaming replica: read-only, never migrated (the primary's schema arrives with
     * the WAL), and started even while the replica is away, since {@link ReadReplicas} leaves an
     * unreachable replica out instead of refusing to start. It waits only 0.5 s for a connection:
     * a request that cannot have one goes to the primary.
     */
    static HikariDataSource replicaPool(DbUrl url, int statementTimeoutMs, String name, boolean indexScans) {
        HikariConfig hc = poolConfig(url, statementTimeoutMs, name, indexScans);
        hc.setReadOnly(true);
        hc.setConnectionTimeout(500);
        hc.setValidationTimeout(250); // Hikari wants it below the connection timeout
        hc.setInitializationFailTimeout(-1);
        return new HikariDataSource(hc);
    }

    /**
     * A second pool to {@code primary}'s database whose sessions plan without bitmap scans, for
     * {@link riskmap.store.Sql#streamFromIndexScans}: set once per connection, such a read needs no
     * transaction and no SET of its own, which for a small page were two round trips of three.
     */
    static HikariDataSource indexScanPool(HikariDataSource primary, int statementTimeoutMs) {
        DbUrl url = new DbUrl(primary.getJdbcUrl(), primary.getUsername(), primary.getPassword());
        HikariConfig hc = poolConfig(url, statementTimeoutMs, primary.getPoolName() + "-index-scans", true);
        // sized, waiting and failing at start like the primary's pool
        hc.setMaximumPoolSize(primary.getMaximumPoolSize());
        hc.setConnectionTimeout(primary.getConnectionTimeout());
        hc.setValidationTimeout(primary.getValidationTimeout());
        hc.setInitializationFailTimeout(primary.getInitializationFailTimeout());
        return new HikariDataSource(hc);
    }

    private static HikariConfig poolConfig(DbUrl url, int statementTimeoutMs, String poolName) {
        return poolConfig(url, statementTimeoutMs, poolName, false);
    }

    /**
     * {@code indexScans}: without bitmap scans, for statements written to read an index in order
     * ({@link riskmap.store.PageOrder}'s runs, under a LIMIT) or index-only ({@link riskmap.store.RadiusSql}'s
     * candidates). The planner's estimates for clustered points can be ten times low, and it would
     * rather take a bitmap heap scan, which reads a heap page per match and then sorts them all.
     */
    private static HikariConfig poolConfig(DbUrl url, int statementTimeoutMs, String poolName, boolean indexScans) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) hc.setUsername(url.user());
        if (url.password() != null) hc.setPassword(url.password());
        hc.setPoolName(poolName);
        hc.setMaximumPoolSize(16);
        hc.setMinimumIdle(2); // idle connections cost the server memory; the pool grows under load
        hc.setValidationTimeout(1_000);
        // A new connection to a host that does not answer gives up after 2 s; keepalive lets the kernel
        // notice a peer that vanished without closing. No socketTimeout: imports run with
        // statement_timeout = 0 and a read limit would cut them (a killed backend closes its socket,
        // so reads on it fail at once anyway).
        hc.addDataSourceProperty("connectTimeout", "2");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        // statement_timeout: a client giving up does not stop its query. No parallel workers: on a
        // small machine serving many short queries, starting workers costs more than they save
        // (a bbox count went from 25 ms to 145 ms with them). No JIT: the exact bbox test is costed
        // high enough to pass jit_above_cost, and compiling took longer than the 3 ms query it sped up.
        hc.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeoutMs + " -c max_parallel_workers_per_gather=0 -c jit=off"
                + (indexScans ? " -c enable_bitmapscan=off" : ""));
        hc.addDataSourceProperty("ApplicationName", "riskmap");
        // PostgreSQL's "Failing row contains (…)" would carry phone numbers into exception messages and logs
        hc.addDataSourceProperty("logServerErrorDetail", "false");
        return hc;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The migrations this build carries, over {@code ds}: the same set at start-up and in the readiness check. */
    public static Flyway flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations("classpath:riskmap/migrations")
                .javaMigrations(new RegionReferenceMigration()) // 6.1: the region rows, from files the jar carries
                .load();
    }

    /**
     * Migrates on connections of their own, without the API's {@code statement_timeout}: a migration
     * that rewrites a large table runs longer than any query should (V47's CLUSTER: 78 s at
     * 10,000,000 points), and a timeout set back on pooled connections could leak into requests.
     */
    private static void migrate(DbUrl url, String where) {
        HikariConfig hc = poolConfig(url, 0, "riskmap-migrate");
        hc.setMaximumPoolSize(2);
        hc.setMinimumIdle(0);
        try (HikariDataSource migrating = new HikariDataSource(hc)) {
            Flyway flyway = flyway(migrating);
            int pending = flyway.info().pending().length;
            // said before, not only after: a migration that rewrites a large table (V41: 69 s at 10M points) would look like a hang
            if (pending > 0) LOG.info("applying {} database migrations in {}; one that rewrites a large table can take minutes", pending, where);
            var result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("database schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
            }
        } catch (FlywayException e) {
            String cause = rootMessage(e);
            String hint = cause.contains("permission denied") && cause.contains("extension")
                    ? "; ask a database administrator to run CREATE EXTENSION postgis in that database"
                    : "; fix the database or point RISKMAP_DB_URL at another one";
            throw new StartupException("cannot prepare the schema in " + where + ": " + firstLine(cause) + hint);
        }
    }

    private static void checkReachableWithPostgis(DbUrl url, String where) {
        Properties props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        props.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), props);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                throw new StartupException("the PostgreSQL server at " + where + " has no PostGIS extension available: install it on that server "
                        + "(on Debian/Ubuntu: apt-get install postgresql-<version>-postgis-3) or point RISKMAP_DB_URL at a PostGIS database");
            }
        } catch (SQLException e) {
            throw new StartupException("cannot connect to the database at " + where + ": " + firstLine(e.getMessage())
                    + " Check RISKMAP_DB_URL (or --db), and that the server is running and accepts this user.");
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return String.valueOf(t.getMessage());
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        pool.close();
    }
}
