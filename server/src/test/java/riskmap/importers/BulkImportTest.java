package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.edit.FeatureSchema;
import riskmap.store.ImportStore;

/**
 * Large imports (more than one 1 MB COPY batch) into an empty hazard_point build its secondary
 * indexes once at the end: the rows, the indexes, the change history and the all-or-nothing rule
 * come out as with row-by-row loading. Expected values come from SQL or from the rows as generated here.
 */
class BulkImportTest {
    /** About 1.4 MB of CSV: beyond the first COPY batch, so the bulk path is taken. */
    private static final int ROWS = 20_000;
    private static final String HEADER = "name,category,risk_level,admin_code,county,threatened_people,lon,lat\n";
    private static final Importer.Options STRICT = new Importer.Options(false, false, "test", code -> true, "");
    private static final Importer.Options SKIP = new Importer.Options(false, true, "test", code -> true, "");
    /** Every index and foreign key of hazard_point as the catalog states it. */
    private static final String DEFINITIONS = "SELECT string_agg(d, E'\\n' ORDER BY d) FROM (SELECT indexdef || ' valid=' || x.indisvalid AS d"
            + " FROM pg_indexes i JOIN pg_index x ON x.indexrelid = (quote_ident(i.indexname))::regclass WHERE i.tablename = 'hazard_point'"
            + " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'hazard_point'::regclass) s";
    /** Which index objects exist: a rebuilt index is a new object with a new oid. */
    private static final String INDEX_OIDS = indexOids("hazard_point");
    /** The same for the tile grid's deltas, which the grid trigger fills during the COPY. */
    private static final String GRID_INDEX_OIDS = indexOids("hazard_tile_delta");
    private static final String GRID_DEFINITIONS = "SELECT string_agg(indexdef, E'\\n' ORDER BY indexdef) FROM pg_indexes WHERE tablename = 'hazard_tile_delta'";
    /** The points grouped by grid cell and filter key, computed from hazard_point itself. */
    private static final String POINTS_BY_CELL = "SELECT gz, tile_grid_cx(ST_X(geom), gz) cx, tile_grid_cy(ST_Y(geom), gz) cy, category, risk_level, status,"
            + " admin_code, count(*) n, sum(threatened_people) people, sum(ST_X(geom)) lon, sum(ST_Y(geom)) lat"
            + " FROM hazard_point, (VALUES (8), (11)) g(gz) GROUP BY 1, 2, 3, 4, 5, 6, 7";
    /**
     * Keys where the deltas (summed, as tile readers do; keys whose count sums to 0 are empty) and the
     * points disagree: a missing or extra key, another count or number of people, sums of positions
     * more than 1e-6° apart (floating-point sums depend on the order of addition).
     */
    private static final String GRID_MISMATCHES = "SELECT count(*) FROM (SELECT gz, cx, cy, category, risk_level, status, admin_code, sum(n) n,"
            + " sum(people) people, sum(sum_lon) lon, sum(sum_lat) lat FROM hazard_tile_delta GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0) d"
            + " FULL JOIN (" + POINTS_BY_CELL + ") p USING (gz, cx, cy, category, risk_level, status, admin_code)"
            + " WHERE d.n IS DISTINCT FROM p.n OR d.people IS DISTINCT FROM p.people OR NOT abs(d.lon - p.lon) < 1e-6 OR NOT abs(d.lat - p.lat) < 1e-6";

    private static DataSource ds;
    private static String definitions;
    private static String gridDefinitions;

    private static String indexOids(String table) {
        return "SELECT string_agg(indexrelid::text, ',' ORDER BY indexrelid::regclass::text) FROM pg_index"
                + " WHERE indrelid = '" + table + "'::regclass AND NOT indisprimary";
    }

    @BeforeAll
    static void open() {
        ds = TestDatabase.database("bulk_import", false);
        definitions = text(DEFINITIONS);
        gridDefinitions = text(GRID_DEFINITIONS);
    }

