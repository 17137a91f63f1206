package riskmap.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import riskmap.edit.FeatureInput;
import riskmap.edit.Field;
import riskmap.edit.FeatureSchema;

/**
 * Loads checked rows into a table in one transaction, through COPY.
 *
 * <p>Points in WGS84 without an id of their own — the usual survey file — need no further check:
 * they are copied straight into the table. Every other row (an id that may be taken or repeated,
 * another CRS, an area) is copied into a temporary table first; the checks that need the database
 * run there (ids already taken or repeated, coordinates out of range after reprojection), then one
 * INSERT … SELECT transforms to WGS84 in PostGIS. The two COPY targets take turns on the one
 * connection, switching when a row needs the other.
 *
 * <p>Nothing is visible to other sessions until {@link Session#commit}; closing a session without
 * committing rolls everything back, so a refused or dry-run import leaves the tables unchanged.
 * An import of more than one batch into an empty table builds the table's secondary indexes once,
 * at the end ({@link BulkIndexes}); smaller ones, and all others, put each row into them.
 */
public final class ImportStore {
    private final DataSource ds;

    public ImportStore(DataSource ds) {
        this.ds = ds;
    }

    /** A refused row found by the database. */
    public record Refusal(long row, String reason) {
    }

    /** @param willCommit false for a dry run: then the table's indexes are left alone, as nothing will be stored */
    public Session begin(FeatureSchema s, boolean willCommit) throws SQLException {
        Connection c = ds.getConnection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = 0"); // a large import may take longer than one API query should
                // the statement triggers aggregate the whole load (the tile grid: 340 MB of hash table per million points);
                // an import is bulk work, so it gets the memory the server gives bulk work
                st.execute("SELECT set_config('work_mem', current_setting('maintenance_work_mem'), true)");
                st.execute(ImportSql.createStaging(s));
            }
            return new Session(c, s, willCommit);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** True when PostGIS knows the SRID, so ST_Transform can use it. */
    public boolean knowsSrid(int srid) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(ImportSql.KNOWN_SRID)) {
            ps.setInt(1, srid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One import in progress, on its own connection and transaction. */
    public static final class Session implements AutoCloseable {
        private static final int FLUSH_BYTES = 1 << 20;
        private final Connection c;
        private final FeatureSchema schema;
        private boolean mayDropIndexes;
        private BulkIndexes bulkIndexes;
        private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 4096);
        private final StringBuilder line = new StringBuilder(256);
        private CopyIn copy;
        private boolean copyDirect;
        private long directRows;
        private boolean committed;

        /** @param mayDropIndexes false for a dry run, which leaves the table's indexes alone */
        Session(Connection c, FeatureSchema schema, boolean mayDropIndexes) {
            this.c = c;
            this.schema = schema;
            this.mayDropIndexes = mayDropIndexes;
        }

        /** Queues one valid row for COPY (rows are sent in 1 MB batches). */
        public void add(long row, FeatureInput in) throws SQLException {
            boolean direct = !schema.areas() && in.id() == null && in.geometry().getSRID() == 4326 && !linksPerson(in);
            if (copy != null && direct != copyDirect) endCopy();
            copyDirect = direct;
            line.setLength(0);
            if (direct) {
                directRows++;
            } else {
                line.append(row).append('\t');
                appendText(in.id());
                line.append('\t');
            }
            boolean first = true;
            for (Object v : in.values().values()) {
                if (!first) line.append('\t');
                first = false;
                appendText(v == null ? null : v.toString());
            }
            line.append('\t').append(WKBWriter.toHex(wkb.write(in.geometry()))).append('\n');
            buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (buffer.size() >= FLUSH_BYTES) {
                if (mayDropIndexes) {
                    // decided at the first full batch, so that a small import never takes the table's lock
                    bulkIndexes = BulkIndexes.dropIfEmpty(c, schema.table());
                    mayDropIndexes = false;
                }
                flush();
            }
        }

        /** A row naming a person goes through the staging table, where a missing person is refused instead of failing the COPY. */
        private boolean linksPerson(FeatureInput in) {
            return schema.personLinks().stream().anyMatch(f -> in.values().get(f.name()) != null);
        }

        /** COPY's text format: \N for null, backslash escapes for the characters that delimit. */
        private void appendText(String v) {
            CopyText.append(line, v);
        }

        private void flush() throws SQLException {
            if (buffer.size() == 0) return;
            if (copy == null) copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copyDirect ? ImportSql.copyDirect(schema) : ImportSql.copy(schema));
            byte[] bytes = buffer.toByteArray();
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.reset();
        }

        /**
         * Ends the COPY and runs the checks that need the database; refused rows are removed from the
         * staging table. Returns the first {@code limit} refusals and the total count.
         */
        public List<Refusal> checkInDatabase(int limit, long[] count) throws SQLException {
            endCopy();
            List<Refusal> out = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                st.execute(ImportSql.refusals(schema));
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM import_refused")) {
                    rs.next();
                    count[0] = rs.getLong(1);
                }
                if (count[0] > 0) {
                    try (ResultSet rs = st.executeQuery("SELECT row_no, reason FROM import_refused ORDER BY row_no LIMIT " + limit)) {
                        while (rs.next()) out.add(new Refusal(rs.getLong(1), rs.getString(2)));
                    }
                    st.execute("DELETE FROM import_rows WHERE row_no IN (SELECT row_no FROM import_refused)");
                }
            }
            return out;
        }

        private void endCopy() throws SQLException {
            flush();
            if (copy != null) {
                copy.endCopy();
                copy = null;
            }
        }

        /** Inserts the staged rows, moves the id sequence past imported ids, records the import ({@code summaryJson} + stored); returns rows stored. */
        public long commit(String actor, String summaryJson) throws SQLException {
            long stored = directRows;
            try (Statement st = c.createStatement()) {
                long withIds = st.executeUpdate(ImportSql.insert(schema, true));
                stored += withIds + st.executeUpdate(ImportSql.insert(schema, false));
                if (bulkIndexes != null) bulkIndexes.rebuild(c);
                if (withIds > 0) st.execute(ImportSql.advanceSequence(schema)); // it reads the whole table; ids the database made need nothing
            }
            try (PreparedStatement ps = c.prepareStatement(ImportSql.HISTORY)) {
                ps.setString(1, schema.id());
                ps.setString(2, actor);
                ps.setString(3, summaryJson);
                ps.setLong(4, stored);
                ps.executeUpdate();
            }
            c.commit();
            committed = true;
            return stored;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (copy != null && copy.isActive()) copy.cancelCopy();
                if (!committed) c.rollback();
            } finally {
                c.close();
            }
        }
    }

    /** The statements of an import. Staging columns follow the schema; nothing comes from the input file. */
    static final class ImportSql {
        static final String KNOWN_SRID = "SELECT 1 FROM spatial_ref_sys WHERE srid = ?";
        /** One history row per import (feature id "(import)"): what was read and how many rows were stored. */
        static final String HISTORY = "INSERT INTO change_history (collection, feature_id, action, actor, new_value)"
                + " VALUES (?, '(import)', 'import', ?, ?::jsonb || jsonb_build_object('stored', ?::bigint))";

        private ImportSql() {
        }

        static String createStaging(FeatureSchema s) {
            String cols = s.fields().stream().map(f -> f.name() + (f.kind() == Field.Kind.INTEGER ? " integer" : " text"))
                    .collect(Collectors.joining(", "));
            return "CREATE TEMP TABLE import_rows (row_no bigint, id text, " + cols + ", geom geometry) ON COMMIT DROP;"
                    + " CREATE TEMP TABLE import_refused (row_no bigint, reason text) ON COMMIT DROP";
        }

        static String copy(FeatureSchema s) {
            return "COPY import_rows (row_no, id, " + names(s) + ", geom) FROM STDIN";
        }

        /** Straight into the table: WGS84 points whose ids the database makes. */
        static String copyDirect(FeatureSchema s) {
            return "COPY " + s.table() + " (" + names(s) + ", geom) FROM STDIN";
        }

        /** Ids already in the table, ids repeated in the file, and reprojected coordinates outside WGS84's range. */
        static String refusals(FeatureSchema s) {
            String transformed = "ST_Transform(r.geom, 4326)";
            String badArea = s.areas() ? " OR NOT ST_IsValid(" + transformed + ")" : "";
            return "INSERT INTO import_refused (row_no, reason)"
                    + " SELECT r.row_no, 'id: ' || r.id || ' is already taken in " + s.id() + "' FROM import_rows r"
                    + " WHERE r.id IS NOT NULL AND EXISTS (SELECT 1 FROM " + s.table() + " t WHERE t.id = r.id)"
                    + " UNION ALL SELECT d.row_no, 'id: ' || d.id || ' appears again (first at row ' || d.first_row || ')' FROM"
                    + " (SELECT row_no, id, min(row_no) OVER (PARTITION BY id) AS first_row FROM import_rows WHERE id IS NOT NULL) d"
                    + " WHERE d.row_no > d.first_row"
                    + " UNION ALL SELECT r.row_no, 'geometry: transformed from EPSG:' || ST_SRID(r.geom)"
                    + " || ' it falls outside lon -180…180 / lat -90…90" + (s.areas() ? " or is not a valid area" : "") + "; check the CRS'"
                    + " FROM import_rows r WHERE ST_SRID(r.geom) NOT IN (4326, 4490) AND (ST_XMin(" + transformed + ") < -180 OR ST_XMax("
                    + transformed + ") > 180 OR ST_YMin(" + transformed + ") < -90 OR ST_YMax(" + transformed + ") > 90" + badArea + ")"
                    + s.personLinks().stream().map(f -> " UNION ALL SELECT r.row_no, '" + f.name() + ": there is no person with the id ' || r." + f.name()
                            + " || '; give the id of a person in /api/people, or leave it empty' FROM import_rows r WHERE r." + f.name()
                            + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = r." + f.name() + ")").collect(Collectors.joining());
        }

        static String insert(FeatureSchema s, boolean withId) {
            String g = s.areas() ? "ST_Multi(ST_Transform(r.geom, 4326))" : "ST_Transform(r.geom, 4326)";
            String cols = names(s);
            String selected = s.fields().stream().map(f -> "r." + f.name()).collect(Collectors.joining(", "));
            return "INSERT INTO " + s.table() + " (" + (withId ? "id, " : "") + cols + ", geom) SELECT " + (withId ? "r.id, " : "")
                    + selected + ", " + g + " FROM import_rows r WHERE r.id IS " + (withId ? "NOT " : "") + "NULL";
        }

        /** Server-made ids continue after the highest imported id of the same pattern (e.g. HP00001234); no bounded repetition, which PostgreSQL's regex engine runs slowly (V45). */
        static String advanceSequence(FeatureSchema s) {
            return "SELECT setval('" + s.sequence() + "', m) FROM (SELECT max(substr(id, " + (s.idPrefix().length() + 1) + ")::bigint) AS m FROM "
                    + s.table() + " WHERE id ~ '^" + s.idPrefix() + "[0-9]+$' AND octet_length(id) <= " + (s.idPrefix().length() + 18) + ") x, " + s.sequence() + " q WHERE m IS NOT NULL AND m >= q.last_value";
        }

        private static String names(FeatureSchema s) {
            return s.fields().stream().map(Field::name).collect(Collectors.joining(", "));
        }
    }
}
