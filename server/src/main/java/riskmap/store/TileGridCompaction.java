package riskmap.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.jobs.Job;
import riskmap.jobs.JobHandler;
import riskmap.jobs.JobQueue;

/**
 * Folds the tile grid's delta rows (V37 {@code hazard_tile_delta}) into one row per cell and
 * filter key, and the geohash cell counts' (V43 {@code hazard_geohash_count}) into one per cell and
 * category, as an hourly durable job: every edit appends rows to both, and readers sum them. Each
 * run enqueues the next hour's in its completion transaction, and every server enqueues the coming
 * hour's at start; the hour is the job's idempotency key, so several servers run it once an hour
 * and a restart neither loses the schedule nor runs it twice. Deleting and re-inserting in one
 * statement is safe beside concurrent writers: rows they append meanwhile are not in the delete's
 * snapshot and stay. The folded rows are written in cell order, so the rows of one tile, which a
 * reader fetches through the (gz, cx, cy) index, share a few hundred heap pages instead of lying
 * one a page where the trigger's hash aggregation put them (a zoom-5 tile over 10,000,000 points:
 * 22,000 rows, 21,826 pages and 40 ms before a fold, 353 pages and 4 ms after).
 */
public final class TileGridCompaction implements JobHandler {
    public static final String KIND = "tile_grid_compact";
    private static final Logger LOG = LoggerFactory.getLogger(TileGridCompaction.class);
    public static final String COMPACT = "WITH gone AS (DELETE FROM hazard_tile_delta RETURNING *)"
            + " INSERT INTO hazard_tile_delta (gz, cx, cy, category, risk_level, status, admin_code, n, people, sum_lon, sum_lat, changed_at)"
            + " SELECT gz, cx, cy, category, risk_level, status, admin_code, sum(n), sum(people), sum(sum_lon), sum(sum_lat), max(changed_at)"
            + " FROM gone GROUP BY gz, cx, cy, category, risk_level, status, admin_code HAVING sum(n) <> 0"
            + " ORDER BY gz, cx, cy";
    public static final String COMPACT_GEOHASH_COUNTS = "WITH gone AS (DELETE FROM hazard_geohash_count RETURNING *)"
            + " INSERT INTO hazard_geohash_count (chars, cell, category, n)"
            + " SELECT chars, cell, category, sum(n) FROM gone GROUP BY chars, cell, category HAVING sum(n) <> 0 ORDER BY chars, cell";

    private final Clock clock;

    public TileGridCompaction(Clock clock) {
        this.clock = clock;
    }

    /** At server start: the coming hour's run, unless another server has enqueued it already. */
    public static void schedule(DataSource ds, Clock clock) throws SQLException {
        try (Connection c = ds.getConnection()) {
            enqueueNext(c, clock.instant());
        }
    }

    @Override
    public void run(Job job, Finish finish) throws Exception {
        finish.commit(c -> {
            long rows = compact(c);
            long counts = compactGeohashCounts(c);
            enqueueNext(c, clock.instant());
            LOG.info("tile grid compacted to {} rows, geohash cell counts to {}", rows, counts);
        });
    }

    /** Folds the deltas; returns the rows left. Keys whose points are all gone (n sums to 0) are dropped. */
    public static long compact(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(COMPACT);
        }
    }

    /** Folds the geohash cell counts' deltas; returns the rows left. */
    public static long compactGeohashCounts(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(COMPACT_GEOHASH_COUNTS);
        }
    }

    private static void enqueueNext(Connection c, Instant now) throws SQLException {
        Instant next = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        JobQueue.enqueue(c, KIND, KIND + ":" + next, JobQueue.payload(), Duration.between(now, next));
    }
}
