package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * Broken input to POST /api/import: every case is a 4xx with {"error","detail"} naming what to fix,
 * and the hazard table holds exactly the rows it held before (counted in SQL).
 */
class ImportBadInputTest {
    private static final String HEADER = "name,category,risk_level,admin_code,lon,lat\n";
    private static final String GOOD_ROW = "好点,landslide,2,500101,108.4,30.8\n";
    private static final String COUNT = "SELECT count(*) FROM hazard_point";

    private static DataSource ds;
    private static TestServer server;
    private static Api api;
    private static String editor;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        server = new TestServer(ds);
        api = new Api(server.port());
        editor = Api.token(ds, "坏输入", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One stored hazard, so "unchanged" means 1, not merely "still empty". */
    @BeforeEach
    void oneHazard() {
        TestDatabase.emptyFeatureTables(ds);
        Api.Response r = post("collection=hazards&format=csv", (HEADER + "已有,flood,3,500101,108.5,30.9\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        assertEquals(1, TestDatabase.count(ds, COUNT));
    }

    private static Api.Response post(String query, byte[] body) {
        return api.send("POST", "/api/import?" + query, editor, body, "Content-Type", "application/octet-stream");
    }

    /** Posts, asserts status and error code, that the detail says {@code hint}, and that nothing was written. */
    private static JsonNode refused(String query, byte[] body, int status, String error, String hint) {
        Api.Response r = post(query, body);
        assertEquals(status, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(error, j.path("error").asText(), r.body());
        assertTrue(j.path("detail").asText().contains(hint), r.body());
        assertEquals(1, TestDatabase.count(ds, COUNT), "nothing written after " + r.body());
        return j;
    }

    @Test
    void a_body_that_is_not_a_geopackage() throws Exception {
        refused("collection=hazards&format=gpkg", "name,lon,lat\n".getBytes(StandardCharsets.UTF_8), 400, "invalid_import", "not a GeoPackage");
        refused("collection=hazards&format=gpkg", new byte[0], 400, "invalid_import", "not a GeoPackage");
        // a real SQLite database, but without the GeoPackage tables
        Path plain = Files.createTempFile("riskmap-plain", ".sqlite");
        try {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + plain); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE hazards (id INTEGER PRIMARY KEY, name TEXT)");
            }
            refused("collection=hazards&format=gpkg", Files.readAllBytes(plain), 400, "invalid_import", "gpkg_contents");
        } finally {
            Files.deleteIfExists(plain);
        }
        // a GeoPackage's first bytes, cut off
        byte[] gpkg = exportedGeoPackage();
        byte[] head = java.util.Arrays.copyOf(gpkg, 2000);
        refused("collection=hazards&format=gpkg", head, 400, "invalid_import", "GeoPackage");
    }

    @Test
    void a_geopackage_with_a_corrupt_geometry_blob() throws Exception {
        byte[] gpkg = exportedGeoPackage();
        for (String blob : new String[] {"X'00010203'", "X'4750'", "X'47500001E6100000'"}) {
            Path file = Files.createTempFile("riskmap-corrupt", ".gpkg");
            try {
                Files.write(file, gpkg);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
                    String table;
                    String column;
                    try (ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM gpkg_geometry_columns")) {
                        rs.next();
                        table = rs.getString(1);
                        column = rs.getString(2);
                    }
                    st.executeUpdate("UPDATE \"" + table + "\" SET \"" + column + "\" = " + blob
                            + " WHERE rowid = (SELECT max(rowid) FROM \"" + table + "\")");
                }
                JsonNode j = refused("collection=hazards&format=gpkg", Files.readAllBytes(file), 422, "import_refused", "nothing was written");
                JsonNode geometry = null;
                for (JsonNode f : j.get("refused")) if (f.get("reason").asText().contains("geometry")) geometry = f;
                assertTrue(geometry != null, j.toString());
                assertEquals(2, geometry.get("row").asInt(), j.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void a_broken_encoding_parameter() {
        byte[] csv = (HEADER + GOOD_ROW).getBytes(StandardCharsets.UTF_8);
        for (String bad : new String[] {"\\'", "klingon-8", "\uFEFFUTF-8", "x".repeat(300)}) {
            refused("collection=hazards&format=csv&encoding=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), csv, 400, "invalid_import",
                    "use UTF-8 or GBK");
        }
        // names a charset the JDK has but cannot read CSV with
        refused("collection=hazards&format=csv&encoding=UTF-16", csv, 400, "invalid_import", "no geometry columns");
    }

    @Test
    void a_csv_with_a_bom_is_read_unless_the_named_encoding_contradicts_it() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = ("lon,lat,name,category,risk_level,admin_code\n108.4,30.8,带BOM,landslide,2,500101\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, body, 0, 3);
        System.arraycopy(text, 0, body, 3, text.length);
        Api.Response dry = post("collection=hazards&format=csv&dry_run=true", body);
        assertEquals(200, dry.status(), dry.body());
        assertEquals(1, dry.json().get("valid").asInt());
        // read as GBK the BOM turns into a character glued to "lon": the detail says so
        refused("collection=hazards&format=csv&encoding=GBK", body, 400, "invalid_import", "byte-order mark");
        // Excel's "Unicode text" is UTF-16 with its own BOM: refused with what to save instead of being read as GBK garbage
        byte[] utf16 = "lon,lat,name\n108.4,30.8,十六位\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        refused("collection=hazards&format=csv", withBom, 400, "invalid_import", "UTF-16");
    }

    @Test
    void a_csv_with_a_truncated_wkt_row_names_the_row() {
        String csv = "name,category,risk_level,admin_code,wkt\n"
                + "甲,landslide,2,500101,POINT(108.1 30.1)\n"
                + "乙,landslide,2,500101,POINT(108.1\n"
                + "丙,landslide,2,500101,\"POINT(108.1\n";
        JsonNode j = refused("collection=hazards&format=csv", csv.getBytes(StandardCharsets.UTF_8), 422, "import_refused", "nothing was written");
        assertEquals(3, j.at("/refused/0/row").asInt(), j.toString());
        assertTrue(j.at("/refused/0/reason").asText().contains("not WKT"), j.toString());
        assertEquals(4, j.at("/refused/1/row").asInt(), j.toString());
        for (String wkt : new String[] {"SRID=;POINT(1 2)", "SRID=x;POINT(1 2)", "SRID=99999999999;POINT(1 2)", "POLYGON((108 30,109 30,109 31))",
                "POINT(108.1 30.1", "LINESTRING(1e999 2, 3 4)", "POINT EMPTY"}) {
            String one = "name,category,risk_level,admin_code,wkt\n乙,landslide,2,500101,\"" + wkt + "\"\n";
            Api.Response r = post("collection=hazards&format=csv", one.getBytes(StandardCharsets.UTF_8));
            assertTrue(r.status() == 422 || r.status() == 400, wkt + ": " + r.body());
            assertTrue(r.json().path("detail").asText().length() > 10, r.body());
            assertEquals(1, TestDatabase.count(ds, COUNT), wkt);
        }
    }

    @Test
    void a_geojson_string_longer_than_jackson_reads() {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + "长".repeat(20_000_001) + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.4,30.8]}}]}";
        refused("collection=hazards&format=geojson", fc.getBytes(StandardCharsets.UTF_8), 413, "value_too_large", "20000000 characters");
    }

    /** The stored hazard plus one more, exported as a GeoPackage by the server. */
    private static byte[] exportedGeoPackage() {
        assertEquals(200, post("collection=hazards&format=csv", (HEADER + GOOD_ROW).getBytes(StandardCharsets.UTF_8)).status());
        Api.Response r = api.get("/api/export?collection=hazards&format=gpkg", editor);
        assertEquals(200, r.status());
        TestDatabase.emptyFeatureTables(ds);
        assertEquals(200, post("collection=hazards&format=csv", (HEADER + "已有,flood,3,500101,108.5,30.9\n").getBytes(StandardCharsets.UTF_8)).status());
        return r.bytes();
    }
}
