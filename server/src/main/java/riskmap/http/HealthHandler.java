package riskmap.http;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Health for load balancers and supervisors: {@code GET /health/live} says the process answers
 * (restarting it would not help a database outage); {@code GET /health/ready} and {@code GET /health}
 * say whether requests can be served, i.e. whether {@code SELECT 1} answers within a second.
 */
public final class HealthHandler {
    private static final int READY_QUERY_SECONDS = 1;

    private final DataSource ds;

    public HealthHandler(DataSource ds) {
        this.ds = ds;
    }

    /** {@code GET /health} (kept for existing monitors): 200 {"status":"ok"} when the database answers. */
    public void get(Context ctx) {
        answerIfDatabaseUp(ctx, "ok");
    }

    public void live(Context ctx) {
        ctx.json(Map.of("status", "live"));
    }

    public void ready(Context ctx) {
        answerIfDatabaseUp(ctx, "ready");
    }

    private void answerIfDatabaseUp(Context ctx, String status) {
        // the pool's wait for a connection is bounded too (Database: 1.5 s), so this answers within ~2.5 s at worst
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(READY_QUERY_SECONDS);
            st.execute("SELECT 1");
            ctx.json(Map.of("status", status));
        } catch (SQLException e) {
            ErrorMapper.databaseUnavailable(ctx, e); // also a SELECT 1 cut by its query timeout (57014)
        }
    }
}
