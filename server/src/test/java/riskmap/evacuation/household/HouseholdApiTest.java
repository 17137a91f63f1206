package riskmap.evacuation.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** {@code /api/households}: CRUD, scope, phones, validation and the CSV import, against the real database. */
class HouseholdApiTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String admin;
    private static String editor500101;
    private static String editor500102;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        admin = Api.token(ds, "管理员", Role.ADMIN, null);
        editor500101 = Api.token(ds, "万州区编辑", Role.EDITOR, "500101");
        editor500102 = Api.token(ds, "涪陵区编辑", Role.EDITOR, "500102");
    }

    @BeforeEach
    void reset() throws Exception {
        HouseholdFixture.reset(ds);
        assertEquals(201, api.json("POST", "/api/hazards", admin, Api.hazard("HP1", "500101105", 3, 108.40, 30.80)).status());
    }

    private static long households() {
        return TestDatabase.count(ds, "SELECT count(*) FROM household");
    }

    @Test
    void create_read_replace_and_delete_a_household_with_its_hazard_links() {
        Api.Response created = api.json("POST", "/api/households", editor500101, HouseholdFixture.household("张三", 4, 1, "500101105201", 108.401, 30.801));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals("/api/households/" + id, created.header("Location"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM household WHERE head_name = '张三' AND members = 4 AND vulnerable = 1"
                + " AND phone = '13800001111' AND abs(ST_X(geom) - 108.401) < 1e-9 AND abs(ST_Y(geom) - 30.801) < 1e-9"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM household_hazard WHERE household_id = '" + id + "' AND hazard_point_id = 'HP1'"));

        JsonNode read = api.get("/api/households/" + id, editor500101).json();
        assertEquals("Point", read.at("/geometry/type").asText());
        assertEquals(108.401, read.at("/geometry/coordinates/0").asDouble(), 1e-9);
        assertEquals("13800001111", read.at("/properties/phone").asText());
        assertEquals("HP1", read.at("/properties/hazard_ids/0").asText());

        String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.402,30.802]},"
                + "\"properties\":{\"head_name\":\"张三\",\"members\":5,\"admin_code\":\"500101105201\"}}";
        Api.Response replaced = api.json("PUT", "/api/households/" + id, editor500101, feature);
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM household WHERE members = 5 AND vulnerable = 0 AND phone IS NULL AND abs(ST_X(geom) - 108.402) < 1e-9"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM household_hazard"), "the whole household was replaced, links too");

        assertEquals(204, api.send("DELETE", "/api/households/" + id, editor500101, null).status());
        assertEquals(0, households());
        assertEquals(404, api.get("/api/households/" + id, editor500101).status());
    }

    @Test
    void another_countys_editor_gets_403_and_anonymous_callers_see_no_phone() {
        String id = api.json("POST", "/api/households", admin, HouseholdFixture.household("张三", 4, 1, "500101105201", 108.401, 30.801)).json().get("id").asText();
        assertEquals(403, api.json("POST", "/api/households", editor500102, HouseholdFixture.household("李四", 2, 0, "500101105201", 108.4, 30.8)).status());
        assertEquals(403, api.json("PUT", "/api/households/" + id, editor500102, HouseholdFixture.household("李四", 2, 0, "500102001001", 108.4, 30.8)).status());
        assertEquals(403, api.json("PUT", "/api/households/" + id, editor500101, HouseholdFixture.household("张三", 2, 0, "500102001001", 108.4, 30.8)).status(),
                "moving the household out of the scope");
        assertEquals(403, api.send("DELETE", "/api/households/" + id, editor500102, null).status());
        assertEquals(401, api.json("POST", "/api/households", null, HouseholdFixture.household("李四", 2, 0, "500101105201", 108.4, 30.8)).status());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM household WHERE head_name = '张三' AND members = 4"), "nothing changed");

        assertTrue(api.get("/api/households/" + id, null).json().at("/properties/phone").isNull());
        assertTrue(api.get("/api/households/" + id, editor500102).json().at("/properties/phone").isNull(), "500102 does not cover 500101");
        for (JsonNode f : api.get("/api/households", null).json().get("features")) assertTrue(f.at("/properties/phone").isNull(), f.toString());
        assertEquals("13800001111", api.get("/api/households", editor500101).json().at("/features/0/properties/phone").asText());
    }

    @Test
    void the_list_filters_by_admin_code_prefix_and_bbox_and_is_a_feature_collection() {
        api.json("POST", "/api/households", admin, HouseholdFixture.household("甲", 3, 0, "500101105201", 108.40, 30.80));
        api.json("POST", "/api/households", admin, HouseholdFixture.household("乙", 3, 0, "500101106001", 108.60, 30.90));
        api.json("POST", "/api/households", admin, HouseholdFixture.household("丙", 3, 0, "500102001001", 107.40, 29.70));
        JsonNode all = api.get("/api/households", null).json();
        assertEquals("FeatureCollection", all.get("type").asText());
        assertEquals(3, all.get("features").size());
        assertEquals(2, api.get("/api/households?admin_code=500101", null).json().get("features").size());
        JsonNode box = api.get("/api/households?bbox=108.3,30.7,108.5,30.85", null).json().get("features");
        assertEquals(1, box.size());
        assertEquals("甲", box.get(0).at("/properties/head_name").asText());
        assertEquals(1, api.get("/api/households?limit=1", null).json().get("features").size());
        assertEquals(400, api.get("/api/households?limit=10001", null).status());
    }

    @Test
    void bad_households_are_refused_with_the_field_named_and_nothing_written() {
        String noPlace = "{\"head_name\":\"张三\",\"members\":3,\"admin_code\":\"500101105201\"}";
        Api.Response r = api.json("POST", "/api/households", admin, noPlace);
        assertEquals(400, r.status());
        assertEquals("invalid_household", r.json().get("error").asText());
        assertTrue(r.json().get("detail").asText().contains("a household needs a location: lon and lat, or a GeoJSON Point geometry"), r.body());
        assertRefused(HouseholdFixture.household("张三", 0, 0, "500101105201", 108.4, 30.8), "members:");
        assertRefused(HouseholdFixture.household("张三", 2, 3, "500101105201", 108.4, 30.8), "vulnerable: 3 is more than the household's 2 members");
        assertRefused(HouseholdFixture.household("张三", 2, 0, "5001", 108.4, 30.8), "admin_code:");
        assertRefused(HouseholdFixture.household("张三", 2, 0, "500101105201", 108.4, 30.8).replace("HP1", "HP404"), "hazard_ids: no hazard point has the id HP404");
        assertEquals(0, households());
    }

    private static void assertRefused(String body, String expected) {
        Api.Response r = api.json("POST", "/api/households", admin, body);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains(expected), r.body());
    }

    private static final String CSV = "户主,人数,老弱病残人数,老弱病残说明,联系电话,地址,经度,纬度,行政区划代码,隐患点编号\n"
            + "王大山,5,2,\"老人两名,行动不便\",13800002222,关龙村4组,108.4012,30.8013,500101105201,HP1\n"
            + "李小花,3,0,,,关龙村5组,108.4021,30.8022,500101105201,\n";

    @Test
    void a_gbk_csv_in_chinese_is_imported_whole_and_reads_back_intact() {
        Api.Response r = api.send("POST", "/api/households/import", editor500101, CSV.getBytes(Charset.forName("GBK")), "Content-Type", "text/csv");
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("stored").asInt());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM household h JOIN household_hazard x ON x.household_id = h.id"
                + " WHERE head_name = '王大山' AND members = 5 AND vulnerable = 2 AND vulnerable_note = '老人两名,行动不便' AND phone = '13800002222'"
                + " AND address = '关龙村4组' AND admin_code = '500101105201' AND x.hazard_point_id = 'HP1'"));
        JsonNode back = api.get("/api/households?admin_code=500101105201", editor500101).json().get("features");
        assertEquals("王大山", back.get(0).at("/properties/head_name").asText());
        assertEquals("关龙村5组", back.get(1).at("/properties/address").asText());
    }

    @Test
    void one_bad_row_refuses_the_whole_file_naming_its_line_and_column() {
        String bad = CSV + "赵六,2,5,,,关龙村6组,108.403,30.803,500101105201,\n";
        Api.Response r = api.send("POST", "/api/households/import", editor500101, bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertEquals(422, r.status(), r.body());
        assertEquals("import_refused", r.json().get("error").asText());
        assertEquals(4, r.json().at("/refused/0/row").asInt());
        assertTrue(r.json().at("/refused/0/reason").asText().startsWith("vulnerable: 5 is more than"), r.body());
        assertEquals(0, households());
        String english = "head_name,members,lon,lat,admin_code,hazard_ids\n张三,2,108.4,30.8,500101105201,HP404\n";
        Api.Response unknownHazard = api.send("POST", "/api/households/import", editor500101, english.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, unknownHazard.status(), unknownHazard.body());
        assertEquals(0, households());
    }

    @Test
    void a_file_without_a_head_name_column_is_a_400_naming_its_columns_even_beside_unknown_ones() {
        // unknown columns are read as "ignored"; the fuzz test found this answered 500 when no column was known
        String csv = "名字,whatever\n王五,2\n";
        Api.Response r = api.send("POST", "/api/households/import", editor500101, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("户主 (head_name)"), r.body());
        assertEquals(0, households());
    }

    @Test
    void an_excel_register_is_imported_with_codes_typed_as_numbers_intact() throws Exception {
        byte[] xlsx;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet("关龙村");
            String[] header = {"户主", "人数", "老弱病残人数", "经度", "纬度", "行政区划代码"};
            var h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) h.createCell(i).setCellValue(header[i]);
            var r = sheet.createRow(1);
            r.createCell(0).setCellValue("陈阿婆");
            r.createCell(1).setCellValue(2);
            r.createCell(2).setCellValue(1);
            r.createCell(3).setCellValue(108.4012);
            r.createCell(4).setCellValue(30.8013);
            r.createCell(5).setCellValue(500101105201d); // typed as a number, as clerks do
            book.write(out);
            xlsx = out.toByteArray();
        }
        Api.Response ok = api.send("POST", "/api/households/import?format=xlsx", editor500101, xlsx);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("xlsx", ok.json().get("format").asText(), ok.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM household WHERE head_name = '陈阿婆' AND members = 2 AND vulnerable = 1"
                + " AND admin_code = '500101105201' AND abs(ST_X(geom) - 108.4012) < 1e-9 AND abs(ST_Y(geom) - 30.8013) < 1e-9"));
        long before = households();
        Api.Response notExcel = api.send("POST", "/api/households/import?format=xlsx", editor500101, CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, notExcel.status(), notExcel.body());
        assertTrue(notExcel.json().get("detail").asText().contains("not an Excel .xlsx workbook"), notExcel.body());
        assertEquals(before, households());
    }
}
