package riskmap.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.store.Sql;

/**
 * Loads the demo data ({@code seeds/*.sql}, in name order) into a new database, exactly once.
 *
 * <p>A marker row in {@code riskmap_meta} records that seeding happened (or was skipped because the
 * database already held features), so restarts never load the seeds twice. The whole load is one
 * transaction under a table lock: two riskmaps starting on one database cannot both seed it.
 */
public final class SeedLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);
    private static final String MARKER = "seeds_loaded";

    private SeedLoader() {
    }

    /** @return true when the seeds were loaded by this call */
    public static boolean loadIfNew(DataSource ds, Path seedsDir) throws SQLException, IOException {
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(seedsDir) ? Files.list(seedsDir) : Stream.empty()) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        if (files.isEmpty()) {
            LOG.warn("no seed files in {}: the database stays empty", seedsDir);
            return false;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE riskmap_meta IN EXCLUSIVE MODE");
                if (exists(st, "SELECT 1 FROM riskmap_meta WHERE key = '" + MARKER + "'")) {
                    c.commit();
                    return false;
                }
                String marker;
                if (exists(st, "SELECT 1 FROM hazard_point UNION ALL SELECT 1 FROM risk_zone UNION ALL SELECT 1 FROM shelter LIMIT 1")) {
                    LOG.info("the database already holds features: demo seeds not loaded");
                    marker = "skipped: database already held features";
                } else {
                    long t0 = System.nanoTime();
                    for (Path f : files) {
                        st.execute(Files.readString(f, StandardCharsets.UTF_8));
                    }
                    LOG.info("loaded demo seeds {} in {} ms", files.stream().map(p -> p.getFileName().toString()).toList(),
                            (System.nanoTime() - t0) / 1_000_000);
                    marker = "loaded " + files.stream().map(p -> p.getFileName().toString()).toList();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO riskmap_meta (key, value) VALUES (?, ?)")) {
                    ps.setString(1, MARKER);
                    ps.setString(2, marker);
                    ps.executeUpdate();
                }
                c.commit();
                return marker.startsWith("loaded");
            } catch (SQLException | IOException | RuntimeException e) {
                Sql.rollbackKeeping(c, e);
                throw e;
            }
        }
    }

    private static boolean exists(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }
}
