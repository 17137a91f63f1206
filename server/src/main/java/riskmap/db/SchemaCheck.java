package riskmap.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Whether the database carries the newest migration this build ships — for readiness: a server
 * pointed at a database another (older) version created, or restored from an old backup, must not
 * take traffic it would answer with missing tables. The newest version is learnt from Flyway once
 * (it scans the classpath), then each check is one indexed read of {@code flyway_schema_history}.
 */
public final class SchemaCheck {
    private static final String APPLIED = "SELECT EXISTS (SELECT 1 FROM flyway_schema_history WHERE version = ? AND success)";
    /** undefined_table: no flyway_schema_history, nothing was ever migrated here. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final DataSource ds;
    private volatile String newest;

    public SchemaCheck(DataSource ds) {
        this.ds = ds;
    }

    /** Null when the newest migration is applied, else what is missing (for the 503's detail). */
    public String missing(Connection c, int timeoutSeconds) throws SQLException {
        String version = newest();
        try (PreparedStatement st = c.prepareStatement(APPLIED)) {
            st.setQueryTimeout(timeoutSeconds);
            st.setString(1, version);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? null : "the database lacks migration " + version + " of this riskmap";
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) throw e;
            return "the database has no riskmap schema";
        }
    }

    private String newest() {
        if (newest == null) {
            newest = Arrays.stream(Database.flyway(ds).info().all())
                    .filter(m -> m.getVersion() != null && m.getState().isResolved())
                    .max(Comparator.comparing(MigrationInfo::getVersion))
                    .orElseThrow(() -> new IllegalStateException("no migrations on the classpath")).getVersion().getVersion();
        }
        return newest;
    }
}
