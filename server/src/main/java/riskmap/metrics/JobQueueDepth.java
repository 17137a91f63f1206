package riskmap.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The durable job queue's depth, read when Prometheus scrapes. One statement fills all three
 * figures; they are read together within a scrape, so the figures of one scrape come from one count.
 */
final class JobQueueDepth {
    private static final String SQL = "SELECT count(*) FILTER (WHERE done_at IS NULL),"
            + " count(*) FILTER (WHERE done_at IS NULL AND run_at <= now()),"
            + " count(*) FILTER (WHERE failed) FROM job";
    private static final long FRESH_NANOS = 1_000_000_000L;

    private final DataSource ds;
    private long readAt = Long.MIN_VALUE;
    private double[] last = {Double.NaN, Double.NaN, Double.NaN};

    JobQueueDepth(DataSource ds) {
        this.ds = ds;
    }

    double unfinished() {
        return read()[0];
    }

    double due() {
        return read()[1];
    }

    double failed() {
        return read()[2];
    }

    private synchronized double[] read() {
        long now = System.nanoTime();
        if (readAt != Long.MIN_VALUE && now - readAt < FRESH_NANOS) return last;
        readAt = now;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            try (ResultSet rs = st.executeQuery(SQL)) {
                rs.next();
                last = new double[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        } catch (SQLException e) {
            // a scrape during a database outage reports "unknown", not an error page
            last = new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return last;
    }
}