    @BeforeEach
    void reset() {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static String text(String sql) {
        return TestDatabase.ids(ds, sql).get(0);
    }

    private static double lon(int i) {
        return 105.3 + (i % 1000) * 0.004;
    }

    private static double lat(int i) {
        return 28.2 + (i / 1000) * 0.01;
    }

    private static String row(int i) {
        return "隐患点" + i + ",landslide," + (1 + i % 4) + ",500101,沙坪坝区," + (i % 500) + "," + lon(i) + "," + lat(i) + "\n";
    }

    private static ImportReport importCsv(IntFunction<String> rows, Importer.Options o) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < ROWS; i++) csv.append(rows.apply(i));
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), FeatureSchema.HAZARDS, null, 4326)) {
            return new Importer(new ImportStore(ds), List.of("landslide", "flood")).run(FeatureSchema.HAZARDS, r, o, Importer.Progress.NONE);
        }
    }

    @Test
    void a_large_import_into_an_empty_table_rebuilds_the_same_indexes_and_stores_every_row() throws Exception {
        String oidsBefore = text(INDEX_OIDS);
        long layerChanges = TestDatabase.count(ds, "SELECT count(*) FROM layer_change WHERE layer = 'hazard_point'");
        ImportReport r = importCsv(BulkImportTest::row, STRICT);

        assertEquals(ROWS, r.stored(), r.summary());
        assertNotEquals(oidsBefore, text(INDEX_OIDS), "the secondary indexes were built anew");
        assertEquals(definitions, text(DEFINITIONS), "every index and foreign key is back, valid, as defined");
        assertEquals(ROWS, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(ROWS, TestDatabase.count(ds, "SELECT count(DISTINCT name) FROM hazard_point WHERE name ~ '^隐患点[0-9]+$' AND county = '沙坪坝区'"),
                "Chinese names and counties arrive as written");
        assertEquals(List.of("1"), TestDatabase.row(ds, "SELECT count(*)::text FROM hazard_point WHERE name = ? AND risk_level = 2"
                + " AND threatened_people = 345 AND ST_X(geom) = ?::float8 AND ST_Y(geom) = ?::float8", "隐患点12345", "" + lon(12345), "" + lat(12345)));
        // one history row for the import (not one per point), whose count is the table's
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        assertEquals(ROWS, TestDatabase.count(ds, "SELECT (new_value ->> 'stored')::bigint FROM change_history WHERE action = 'import' AND feature_id = '(import)'"));
        assertEquals(layerChanges + 1, TestDatabase.count(ds, "SELECT count(*) FROM layer_change WHERE layer = 'hazard_point'"),
                "the COPY is one statement: one layer change");

        // the rebuilt indexes answer: a box over the first 100 columns of the first 5 rows of points (by hand: 100 × 5 points)
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL enable_seqscan = off");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM hazard_point WHERE geom && ST_MakeEnvelope(105.2999, 28.1999, 105.6961, 28.2401, 4326)")) {
                rs.next();
                assertEquals(500, rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM hazard_point WHERE ST_DWithin(geom::geography, ST_MakePoint(105.3, 28.2)::geography, 100)")) {
                rs.next();
                assertEquals(1, rs.getLong(1), "only the corner point lies within 100 m (the next is 390 m east)");
            }
            c.rollback();
        }
    }

    @Test
    void a_large_import_into_an_empty_table_stores_the_rows_in_geohash_order_and_the_next_one_appends_in_file_order() throws Exception {
        List<String> fileOrder = IntStream.range(0, 2 * ROWS).mapToObj(i -> "隐患点" + i).toList();
        importCsv(BulkImportTest::row, STRICT);

        List<String> hashes = TestDatabase.ids(ds, "SELECT geohash FROM hazard_point ORDER BY ctid");
        assertEquals(ROWS, hashes.size());
        assertEquals(0, descents(hashes), "the heap holds the rows in geohash order (ASCII: Java's order is the C collation's)");
        List<String> stored = TestDatabase.ids(ds, "SELECT name FROM hazard_point ORDER BY ctid");
        assertFalse(fileOrder.subList(0, ROWS).equals(stored), "the file's order, west to east and then north, is another: the rows were moved");
        assertEquals("hazard_point_geohash_idx", text("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'hazard_point'::regclass AND indisclustered"),
                "the table is still clustered on its geohash index, for the next load into it empty and for CLUSTER");

        importCsv(i -> row(ROWS + i), STRICT); // a table with rows: no rewrite
        List<String> both = TestDatabase.ids(ds, "SELECT name FROM hazard_point ORDER BY ctid");
        assertTrue(stored.equals(both.subList(0, ROWS)), "the first import's rows stay where they were");
        assertTrue(fileOrder.subList(ROWS, 2 * ROWS).equals(both.subList(ROWS, 2 * ROWS)), "the second's follow them, in the file's order");
    }

    /** How many values are smaller than the one before them. */
    private static long descents(List<String> values) {
        return IntStream.range(1, values.size()).filter(i -> values.get(i).compareTo(values.get(i - 1)) < 0).count();
    }

    @Test
    void a_bad_row_near_the_end_refuses_everything_names_its_line_and_leaves_the_indexes_as_they_were() throws Exception {
        String oidsBefore = text(INDEX_OIDS);
        String gridOidsBefore = text(GRID_INDEX_OIDS);
        int bad = 17_000; // data row 17,000 is line 17,002 of the file (header = line 1)
        IntFunction<String> rows = i -> i == bad ? row(i).replace(",landslide,1,", ",landslide,9,") : row(i);
        assertTrue(rows.apply(bad).contains(",9,"), "the bad row has risk level 9");

        ImportReport refused = importCsv(rows, STRICT);
        assertEquals(0, refused.stored());
        assertEquals(1, refused.refusedCount());
        assertEquals(bad + 2, refused.refused().get(0).row());
        assertTrue(refused.refused().get(0).reason().startsWith("risk_level"), refused.refused().get(0).reason());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
        assertEquals(oidsBefore, text(INDEX_OIDS), "the rollback kept the very same indexes");
        assertEquals(definitions, text(DEFINITIONS));
        assertEquals(gridOidsBefore, text(GRID_INDEX_OIDS), "and the grid's");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_tile_delta"), "no delta survives the rollback");

        ImportReport skipped = importCsv(rows, SKIP);
        assertEquals(ROWS - 1, skipped.stored());
        assertEquals(ROWS - 1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '隐患点" + bad + "'"));
        assertEquals(definitions, text(DEFINITIONS));
        assertEquals(0, TestDatabase.count(ds, GRID_MISMATCHES), "the skipped row is in no cell");
    }

    @Test
    void a_large_import_does_not_wait_for_a_reader_and_keeps_the_indexes_of_a_table_with_rows() throws Exception {
        String oidsBefore = text(INDEX_OIDS);
        try (Connection reader = ds.getConnection(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM hazard_point").close(); // holds the table's ACCESS SHARE lock until rollback
            ImportReport r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> importCsv(BulkImportTest::row, STRICT));
            assertEquals(ROWS, r.stored());
            reader.rollback();
        }
        assertEquals(oidsBefore, text(INDEX_OIDS), "with a reader on the table, rows went into the indexes one by one");

        ImportReport again = importCsv(i -> row(ROWS + i), STRICT);
        assertEquals(ROWS, again.stored());
        assertEquals(oidsBefore, text(INDEX_OIDS), "a table with rows keeps its indexes");
        assertEquals(2L * ROWS, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE action = 'import'"));
        assertEquals(0, TestDatabase.count(ds, GRID_MISMATCHES), "row by row, the grid holds both imports");
    }

    @Test
    void a_large_import_builds_the_grid_index_once_and_the_grid_equals_the_points_grouped_by_cell() throws Exception {
        String gridOidsBefore = text(GRID_INDEX_OIDS);
        ImportReport r = importCsv(BulkImportTest::row, STRICT);

        assertEquals(ROWS, r.stored(), r.summary());
        assertNotEquals(gridOidsBefore, text(GRID_INDEX_OIDS), "the delta table's index was built anew, after the COPY");
        assertEquals(gridDefinitions, text(GRID_DEFINITIONS), "as defined");
        // 20 rows of 1,000 points 0.004° apart: zoom-11 cells (0.022° wide) hold several points, and four risk levels split them
        long keys = TestDatabase.count(ds, "SELECT count(*) FROM (" + POINTS_BY_CELL + ") p");
        assertTrue(keys > 1_000 && keys < 2L * ROWS, keys + " keys");
        assertEquals(keys, TestDatabase.count(ds, "SELECT count(*) FROM hazard_tile_delta"), "one statement, one delta per key");
        assertEquals(0, TestDatabase.count(ds, GRID_MISMATCHES));
    }

    @Test
    void a_grid_holding_deltas_keeps_its_index_and_the_import_still_lands_in_it() throws Exception {
        // a point added and deleted leaves its +1 and −1 in the deltas until the hourly fold: no points, four delta rows
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO hazard_point (category, name, risk_level, admin_code, threatened_people, geom)"
                    + " VALUES ('landslide', '删', 2, '500101', 9, ST_SetSRID(ST_MakePoint(" + lon(7) + ", " + lat(7) + "), 4326))");
            st.execute("DELETE FROM hazard_point");
        }
        assertEquals(4, TestDatabase.count(ds, "SELECT count(*) FROM hazard_tile_delta"));
        String oidsBefore = text(INDEX_OIDS);
        String gridOidsBefore = text(GRID_INDEX_OIDS);

        ImportReport r = importCsv(BulkImportTest::row, STRICT);
        assertEquals(ROWS, r.stored(), r.summary());
        assertNotEquals(oidsBefore, text(INDEX_OIDS), "the points table was empty: its indexes were built once");
        assertEquals(gridOidsBefore, text(GRID_INDEX_OIDS), "the delta table had rows: its index took the new ones row by row");
        assertEquals(0, TestDatabase.count(ds, GRID_MISMATCHES));
    }
}
