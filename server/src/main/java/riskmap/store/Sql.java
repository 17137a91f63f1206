package riskmap.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs parameterised SQL: binds a {@link SqlFragment}'s values, and streams large results through
 * a server-side cursor (autocommit off + fetch size) so pgjdbc never loads a whole result.
 */
public final class Sql {
    /** Rows per round trip when streaming. */
    static final int FETCH_SIZE = 500;
    private static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
    /** Most rows {@link #streamFromIndexScans} reads in one round trip, without a cursor. */
    public static final int ONE_TRIP_ROWS = 2 * FETCH_SIZE;

    private Sql() {
    }

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException, IOException;
    }

    /** Work inside a write transaction that yields a result. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    @FunctionalInterface
    public interface ConnectionWork {
        void run(Connection c) throws SQLException, IOException;
    }

    /** Hands every row of {@code query} to {@code handler}, fetched in batches as it consumes them. */
    public static void stream(DataSource ds, SqlFragment query, RowHandler handler) throws SQLException, IOException {
        inReadTransaction(ds, c -> stream(c, query, handler));
    }

    /**
     * {@link #stream} on {@code indexScanReads}, connections whose sessions plan without bitmap scans
     * ({@code ReadReplicas.indexScans()}), for a statement written to read its index in order
     * ({@link PageOrder}'s runs, under a LIMIT) or index-only ({@link RadiusSql}'s candidates). A
     * statement of at most {@link #ONE_TRIP_ROWS} rows ({@code maxRows}) runs without a
     * transaction: one round trip instead of three (BEGIN, the statement, ROLLBACK). Without a
     * cursor pgjdbc reads all its rows at once, at most two of a cursor's batches.
     */
    public static void streamFromIndexScans(DataSource indexScanReads, SqlFragment query, long maxRows, RowHandler handler) throws SQLException, IOException {
        if (maxRows > ONE_TRIP_ROWS) stream(indexScanReads, query, handler);
        else query(indexScanReads, query, handler);
    }

    /** Runs reads in one transaction, rolled back at the end. */
    public static void inReadTransaction(DataSource ds, ConnectionWork work) throws SQLException, IOException {
        inTransaction(ds, List.of(), work);
    }

    /** Runs several reads that must agree with each other on one REPEATABLE READ snapshot. */
    public static void inSnapshot(DataSource ds, ConnectionWork work) throws SQLException, IOException {
        inTransaction(ds, List.of(SNAPSHOT), work);
    }

    /** Streams {@code query} on a connection already inside a transaction (cursors need one). */
    public static void stream(Connection c, SqlFragment query, RowHandler handler) throws SQLException, IOException {
        try (PreparedStatement ps = prepare(c, query)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) handler.row(rs);
            }
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inWriteTransaction(DataSource ds, Work<T> work) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackKeeping(c, e);
                throw e;
            }
        }
    }

    /**
     * {@code settings} are sent with the transaction's BEGIN, in one round trip; the isolation level
     * set this way ends with the transaction, where setTransactionIsolation's would have to be reset.
     */
    private static void inTransaction(DataSource ds, List<String> settings, ConnectionWork work) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (!settings.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute(String.join("; ", settings));
                }
            }
            try {
                work.run(c);
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackKeeping(c, e);
                throw e;
            }
            c.rollback(); // read-only work: nothing to keep, and cursors are released
        }
    }

    /**
     * Rolls back after {@code failure} without hiding it: when the database went away, the rollback
     * fails too ("Connection is closed"), and only the first failure says what happened (08006 → 503).
     */
    public static void rollbackKeeping(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Runs a query that yields a few rows, handing each to {@code handler}. */
    public static void query(DataSource ds, SqlFragment query, RowHandler handler) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            query(c, query, handler);
        }
    }

    /** The same on a connection the caller holds (e.g. inside a migration's transaction). */
    public static void query(Connection c, SqlFragment query, RowHandler handler) throws SQLException, IOException {
        try (PreparedStatement ps = prepare(c, query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) handler.row(rs);
        }
    }

    public static PreparedStatement prepare(Connection c, SqlFragment query) throws SQLException {
        PreparedStatement ps = c.prepareStatement(query.sql());
        List<Object> binds = query.binds();
        for (int i = 0; i < binds.size(); i++) {
            Object v = binds.get(i);
            if (v instanceof String[] texts) ps.setArray(i + 1, c.createArrayOf("text", texts));
            else ps.setObject(i + 1, v);
        }
        return ps;
    }
}
