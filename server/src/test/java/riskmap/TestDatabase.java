package riskmap;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.db.Database;
import riskmap.db.DbUrl;
import riskmap.db.LocalPostgres;
import riskmap.db.SeedLoader;

/**
 * A real, throwaway PostGIS cluster for the tests: started once per test JVM in a temporary
 * directory (never the one under var/), on a free loopback port, and stopped when the JVM exits.
 * Each named database is created and migrated on first use.
 */
public final class TestDatabase {
    private static LocalPostgres cluster;
    private static Path clusterDir;
    private static final Map<String, Database> DATABASES = new HashMap<>();

    private TestDatabase() {
    }

    /** The migrated database holding the demo seeds. */
    public static DataSource seeded() {
        return database("seeded", true);
    }

    /** A migrated database without seeds, for tests that place their own features. */
    public static synchronized DataSource database(String name, boolean withSeeds) {
        Database db = DATABASES.get(name);
        if (db == null) {
            LocalPostgres pg = cluster();
            pg.ensureDatabase(name);
            db = Database.open(url(name), 60_000);
            // two dozen test databases share the cluster's 100 connections: a pool no test is using lets its connections go
            if (db.dataSource() instanceof HikariDataSource h) {
                h.getHikariConfigMXBean().setMinimumIdle(0);
                h.getHikariConfigMXBean().setIdleTimeout(10_000);
            }
            if (withSeeds) {
                try {
                    SeedLoader.loadIfNew(db.dataSource(), home().resolve("seeds"));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot load seeds", e);
                }
            }
            DATABASES.put(name, db);
        }
        return db.dataSource();
    }

    /** Removes every feature, every person on duty, every warning and every change record (and, by CASCADE, what refers to them), for tests that place their own. */
    public static void emptyFeatureTables(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE hazard_point, risk_zone, shelter, person, change_history, warning, warning_target, delivery_attempt, ack_link, job CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code statements} in order on one connection, each committed on its own. */
    public static void execute(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }

    /** The single number {@code sql} yields. */
    public static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row {@code sql} yields. */
    public static List<String> ids(DataSource ds, String sql) {
        List<String> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) ids.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return ids;
    }

    /** The first row of {@code sql}, its parameters bound in order, as strings; an empty list for no row. */
    public static List<String> row(DataSource ds, String sql, String... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                if (rs.next()) for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The url of an empty database of that name, created if missing and never migrated here: for tests that open their own {@link Database}. */
    public static DbUrl emptyDatabase(String database) {
        cluster().ensureDatabase(database);
        return url(database);
    }

    public static DbUrl url(String database) {
        LocalPostgres pg = cluster();
        return new DbUrl(pg.jdbcUrl(database), pg.user(), pg.password());
    }

    public static Path home() {
        return Path.of("").toAbsolutePath();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized LocalPostgres cluster() {
        if (cluster == null) {
            try {
                clusterDir = Files.createTempDirectory("riskmap-test-pg");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            cluster = LocalPostgres.start(clusterDir, freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
        }
        return cluster;
    }

    private static synchronized void stop() {
        DATABASES.values().forEach(Database::close);
        cluster.close();
        TestFiles.deleteRecursively(clusterDir);
    }
}
