package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static final String INDEX_OIDS = "SELECT string_agg(indexrelid::text, ',' ORDER BY indexrelid::regclass::text) FROM pg_index"
            + " WHERE indrelid = 'hazard_point'::regclass AND NOT indisprimary";

    private static DataSource ds;
    private static String definitions;

    @BeforeAll
    static void open() {
        ds = TestDatabase.database("bulk_import", false);
        definitions = text(DEFINITIONS);
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
    void a_bad_row_near_the_end_refuses_everything_names_its_line_and_leaves_the_indexes_as_they_were() throws Exception {
        String oidsBefore = text(INDEX_OIDS);
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

        ImportReport skipped = importCsv(rows, SKIP);
        assertEquals(ROWS - 1, skipped.stored());
        assertEquals(ROWS - 1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '隐患点" + bad + "'"));
        assertEquals(definitions, text(DEFINITIONS));
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
    }
}
