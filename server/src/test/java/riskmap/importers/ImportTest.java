package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.auth.Visibility;
import riskmap.TestDatabase;
import riskmap.edit.FeatureSchema;
import riskmap.store.Collections;
import riskmap.store.ExportSql;
import riskmap.store.ImportStore;

/** Every import format, encodings, CRSs and refused rows, against real PostGIS; expected values come from SQL or by hand. */
class ImportTest {
    private static DataSource ds;
    private static final Importer.Options STRICT = new Importer.Options(false, false, "test", code -> true, "");
    private static final Importer.Options SKIP = new Importer.Options(false, true, "test", code -> true, "");

    @BeforeAll
    static void open() {
        ds = riskmap.auth.Api.database();
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static Importer importer() {
        return new Importer(new ImportStore(ds), List.of("landslide", "flood", "forest_fire"));
    }

    private static ImportReport geojson(String text, Importer.Options o) throws Exception {
        try (GeoJsonReader r = new GeoJsonReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), FeatureSchema.HAZARDS, 4326)) {
            return importer().run(FeatureSchema.HAZARDS, r, o, Importer.Progress.NONE);
        }
    }

    private static ImportReport csv(byte[] bytes, FeatureSchema s, Charset encoding, int srid, Importer.Options o) throws Exception {
        try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), s, encoding, srid)) {
            return importer().run(s, r, o, Importer.Progress.NONE);
        }
    }

    private static String feature(String id, String name, int level, double lon, double lat) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"category\":\"flood\",\"name\":\"" + name + "\",\"risk_level\":" + level
                + ",\"admin_code\":\"500101\",\"threatened_people\":5,\"extra\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}}";
    }

    @Test
    void a_geojson_feature_collection_is_stored_in_one_go() throws Exception {
        String fc = "{\"type\":\"FeatureCollection\",\"name\":\"survey\",\"features\":[" + feature("G1", "沙河街道积水点", 2, 108.4, 30.8) + ","
                + feature("G2", "牌楼街道", 3, 108.41, 30.81) + "]}";
        ImportReport r = geojson(fc, STRICT);
        assertEquals(2, r.stored());
        assertEquals(0, r.refusedCount());
        assertTrue(r.ignoredFields().contains("extra"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'G1' AND name = '沙河街道积水点' AND category = 'flood'"
                + " AND risk_level = 2 AND status = 'active' AND threatened_people = 5 AND ST_X(geom) = 108.4 AND ST_Y(geom) = 30.8"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE action = 'import' AND (new_value ->> 'stored')::int = 2"));
    }

    @Test
    void server_made_ids_continue_after_the_highest_imported_id_of_their_pattern() throws Exception {
        TestDatabase.count(ds, "SELECT setval('hazard_point_seq', 1, false)"); // other tests' ids may have gone past 907
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("HP00000907", "甲", 2, 108.4, 30.8) + ","
                + feature("HP00000120", "乙", 2, 108.4, 30.8) + "," + feature("HP0000099999x", "不是本格式", 2, 108.4, 30.8) + ","
                + feature("HP" + "9".repeat(19), "超过十八位", 2, 108.4, 30.8) + "]}";
        assertEquals(4, geojson(fc, STRICT).stored());
        // the same survey without ids: the database makes them, after HP00000907 (the 19-digit id is not of the pattern)
        String noIds = "name,category,risk_level,admin_code,lon,lat\n丙,flood,1,500101,108.5,30.9\n丁,flood,1,500101,108.5,30.9\n";
        assertEquals(2, csv(noIds.getBytes(StandardCharsets.UTF_8), FeatureSchema.HAZARDS, null, 4326, STRICT).stored());
        assertEquals(List.of("HP00000908", "HP00000909"), TestDatabase.ids(ds, "SELECT id FROM hazard_point WHERE name IN ('丙', '丁') ORDER BY id"));
    }

    @Test
    void bad_rows_refuse_the_whole_import_unless_skip_invalid() throws Exception {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("B1", "好点", 2, 108.4, 30.8) + ","
                + feature("B2", "坏等级", 9, 108.4, 30.8) + "," + feature("B3", "坏坐标", 2, 208.4, 30.8) + ","
                + feature("B1", "重复编号", 2, 108.4, 30.8) + "," + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}" + "]}";
        ImportReport refused = geojson(fc, STRICT);
        assertEquals(5, refused.read());
        assertEquals(0, refused.stored());
        assertEquals(4, refused.refusedCount());
        assertEquals(List.of(2L, 3L, 4L, 5L), refused.refused().stream().map(ImportReport.Refused::row).toList());
        assertTrue(refused.refused().get(0).reason().startsWith("risk_level"), refused.refused().get(0).reason());
        assertTrue(refused.refused().get(1).reason().startsWith("geometry"), refused.refused().get(1).reason());
        assertTrue(refused.refused().get(2).reason().contains("appears again (first at row 1)"), refused.refused().get(2).reason());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"), "a refused import writes nothing");
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM change_history"));

        ImportReport skipped = geojson(fc, SKIP);
        assertEquals(1, skipped.stored());
        assertEquals(4, skipped.refusedCount());
        assertEquals(List.of("B1"), TestDatabase.ids(ds, "SELECT id || ':' || name FROM hazard_point").stream().map(s -> s.split(":")[0]).toList());
        assertEquals("好点", TestDatabase.ids(ds, "SELECT name FROM hazard_point").get(0));

        ImportReport again = geojson("{\"type\":\"FeatureCollection\",\"features\":[" + feature("B1", "已存在", 2, 108.4, 30.8) + "]}", STRICT);
        assertEquals(1, again.refusedCount());
        assertTrue(again.refused().get(0).reason().contains("already taken"));
    }

    @Test
    void a_dry_run_checks_everything_and_writes_nothing() throws Exception {
        ImportReport r = geojson("{\"type\":\"FeatureCollection\",\"features\":[" + feature("D1", "试", 2, 108.4, 30.8) + "]}",
                new Importer.Options(true, false, "test", code -> true, ""));
        assertEquals(1, r.valid());
        assertEquals(0, r.stored());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
    }

    @Test
    void csv_in_utf8_with_a_bom_and_quoted_cells() throws Exception {
        String text = "\uFEFFid,name,category,risk_level,admin_code,lon,lat,responsible_unit,备注\r\n"
                + "C1,\"龙宝镇, 滑坡\",landslide,3,500101105,108.35,30.85,\"镇政府 \"\"应急办\"\"\",x\r\n"
                + "C2,长岭镇,landslide,2.0,500101,108.36,30.86,,\r\n";
        ImportReport r = csv(text.getBytes(StandardCharsets.UTF_8), FeatureSchema.HAZARDS, null, 4326, STRICT);
        assertEquals(2, r.stored(), r.summary());
        assertTrue(r.source().startsWith("UTF-8"), r.source());
        assertTrue(r.ignoredFields().contains("备注"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'C1' AND name = '龙宝镇, 滑坡'"
                + " AND responsible_unit = '镇政府 \"应急办\"' AND ST_X(geom) = 108.35"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'C2' AND risk_level = 2 AND responsible_unit IS NULL"));
    }

    @Test
    void a_gbk_csv_from_chinese_excel_is_detected_and_can_be_named() throws Exception {
        String text = "名称占位,name,category,risk_level,admin_code,经度,纬度,county\r\nx,太白岩危岩,landslide,4,500101,108.38,30.82,万州区\r\n";
        byte[] gbk = text.getBytes(Charset.forName("GBK"));
        ImportReport detected = csv(gbk, FeatureSchema.HAZARDS, null, 4326, STRICT);
        assertEquals(1, detected.stored(), detected.summary());
        assertTrue(detected.source().startsWith("GB18030"), detected.source());
        assertEquals(List.of("太白岩危岩|万州区"), TestDatabase.ids(ds, "SELECT name || '|' || county FROM hazard_point"));
        reset();
        ImportReport named = csv(gbk, FeatureSchema.HAZARDS, TextEncoding.named("GBK"), 4326, STRICT);
        assertEquals(1, named.stored());
        assertEquals(List.of("太白岩危岩"), TestDatabase.ids(ds, "SELECT name FROM hazard_point"));
    }

    @Test
    void csv_with_a_wkt_column_loads_risk_zones() throws Exception {
        String text = "name,category,risk_level,wkt\n"
                + "北山片区,landslide,3,\"POLYGON((108.3 30.7, 108.5 30.7, 108.5 30.9, 108.3 30.9, 108.3 30.7))\"\n"
                + "坏区,landslide,3,\"POLYGON((108.3 30.7, 108.5 30.9, 108.5 30.7, 108.3 30.9, 108.3 30.7))\"\n";
        ImportReport r = csv(text.getBytes(StandardCharsets.UTF_8), FeatureSchema.RISK_ZONES, null, 4326, SKIP);
        assertEquals(1, r.stored(), r.summary());
        assertEquals(3, r.refused().get(0).row(), "line 3 of the file");
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM risk_zone WHERE name = '北山片区' AND GeometryType(geom) = 'MULTIPOLYGON'"
                + " AND abs(ST_Area(geom) - 0.04) < 1e-12 AND id LIKE 'RZ%'"));
    }

    @Test
    void other_crss_are_reprojected_to_wgs84_in_postgis() throws Exception {
        // Web Mercator: x = R·λ, y = R·ln(tan(π/4 + φ/2)) with R = 6378137 — inverted here by hand
        double lon = 108.4;
        double lat = 30.8;
        double x = 6378137 * Math.toRadians(lon);
        double y = 6378137 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
        String fc = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},"
                + "\"features\":[" + feature("M1", "墨卡托", 2, x, y) + "]}";
        ImportReport r = geojson(fc, STRICT);
        assertEquals(1, r.stored(), r.summary());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'M1' AND abs(ST_X(geom) - " + lon + ") < 1e-9"
                + " AND abs(ST_Y(geom) - " + lat + ") < 1e-9 AND ST_SRID(geom) = 4326"));
        // CGCS2000 (EPSG:4490) differs from WGS84 by centimetres: PostGIS treats it as the same datum
        String text = "name,category,risk_level,admin_code,lon,lat\n国家2000,flood,1,500101,108.4,30.8\n";
        assertEquals(1, csv(text.getBytes(StandardCharsets.UTF_8), FeatureSchema.HAZARDS, null, 4490, STRICT).stored());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '国家2000' AND abs(ST_X(geom) - 108.4) < 1e-6"));
        // a CRS PostGIS does not know refuses the file
        String unknown = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:99999\"}},\"features\":["
                + feature("M2", "未知", 2, 1, 1) + "]}";
        assertThrows(ImportException.class, () -> geojson(unknown, STRICT));
    }

    @Test
    void an_unreadable_file_is_refused_as_a_whole() {
        assertThrows(ImportException.class, () -> geojson("{\"type\":\"Feature\"}", STRICT));
        assertThrows(ImportException.class, () -> geojson("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":", STRICT));
        assertThrows(ImportException.class, () -> csv("name,category\nx,flood\n".getBytes(StandardCharsets.UTF_8), FeatureSchema.HAZARDS, null, 4326, STRICT));
    }

    @Test
    void geopackage_files_are_read_with_their_own_crs() throws Exception {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("P1", "包内点", 2, 108.4, 30.8) + "," + feature("P2", "包内点二", 4, 108.5, 30.9) + "]}";
        geojson(fc, STRICT);
        Path gpkg = Files.createTempFile("riskmap-test", ".gpkg");
        try {
            try (var out = Files.newOutputStream(gpkg)) {
                assertEquals(2, new Exporter(ds).export(Collections.HAZARDS, ExportSql.Filter.NONE, Visibility.EVERYTHING, "gpkg", out));
            }
            reset();
            try (GpkgReader r = new GpkgReader(gpkg, FeatureSchema.HAZARDS, null)) {
                assertEquals(2, r.total());
                ImportReport report = importer().run(FeatureSchema.HAZARDS, r, STRICT, Importer.Progress.NONE);
                assertEquals(2, report.stored(), report.summary());
                assertEquals("gpkg", report.format());
            }
            assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'P2' AND name = '包内点二' AND risk_level = 4"
                    + " AND ST_X(geom) = 108.5 AND ST_Y(geom) = 30.9"));
        } finally {
            Files.deleteIfExists(gpkg);
        }
    }

    @Test
    void a_csv_export_reads_back_as_the_same_rows() throws Exception {
        geojson("{\"type\":\"FeatureCollection\",\"features\":[" + feature("X1", "导出, \\\"引号\\\"", 2, 108.4, 30.8) + "]}", STRICT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Exporter(ds).export(Collections.HAZARDS, ExportSql.Filter.NONE, Visibility.EVERYTHING, "csv", out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFid,lon,lat,category,name,"), text);
        reset();
        assertEquals(1, csv(out.toByteArray(), FeatureSchema.HAZARDS, null, 4326, STRICT).stored());
        assertEquals(List.of("X1|导出, \"引号\"|108.4"), TestDatabase.ids(ds, "SELECT id || '|' || name || '|' || ST_X(geom) FROM hazard_point"));
    }
}
