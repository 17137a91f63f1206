package riskmap.http;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import riskmap.db.SchemaCheck;

/**
 * Health for load balancers and supervisors: {@code GET /health/live} says the process answers
 * (restarting it would not help a database outage); {@code GET /health} says whether the database
 * answers {@code SELECT 1} within a second; {@code GET /health/ready} says whether requests can be
 * served: the database answers and carries this build's newest migration (503 otherwise, so a load
 * balancer sends nothing to a server whose schema is missing).
 */
public final class HealthHandler {
    private static final int READY_QUERY_SECONDS = 1;

    private final DataSource ds;
    private final SchemaCheck schema;

    public HealthHandler(DataSource ds) {
        this.ds = ds;
        this.schema = new SchemaCheck(ds);
    }

    /** {@code GET /health} (kept for existing monitors): 200 {"status":"ok"} when the database answers. */
    public void get(Context ctx) {
        // the pool's wait for a connection is bounded too (Database: 1.5 s), so this answers within ~2.5 s at worst
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(READY_QUERY_SECONDS);
            st.execute("SELECT 1");
            ctx.json(Map.of("status", "ok"));
        } catch (SQLException e) {
            ErrorMapper.databaseUnavailable(ctx, e); // also a SELECT 1 cut by its query timeout (57014)
        }
    }

    public void live(Context ctx) {
        ctx.json(Map.of("status", "live"));
    }

    public void ready(Context ctx) {
        try (Connection c = ds.getConnection()) {
            String missing = schema.missing(c, READY_QUERY_SECONDS);
            if (missing == null) ctx.json(Map.of("status", "ready"));
            else ErrorMapper.schemaNotMigrated(ctx, missing + "; start this riskmap version once against it (it migrates at start-up) or point it at the migrated database");
        } catch (SQLException | FlywayException e) {
            ErrorMapper.databaseUnavailable(ctx, e);
        }
    }
}
