package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** POST /api/import and GET /api/export through a real server. */
class TransferHttpTest {
    private static DataSource ds;
    private static TestServer server;
    private static Api api;
    private static String editor500101;
    private static String viewer;

    private static final String CSV = "name,category,risk_level,admin_code,lon,lat,responsible_phone\n"
            + "镇内一,landslide,2,500101001,108.4,30.8,13900000011\n"
            + "镇内二,landslide,3,500101,108.41,30.81,13900000012\n"
            + "区外,flood,2,500102,107.4,29.7,13900000013\n";

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        server = new TestServer(ds);
        api = new Api(server.port());
        editor500101 = Api.token(ds, "万州导入", Role.EDITOR, "500101");
        viewer = Api.token(ds, "看", Role.VIEWER, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static Api.Response post(String query, String token, byte[] body, String type) {
        return api.send("POST", "/api/import?" + query, token, body, "Content-Type", type);
    }

    @Test
    void import_needs_an_editor_and_keeps_to_its_region() {
        byte[] body = CSV.getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post("collection=hazards", null, body, "text/csv").status());
        assertEquals(403, post("collection=hazards", viewer, body, "text/csv").status());
        Api.Response refused = post("collection=hazards", editor500101, body, "text/csv");
        assertEquals(422, refused.status(), refused.body());
        JsonNode r = refused.json();
        assertEquals("import_refused", r.get("error").asText());
        assertEquals(0, r.get("stored").asInt());
        assertEquals(4, r.at("/refused/0/row").asInt());
        assertTrue(r.at("/refused/0/reason").asText().contains("500101"), refused.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));

        Api.Response skipped = post("collection=hazards&skip_invalid=true", editor500101, body, "text/csv; charset=utf-8");
        assertEquals(200, skipped.status(), skipped.body());
        assertEquals(2, skipped.json().get("stored").asInt());
        assertEquals(1, skipped.json().get("refused_count").asInt());
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE admin_code LIKE '500101%'"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE action = 'import' AND actor = '万州导入'"));
    }

    @Test
    void dry_run_gbk_csv_and_geojson_over_http() {
        byte[] gbk = CSV.replace("区外,flood,2,500102", "区内三,flood,2,500101").getBytes(Charset.forName("GBK"));
        Api.Response dry = post("collection=hazards&dry_run=true", editor500101, gbk, "text/csv");
        assertEquals(200, dry.status(), dry.body());
        assertEquals(3, dry.json().get("valid").asInt());
        assertEquals(0, dry.json().get("stored").asInt());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        Api.Response stored = post("collection=hazards&format=csv&encoding=GBK", editor500101, gbk, "application/octet-stream");
        assertEquals(200, stored.status(), stored.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '区内三'"));
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[" + Api.hazard("J1", "500101", 2, 108.4, 30.8) + "]}";
        Api.Response geojson = post("collection=hazards", editor500101, fc.getBytes(StandardCharsets.UTF_8), "application/geo+json");
        assertEquals(200, geojson.status(), geojson.body());
        assertEquals(400, post("collection=volcanoes", editor500101, fc.getBytes(StandardCharsets.UTF_8), "application/geo+json").status());
        assertEquals(400, post("collection=hazards", editor500101, fc.getBytes(StandardCharsets.UTF_8), "text/plain").status());
    }

    @Test
    void export_streams_each_format_and_hides_phones_from_anonymous_callers() throws Exception {
        post("collection=hazards&skip_invalid=true", editor500101, CSV.getBytes(StandardCharsets.UTF_8), "text/csv");
        Api.Response anon = api.get("/api/export?collection=hazards&format=geojson", null);
        assertEquals(200, anon.status(), anon.body());
        assertEquals(2, anon.json().get("features").size());
        assertFalse(anon.body().contains("13900000011"));
        Api.Response withToken = api.get("/api/export?collection=hazards&format=csv&min_level=3", viewer);
        assertEquals(200, withToken.status());
        String csv = withToken.body();
        assertTrue(csv.contains("13900000012") && !csv.contains("13900000011"), csv);
        assertTrue(withToken.header("Content-Disposition").contains("hazards.csv"));
        Api.Response gpkg = api.get("/api/export?collection=hazards&format=gpkg&bbox=108,30,109,31", null);
        assertEquals(200, gpkg.status());
        assertEquals("SQLite format 3", new String(gpkg.bytes(), 0, 15, StandardCharsets.US_ASCII));
        Path file = Files.createTempFile("riskmap-export", ".gpkg");
        try {
            Files.write(file, gpkg.bytes());
            try (GpkgReader r = new GpkgReader(file, riskmap.edit.FeatureSchema.HAZARDS, null)) {
                assertEquals(2, r.total());
            }
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(400, api.get("/api/export?collection=shelters&format=csv&category=flood", null).status());
        Api.Response shp = api.get("/api/export?collection=hazards&format=shp", null);
        assertEquals(200, shp.status());
        assertTrue(shp.header("Content-Disposition").contains("hazards.zip"), shp.header("Content-Disposition"));
        List<String> entries = new java.util.ArrayList<>();
        StringBuilder dbf = new StringBuilder();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(shp.bytes()))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.add(e.getName());
                byte[] bytes = zip.readAllBytes();
                if (e.getName().endsWith(".dbf")) {
                    // dBASE header: the record count at byte 4, little-endian
                    assertEquals(2, java.nio.ByteBuffer.wrap(bytes, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
                    dbf.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of("hazards.shp", "hazards.shx", "hazards.dbf", "hazards.prj", "hazards.cpg"), entries);
        assertFalse(dbf.toString().contains("1390000001"), "no phone reaches an anonymous caller");
        for (String token : new String[] {null, viewer}) {
            Api.Response fgb = api.get("/api/export?collection=hazards&format=fgb", token);
            assertEquals(200, fgb.status());
            assertTrue(fgb.header("Content-Type").startsWith("application/flatgeobuf"), fgb.header("Content-Type"));
            assertTrue(fgb.header("Content-Disposition").contains("hazards.fgb"), fgb.header("Content-Disposition"));
            assertEquals(2, flatGeobufFeatures(fgb.bytes()));
            String text = new String(fgb.bytes(), StandardCharsets.UTF_8);
            assertEquals(token != null, text.contains("13900000012") && text.contains("responsible_phone"), "phones only for a viewer");
        }
        assertEquals(400, post("collection=hazards&format=fgb", editor500101, new byte[8], "application/flatgeobuf").status(), "FlatGeobuf is written, not read");
    }

    /** Features in a FlatGeobuf without index, by its layout: 8 magic bytes, then size-prefixed flatbuffers (header, features…). */
    private static int flatGeobufFeatures(byte[] file) {
        assertEquals("fgb\u0003fgb\u0000", new String(file, 0, 8, StandardCharsets.US_ASCII));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = -1; // the header is the first buffer
        for (int at = 8; at < file.length; at += 4 + b.getInt(at)) n++;
        return n;
    }
}
