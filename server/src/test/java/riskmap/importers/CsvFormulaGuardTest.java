package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestCsv;
import riskmap.TestDatabase;
import riskmap.TestFiles;
import riskmap.TestServer;
import riskmap.cli.Args;
import riskmap.cli.ExportCommand;

/**
 * CSV exports against formula injection (OWASP "CSV Injection"): a text cell beginning with =, +,
 * -, @, tab or carriage return is written with a leading ', still quoted as RFC 4180 wants, while
 * numeric columns — the coordinates west and south of 0°, whole numbers — stay numbers. Checked on
 * {@link ExcelCsv} itself and on every way out of the server: {@code GET /api/export},
 * {@code GET /ogc/…/items?f=csv} and {@code riskmap export}. The expected cells are written out
 * here by hand from the fixture.
 */
class CsvFormulaGuardTest {
    private static final String HEADER = "id,lon,lat,category,name,risk_level,status,admin_code,county,township,village,threatened_people,"
            + "responsible_person,responsible_unit,responsible_person_id,updated_at";
    /** The fixture point's row up to updated_at, as a spreadsheet must receive it. */
    private static final List<String> GUARDED_ROW = List.of("FX1", "-3.5", "-12.25", "landslide", "'=HYPERLINK(\"http://evil.example\",\"点\")", "2",
            "active", "500101", "'+万州区", "'-龙驹镇", "'@SUM(A1)", "7", "'\t张三", "'\r龙驹镇政府", "");

    private static DataSource ds;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        ds = TestDatabase.database("csvguard", false);
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                INSERT INTO hazard_point (id, category, name, risk_level, status, admin_code, county, township, village, threatened_people,
                    responsible_person, responsible_unit, geom) VALUES
                ('FX1', 'landslide', '=HYPERLINK("http://evil.example","点")', 2, 'active', '500101', '+万州区', '-龙驹镇', '@SUM(A1)', 7,
                 E'\\t张三', E'\\r龙驹镇政府', ST_SetSRID(ST_MakePoint(-3.5, -12.25), 4326))""");
        }
        server = new TestServer(ds);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void excel_csv_guards_text_that_starts_like_a_formula_and_leaves_numbers_alone() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExcelCsv csv = new ExcelCsv(bytes, List.of("text", "number"));
        for (String[] row : new String[][] {{"=1+2", "-3.5"}, {"-3.5", "2.5e-05"}, {"@x,y", "=1+2"}, {"a=b", null}, {"\r\n", "12"}}) {
            csv.cell(row[0]);
            csv.number(row[1]);
            csv.endRow();
        }
        csv.finish();
        String expected = "\uFEFFtext,number\r\n"
                + "'=1+2,-3.5\r\n" // a formula is shown as text; the negative number is still a number
                + "'-3.5,2.5e-05\r\n" // the same characters in a text column are text
                + "\"'@x,y\",'=1+2\r\n" // guarded, then quoted for its comma; a "number" that is not one is guarded
                + "a=b,\r\n" // = inside the text is harmless
                + "\"'\r\n\",12\r\n";
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void api_export_guards_text_cells_and_keeps_negative_coordinates_numbers() {
        assertGuarded(server.http.get("/api/export?collection=hazards&format=csv").body(), false);
    }

    @Test
    void ogc_csv_download_guards_text_cells_and_keeps_negative_coordinates_numbers() {
        assertGuarded(server.http.get("/ogc/collections/hazards/items?f=csv").body(), false);
    }

    @Test
    void command_line_export_guards_text_cells_and_keeps_negative_coordinates_numbers() throws Exception {
        Path dir = Files.createTempDirectory("riskmap-csvguard");
        try {
            Path file = dir.resolve("hazards.csv");
            ExportCommand export = new ExportCommand();
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            int code = export.run(Args.parse(new String[] {"--collection", "hazards", "--format", "csv", file.toString()},
                    export.valueOptions(), export.flagOptions()), ds, quiet, quiet);
            assertEquals(0, code);
            assertGuarded(Files.readString(file, StandardCharsets.UTF_8), true); // the operator's export holds the phones
        } finally {
            TestFiles.deleteRecursively(dir);
        }
    }

    /** The header and the fixture row, read by the tests' own RFC 4180 reader; updated_at is the server's, the phone NULL. */
    private static void assertGuarded(String body, boolean withPhone) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        String header = withPhone ? HEADER.replace("responsible_unit,", "responsible_unit,responsible_phone,") : HEADER;
        List<String> expected = new ArrayList<>(GUARDED_ROW);
        if (withPhone) expected.add(expected.size() - 1, "");
        assertTrue(text.startsWith(header + "\r\nFX1,-3.5,-12.25,"), "the header, then the coordinates as bare numbers: " + text);
        assertTrue(text.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点\"\")\","), "guarded, then quoted, its quotes doubled: " + text);
        List<List<String>> rows = TestCsv.parse(text);
        assertEquals(2, rows.size(), text);
        assertEquals(expected, rows.get(1).subList(0, expected.size()), text);
    }
}
