package riskmap.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** {@code POST /api/people/import}: a spreadsheet of people in CSV, as Chinese Excel saves it. */
class PeopleImportTest {
    /** Chinese headers; line 3 has a phone that is not one; 陈四, on line 6 after a quoted line break, lies outside the editor's county. */
    private static final String CSV = """
            姓名,手机,单位,职责,层级,行政区划代码,备注
            陈一,138 0000 0001,天城镇人民政府,乡镇防汛责任人、网格员,乡镇,500101105,
            "陈,二",12345,凤林村委会,村级防汛责任人,村,500101105201,
            陈三,023-58123456,万州区水利局,county_flood_chief,,500101,"夜间值班
            备用电话见值班表"
            陈四,13800000004,涪陵区应急管理局,县级防汛责任人,县,500102,
            """;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String editor500101;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        editor500101 = Api.token(ds, "万州导入", Role.EDITOR, "500101");
    }

    @BeforeEach
    void reset() {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static Api.Response post(String query, byte[] body) {
        return api.send("POST", "/api/people/import" + query, editor500101, body, "Content-Type", "text/csv");
    }

    @Test
    void a_gbk_file_with_refused_rows_is_refused_whole_and_every_refused_row_is_named_by_its_line() {
        Api.Response r = post("", CSV.getBytes(Charset.forName("GBK")));
        assertEquals(422, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals("import_refused", j.get("error").asText());
        assertEquals("GB18030", j.get("source").asText());
        assertEquals(4, j.get("read").asInt());
        assertEquals(2, j.get("valid").asInt());
        assertEquals(0, j.get("stored").asInt());
        assertEquals(2, j.get("refused_count").asInt());
        assertEquals(3, j.at("/refused/0/row").asInt());
        assertTrue(j.at("/refused/0/reason").asText().startsWith("phone: '12345' is not a phone number"), j.toString());
        assertEquals(6, j.at("/refused/1/row").asInt(), "line 4 holds a quoted line break, so 陈四 is on line 6");
        assertTrue(j.at("/refused/1/reason").asText().contains("500102 is outside region 500101"), j.toString());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM person"));
    }

    @Test
    void skip_invalid_stores_the_others_with_chinese_intact_and_an_import_history_row_each() {
        Api.Response r = post("?skip_invalid=true", CSV.getBytes(Charset.forName("GBK")));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("stored").asInt());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE name = '陈一' AND phone = '13800000001' AND unit = '天城镇人民政府'"
                + " AND duty_roles = ARRAY['township_flood_chief','grid_worker'] AND tier = 'township' AND admin_code = '500101105'"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE name = '陈三' AND phone = '023-58123456' AND tier = 'county'"
                + " AND note = E'夜间值班\\n备用电话见值班表'"));
        assertEquals(2, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE collection = 'people' AND action = 'import' AND actor = '万州导入'"));
    }

    @Test
    void a_dry_run_and_a_utf8_file_with_bom_are_read_the_same_and_a_file_without_names_is_refused() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = CSV.replace(",12345,", ",13800000002,").replace("500102,", "500101,").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
        Api.Response dry = post("?dry_run=true", withBom);
        assertEquals(200, dry.status(), dry.body());
        assertEquals("UTF-8", dry.json().get("source").asText());
        assertEquals(4, dry.json().get("valid").asInt());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM person"));
        assertEquals(4, post("", withBom).json().get("stored").asInt());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE name = '陈,二' AND tier = 'village'"));
        Api.Response noNames = post("", "phone,admin_code\n13800000001,500101\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noNames.status());
        assertTrue(noNames.json().get("detail").asText().contains("姓名"), noNames.body());
    }

    /** Issue 17: a column riskmap does not know, and a NUL in a name, were answered with 500. */
    @Test
    void an_unknown_column_is_skipped_and_named_and_a_nul_character_is_refused_with_400() {
        Api.Response r = post("?dry_run=true", "姓名,手机,工号,行政区划代码\n陈五,13800000005,A-17,500101\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("valid").asInt());
        assertEquals("工号", r.json().get("ignored_fields").get(0).asText(), r.body());
        Api.Response nul = post("", "姓名,手机,行政区划代码\n陈\u0000六,13800000006,500101\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, nul.status(), nul.body());
        assertEquals("invalid_text", nul.json().get("error").asText());
        assertTrue(nul.json().get("detail").asText().contains("U+0000"), nul.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM person"));
    }

    @Test
    void a_hazard_import_naming_an_unknown_person_refuses_that_row_and_stores_the_linked_ones() {
        post("?skip_invalid=true", CSV.getBytes(Charset.forName("GBK")));
        String known = TestDatabase.ids(ds, "SELECT id FROM person WHERE name = '陈一'").get(0);
        String hazards = "lon,lat,category,name,risk_level,admin_code,responsible_person_id\n"
                + "108.38,30.81,landslide,天城镇后山滑坡,3,500101105," + known + "\n"
                + "108.39,30.82,landslide,天城镇前山滑坡,2,500101105,PS999999\n";
        Api.Response r = api.send("POST", "/api/import?collection=hazards", editor500101, hazards.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertEquals(422, r.status(), r.body());
        assertEquals(3, r.json().at("/refused/0/row").asInt());
        assertTrue(r.json().at("/refused/0/reason").asText().contains("no person with the id PS999999"), r.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        Api.Response skipped = api.send("POST", "/api/import?collection=hazards&skip_invalid=true", editor500101,
                hazards.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertEquals(200, skipped.status(), skipped.body());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE responsible_person_id = '" + known + "'"));
    }
}
