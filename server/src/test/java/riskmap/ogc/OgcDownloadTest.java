package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestFiles;
import riskmap.TestHttp;

/**
 * Items as files ({@code f=csv|kml|fgb|gpkg|shp}): each download is read back by GDAL, which must
 * find the features SQL selects with the same filters on the test's own connection, their
 * Chinese names intact; the formats are discoverable from the collection, the items and the
 * OpenAPI document.
 */
class OgcDownloadTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);
    private static final Map<String, String> MEDIA = Map.of("csv", "text/csv", "kml", "application/vnd.google-earth.kml+xml",
            "fgb", "application/flatgeobuf", "gpkg", "application/geopackage+sqlite3", "shp", "application/zip");
    private static Path dir;

    @BeforeAll
    static void tempDir() throws Exception {
        dir = Files.createTempDirectory("riskmap-download");
    }

    @AfterAll
    static void clean() {
        TestFiles.deleteRecursively(dir);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Downloads {@code path} into a file named after the format, sending {@code headers} (name, value, …). */
    private static HttpResponse<Path> download(String path, String format, String... headers) throws Exception {
        // GDAL opens a zipped Shapefile directly when it is named .shp.zip
        Path file = dir.resolve(System.nanoTime() + "." + (format.equals("shp") ? "shp.zip" : format));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + path));
        if (headers.length > 0) b.headers(headers);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofFile(file));
    }

    /** A file's bytes as UTF-8 text, for failure messages (bad bytes replaced). */
    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** "id|name" of every feature GDAL reads from {@code file}, through its CSV writer. */
    private static Set<String> idNames(Path file, String format) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "CSV", "/vsistdout/", file.toString(), "-select", "id,name"));
        String out = Gdal.run(cmd.toArray(String[]::new));
        Set<String> rows = new TreeSet<>();
        List<String> lines = out.lines().map(l -> l.replace("\"", "")).toList();
        // GDAL's warnings, if any, come before the header; KML's name is the Placemark's, which GDAL calls Name
        int header = lines.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList().indexOf("id,name");
        assertTrue(header >= 0, format + ": " + out);
        lines.subList(header + 1, lines.size()).stream().filter(l -> !l.isBlank()).forEach(l -> rows.add(l.replace(',', '|')));
        return rows;
    }

    @Test
    void every_format_holds_the_filtered_features_gdal_reads_back_with_chinese_names() throws Exception {
        String where = "risk_level >= 3 AND ST_Intersects(geom, ST_MakeEnvelope(106, 29, 106.35, 29.35, 4326))";
        long expected = TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM hazard_point WHERE " + where);
        assertTrue(expected > 2 && expected < 30, "the filter selects some, not all: " + expected);
        Set<String> expectedRows = new TreeSet<>(TestDatabase.ids(SERVER.ds(), "SELECT id || '|' || name FROM hazard_point WHERE " + where));
        for (String f : List.of("csv", "kml", "fgb", "gpkg", "shp")) {
            HttpResponse<Path> r = download("/ogc/collections/hazards/items?f=" + f + "&bbox=106,29,106.35,29.35&filter=" + enc("risk_level >= 3"), f);
            assertEquals(200, r.statusCode(), () -> f + ": " + text(r.body()));
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(MEDIA.get(f)), f + ": " + r.headers().firstValue("Content-Type"));
            assertEquals("attachment; filename=\"hazards." + (f.equals("shp") ? "zip" : f) + "\"", r.headers().firstValue("Content-Disposition").orElse(null));
            String info = Gdal.run("ogrinfo", "-ro", "-so", "-al", r.body().toString());
            assertEquals(expected, Gdal.featureCount(info), f + ":\n" + info);
            assertEquals(expectedRows, idNames(r.body(), f), f);
        }
    }

    @Test
    void risk_zones_download_as_polygons() throws Exception {
        long expected = TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM risk_zone");
        for (String f : List.of("kml", "gpkg", "fgb", "csv", "shp")) {
            HttpResponse<Path> r = download("/ogc/collections/risk_zones/items?f=" + f, f);
            assertEquals(200, r.statusCode(), f);
            // the CSV carries its geometry as WKT in column wkt
            String info = Gdal.run("ogrinfo", "-ro", "-al", "-geom=SUMMARY", "-oo", "GEOM_POSSIBLE_NAMES=wkt", r.body().toString());
            assertEquals(expected, Gdal.featureCount(info), f + ":\n" + info);
            assertEquals(expected, info.lines().filter(l -> l.startsWith("  MULTIPOLYGON") || l.startsWith("  POLYGON")).count(), f + " reads as polygons:\n" + info);
        }
    }

    @Test
    void a_shapefile_has_its_cpg_prj_and_the_zones_area_sql_computes() throws Exception {
        HttpResponse<Path> r = download("/ogc/collections/risk_zones/items?f=shp", "shp");
        assertEquals(200, r.statusCode());
        Map<String, String> small = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(r.body()))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                small.put(e.getName(), e.getName().endsWith(".cpg") || e.getName().endsWith(".prj") ? new String(bytes, StandardCharsets.US_ASCII) : "");
                if (e.getName().endsWith(".shp")) assertTrue(firstRingSignedArea(bytes) < 0, "ESRI outer rings run clockwise");
            }
        }
        assertEquals(Set.of("risk_zones.shp", "risk_zones.shx", "risk_zones.dbf", "risk_zones.prj", "risk_zones.cpg"), small.keySet());
        assertEquals("UTF-8", small.get("risk_zones.cpg"));
        assertTrue(small.get("risk_zones.prj").startsWith("GEOGCS[\"GCS_WGS_1984\""), small.get("risk_zones.prj"));
        // ring orientation: GDAL takes ESRI's clockwise rings as outer rings; the wrong way round, areas would not add up
        String info = Gdal.run("ogrinfo", "-ro", "-q", r.body().toString(), "-sql", "SELECT id, OGR_GEOM_AREA AS area FROM risk_zones");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("area \\(Real\\) = ([0-9.eE+-]+)").matcher(info);
        double gdal = 0;
        while (m.find()) gdal += Double.parseDouble(m.group(1));
        double sql = Double.parseDouble(TestDatabase.ids(SERVER.ds(), "SELECT sum(ST_Area(geom))::text FROM risk_zone").get(0));
        assertEquals(sql, gdal, sql * 1e-9, info);
        String names = Gdal.run("ogrinfo", "-ro", "-q", r.body().toString(), "-sql", "SELECT name FROM risk_zones");
        for (String name : TestDatabase.ids(SERVER.ds(), "SELECT name FROM risk_zone")) assertTrue(names.contains(name), name + " in\n" + names);
    }

    /** The shoelace sum of the first record's first ring, read from the .shp bytes by the layout of the ESRI specification: negative when clockwise. */
    private static double firstRingSignedArea(byte[] shp) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(shp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int content = 100 + 8;
        assertEquals(5, b.getInt(content), "a Polygon record");
        int parts = b.getInt(content + 36), points = b.getInt(content + 40);
        int end = parts > 1 ? b.getInt(content + 44 + 4) : points;
        int xy = content + 44 + 4 * parts;
        double sum = 0;
        for (int i = 0; i + 1 < end; i++) {
            double x0 = b.getDouble(xy + 16 * i), y0 = b.getDouble(xy + 16 * i + 8), x1 = b.getDouble(xy + 16 * (i + 1)), y1 = b.getDouble(xy + 16 * (i + 1) + 8);
            sum += x0 * y1 - x1 * y0;
        }
        return sum / 2;
    }

    @Test
    void datetime_properties_and_paging_apply_to_files() throws Exception {
        String page = "datetime=2024-01-05T00:00:00Z/2024-01-20T00:00:00Z&properties=name,risk_level&limit=4&offset=2";
        List<String> ids = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE updated_at BETWEEN '2024-01-05T00:00:00Z' AND '2024-01-20T00:00:00Z'"
                + " ORDER BY id LIMIT 4 OFFSET 2");
        HttpResponse<Path> r = download("/ogc/collections/hazards/items?f=gpkg&" + page, "gpkg");
        assertEquals(200, r.statusCode());
        String info = Gdal.run("ogrinfo", "-ro", "-so", "-al", r.body().toString());
        assertEquals(4, Gdal.featureCount(info), info);
        assertTrue(info.contains("name: String") && info.contains("risk_level: Integer"), info);
        assertTrue(!info.contains("status:") && !info.contains("admin_code:"), "only the properties asked for:\n" + info);
        String sql = Gdal.run("ogrinfo", "-ro", "-q", r.body().toString(), "-sql", "SELECT id FROM hazards ORDER BY fid");
        List<String> got = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id \\(String\\) = (\\S+)").matcher(sql);
        while (m.find()) got.add(m.group(1));
        assertEquals(ids, got);
        // the CSV of the same request: a header and one line per feature
        HttpResponse<Path> csv = download("/ogc/collections/hazards/items?f=csv&" + page, "csv");
        List<String> lines = Files.readAllLines(csv.body());
        assertEquals("\uFEFFid,lon,lat,name,risk_level", lines.get(0));
        assertEquals(ids, lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
    }

    @Test
    void a_flatgeobuf_keeps_types_nulls_chinese_text_coordinates_and_phones_for_authorised_callers_only() throws Exception {
        // one point without an accountable person (the fixture gives every point 张三)
        OgcFixture.exec(SERVER.ds(), "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, updated_at, geom) VALUES"
                + " ('HZN1', 'flood', '无责任人·滑坡𠀀点', 4, '500101', '2024-01-09T08:30:00Z', ST_SetSRID(ST_MakePoint(106.123456789, 29.0987654321), 4326))");
        try {
            String where = "risk_level >= 3 AND ST_Intersects(geom, ST_MakeEnvelope(106, 29, 106.35, 29.35, 4326))";
            List<List<String>> expected = new ArrayList<>();
            for (String id : TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE " + where + OgcFixture.GEOHASH_ORDER)) {
                expected.add(TestDatabase.row(SERVER.ds(), "SELECT id, name, risk_level::text, responsible_person, township, ST_X(geom)::text, ST_Y(geom)::text,"
                        + " to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), responsible_phone FROM hazard_point WHERE id = ?", id));
            }
            assertTrue(expected.stream().anyMatch(row -> row.get(0).equals("HZN1")) && expected.stream().anyMatch(row -> row.get(4) == null), expected.toString());
            String query = "/ogc/collections/hazards/items?f=fgb&bbox=106,29,106.35,29.35&filter=" + enc("risk_level >= 3");
            String viewer = riskmap.auth.Api.token(SERVER.ds(), "下载查看", riskmap.auth.Role.VIEWER, null);
            for (String token : new String[] {null, viewer}) {
                HttpResponse<Path> r = token == null ? download(query, "fgb") : download(query, "fgb", "Authorization", "Bearer " + token);
                assertEquals(200, r.statusCode(), () -> text(r.body()));
                String info = Gdal.run("ogrinfo", "-ro", "-so", "-al", r.body().toString());
                assertEquals(expected.size(), Gdal.featureCount(info), info);
                assertTrue(info.contains("Geometry: Point") && info.contains("ID[\"EPSG\",4326]"), info);
                for (String field : List.of("id: String", "name: String", "risk_level: Integer (0.0)", "threatened_people: Integer (0.0)", "updated_at: DateTime")) {
                    assertTrue(info.contains(field), field + " in\n" + info);
                }
                assertEquals(token != null, info.contains("responsible_phone: String"), info);
                JsonNode features = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Gdal.run("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", r.body().toString())).path("features");
                assertEquals(expected.size(), features.size());
                for (int i = 0; i < expected.size(); i++) {
                    List<String> want = expected.get(i);
                    JsonNode f = features.get(i), p = f.path("properties");
                    assertEquals(want.get(0), p.path("id").asText());
                    assertEquals(want.get(1), p.path("name").asText(), "Chinese text as UTF-8");
                    assertTrue(p.path("risk_level").isInt(), p.toString());
                    assertEquals(Integer.parseInt(want.get(2)), p.path("risk_level").asInt());
                    assertSqlText(want.get(3), p.path("responsible_person"), "responsible_person");
                    assertSqlText(want.get(4), p.path("township"), "township");
                    assertEquals(Double.parseDouble(want.get(5)), f.at("/geometry/coordinates/0").asDouble(), 0, f.toString());
                    assertEquals(Double.parseDouble(want.get(6)), f.at("/geometry/coordinates/1").asDouble(), 0, f.toString());
                    assertEquals(want.get(7), p.path("updated_at").asText(), "DateTime");
                    if (token == null) assertFalse(p.has("responsible_phone"), "no phone for an anonymous caller: " + p);
                    else assertSqlText(want.get(8), p.path("responsible_phone"), "responsible_phone");
                }
            }
        } finally {
            OgcFixture.exec(SERVER.ds(), "DELETE FROM hazard_point WHERE id = 'HZN1'");
        }
    }

    /** SQL's text exactly, or for NULL no value (FlatGeobuf leaves the property out; GDAL then writes null or nothing), never "". */
    private static void assertSqlText(String sql, JsonNode value, String what) {
        if (sql == null) assertTrue(value.isNull() || value.isMissingNode(), what + ": NULL stays NULL, got " + value);
        else assertEquals(sql, value.asText(), what);
    }

    @Test
    void an_accept_header_asks_for_a_file_too() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/shelters/items", "Accept", "text/csv");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/csv"), r.header("Content-Type"));
        assertEquals(TestDatabase.count(SERVER.ds(), "SELECT count(*) FROM shelter") + 1, r.body().split("\r\n").length, r.body());
        assertTrue(r.body().contains("一号避难场所"), r.body());
    }

    @Test
    void formats_a_resource_lacks_or_parameters_a_file_cannot_honour_are_400() {
        for (String path : List.of("/ogc/collections?f=csv", "/ogc/collections/hazards/items/HZ01?f=gpkg", "/ogc/collections/hazards/items?f=kml&crs=EPSG:3857",
                "/ogc/collections/hazards/items?f=csv&skipGeometry=true", "/ogc/collections/hazards/items?f=pmtiles",
                "/ogc/collections/hazards/items/HZ01?f=fgb", "/ogc/collections/hazards/items?f=fgb&crs=EPSG:3857", "/ogc/collections/hazards/items?f=fgb&skipGeometry=true")) {
            TestHttp.Response r = SERVER.http().get(path);
            assertEquals(400, r.status(), path + ": " + r.body());
            assertTrue(r.header("Content-Type").startsWith("application/json"), path + ": " + r.header("Content-Type"));
            assertTrue(r.json().path("detail").asText().startsWith(path.contains("crs=") ? "crs" : path.contains("skipGeometry") ? "skipGeometry" : "f"), path + ": " + r.body());
        }
    }

    @Test
    void collection_items_and_openapi_announce_the_formats() {
        JsonNode c = SERVER.http().get("/ogc/collections/hazards").json();
        JsonNode items = SERVER.http().get("/ogc/collections/hazards/items?limit=3").json();
        JsonNode api = SERVER.http().get("/ogc/api").json();
        for (Map.Entry<String, String> e : MEDIA.entrySet()) {
            assertTrue(has(c, "items", e.getValue(), "/ogc/collections/hazards/items?f=" + e.getKey()), e + " in " + c.get("links"));
            assertTrue(has(items, "alternate", e.getValue(), "f=" + e.getKey()), e + " in " + items.get("links"));
            assertTrue(api.at("/components/parameters/f/schema/enum").toString().contains("\"" + e.getKey() + "\""), api.at("/components/parameters/f").toString());
            assertTrue(api.at("/paths/~1collections~1hazards~1items/get/responses/200/content").has(e.getValue()), e.getValue());
        }
    }

    private static boolean has(JsonNode doc, String rel, String type, String hrefPart) {
        for (JsonNode l : doc.path("links")) {
            if (l.path("rel").asText().equals(rel) && l.path("type").asText().equals(type) && l.path("href").asText().contains(hrefPart)) return true;
        }
        return false;
    }
}
