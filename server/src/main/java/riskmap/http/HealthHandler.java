package riskmap.http;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** {@code GET /health}: 200 {"status":"ok"} when the database answers, 503 otherwise. */
public final class HealthHandler {
    private final DataSource ds;

    public HealthHandler(DataSource ds) {
        this.ds = ds;
    }

    public void get(Context ctx) {
        try (Connection c = ds.getConnection()) {
            if (!c.isValid(2)) throw new SQLException("connection not valid");
            ctx.json(Map.of("status", "ok"));
        } catch (SQLException e) {
            ErrorMapper.write(ctx, 503, "database_unavailable", "the database is not answering: " + e.getMessage());
        }
    }
}
