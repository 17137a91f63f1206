package riskmap.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import riskmap.auth.Visibility;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;
import riskmap.domain.ApiException;
import riskmap.store.EditStore;

/** Editing with ETag / If-Match, validation and change history (api.md §4), on a real server over PostGIS. */
class EditTest {
    private static DataSource ds;
    private static TestServer server;
    private static Api api;
    private static String editorA;
    private static String editorB;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        server = new TestServer(ds);
        api = new Api(server.port());
        editorA = Api.token(ds, "编辑甲", Role.EDITOR, null);
        editorB = Api.token(ds, "编辑乙", Role.EDITOR, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
    }

    private static Api.Response create(String body) {
        return api.json("POST", "/api/hazards", editorA, body);
    }

    @Test
    void create_answers_201_with_location_etag_and_the_stored_feature() {
        Api.Response r = create(Api.hazard(null, "500101", 3, 108.38, 30.81));
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("id").asText();
        assertTrue(id.matches("HP[0-9]{8}"), id);
        assertEquals("/api/hazards/" + id, r.header("Location"));
        assertEquals("\"1\"", r.header("ETag"));
        assertEquals("测试滑坡 new", r.json().at("/properties/name").asText());
        assertEquals("13800000001", r.json().at("/properties/responsible_phone").asText());
        assertEquals(108.38, r.json().at("/geometry/coordinates/0").asDouble());
        // independently, from the table
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = '" + id + "' AND name = '测试滑坡 new' AND risk_level = 3"
                + " AND status = 'monitoring' AND ST_X(geom) = 108.38 AND ST_Y(geom) = 30.81 AND version = 1"));
        Api.Response got = api.get("/api/hazards/" + id, null);
        assertEquals(200, got.status());
        assertEquals("\"1\"", got.header("ETag"));
    }

    @Test
    void a_write_without_if_match_gets_428_and_a_stale_one_412_and_nothing_changes() {
        create(Api.hazard("E1", "500101", 3, 108.38, 30.81));
        Api.Response noIfMatch = api.json("PUT", "/api/hazards/E1", editorA, Api.hazard("E1", "500101", 4, 108.38, 30.81));
        assertEquals(428, noIfMatch.status());
        Api.Response stale = api.json("PUT", "/api/hazards/E1", editorA, Api.hazard("E1", "500101", 4, 108.38, 30.81), "If-Match", "\"7\"");
        assertEquals(412, stale.status());
        assertEquals("precondition_failed", stale.json().get("error").asText());
        assertEquals(412, api.send("DELETE", "/api/hazards/E1", editorA, null, "If-Match", "\"2\"").status());
        assertEquals(428, api.send("DELETE", "/api/hazards/E1", editorA, null).status());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'E1' AND risk_level = 3 AND version = 1"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history"), "only the create");
    }

    @Test
    void put_patch_and_delete_with_the_right_etag_work_and_move_the_version() {
        create(Api.hazard("E2", "500101", 3, 108.38, 30.81));
        Api.Response put = api.json("PUT", "/api/hazards/E2", editorA, Api.hazard("E2", "500101", 4, 108.5, 30.9), "If-Match", "\"1\"");
        assertEquals(200, put.status(), put.body());
        assertEquals("\"2\"", put.header("ETag"));
        Api.Response patch = api.json("PATCH", "/api/hazards/E2", editorA,
                "{\"type\":\"Feature\",\"properties\":{\"status\":\"rectified\",\"responsible_phone\":null}}", "If-Match", "W/\"2\"");
        assertEquals(200, patch.status(), patch.body());
        assertEquals("\"3\"", patch.header("ETag"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'E2' AND risk_level = 4 AND status = 'rectified'"
                + " AND responsible_phone IS NULL AND name = '测试滑坡 E2' AND ST_X(geom) = 108.5 AND version = 3"));
        assertEquals(204, api.send("DELETE", "/api/hazards/E2", editorA, null, "If-Match", "\"3\"").status());
        assertEquals(404, api.get("/api/hazards/E2", null).status());
    }

    @Test
    void one_refused_field_refuses_the_whole_write_and_the_answer_names_it() {
        String bad = Api.hazard("E3", "50010", 7, 108.38, 30.81).replace("\"landslide\"", "\"volcano\"");
        Api.Response r = create(bad);
        assertEquals(400, r.status());
        String detail = r.json().get("detail").asText();
        assertTrue(detail.contains("risk_level"), detail);
        assertTrue(detail.contains("admin_code"), detail);
        assertTrue(detail.contains("category"), detail);
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        assertEquals(400, create(Api.hazard("E3", "500101", 2, 108.38, 95)).status(), "lat 95");
        assertEquals(400, create(Api.hazard("E3", "500101", 2, 108.38, 30).replace("\"county\"", "\"colour\"")).status(), "unknown property");
        assertEquals(400, create(Api.hazard("E3", "500101", 2, 108.38, 30).replace("\"risk_level\":2", "\"risk_level\":\"2\"")).status(), "text number");
        assertEquals(400, create(Api.hazard("E3", "500101", 2, 108.38, 30).replace("测试滑坡 E3", "x".repeat(201))).status(), "name too long");
        assertEquals(400, create("{\"type\":\"Feature\",\"properties\":{},\"geometry\":null").status(), "not JSON");
        Api.Response empty = create("{\"type\":\"Feature\",\"properties\":{}}");
        assertEquals(400, empty.status());
        assertTrue(empty.json().get("detail").asText().contains("name: is required"), empty.body());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point"));
        create(Api.hazard("E3", "500101", 2, 108.38, 30));
        assertEquals(409, create(Api.hazard("E3", "500101", 2, 108.38, 30)).status(), "id taken");
        Api.Response patch = api.json("PATCH", "/api/hazards/E3", editorA, "{\"type\":\"Feature\",\"properties\":{\"risk_level\":5,\"name\":\"改名\"}}",
                "If-Match", "\"1\"");
        assertEquals(400, patch.status());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '测试滑坡 E3' AND version = 1"));
    }

    @Test
    void two_editors_race_one_wins_the_other_gets_412_and_history_shows_one_change() throws Exception {
        create(Api.hazard("RACE", "500101", 2, 108.38, 30.81));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (String[] who : new String[][] {{editorA, "3"}, {editorB, "4"}}) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.json("PATCH", "/api/hazards/RACE", who[0],
                            "{\"type\":\"Feature\",\"properties\":{\"risk_level\":" + who[1] + "}}", "If-Match", "\"1\"");
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : answers) statuses.add(f.get().status());
            statuses.sort(null);
            assertEquals(List.of(200, 412), statuses);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history WHERE feature_id = 'RACE' AND action = 'update'"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'RACE' AND version = 2"));
        // the winner's value is the one stored, and the history's new value agrees with the table
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM change_history h JOIN hazard_point t ON t.id = h.feature_id"
                + " WHERE h.action = 'update' AND (h.new_value -> 'properties' ->> 'risk_level')::int = t.risk_level"));
    }

    @Test
    void a_write_that_loses_the_race_after_reading_is_refused_by_the_version_check_in_the_update() throws Exception {
        create(Api.hazard("RACE2", "500101", 2, 108.38, 30.81));
        EditStore store = new EditStore(ds);
        FeatureValidator v = new FeatureValidator(FeatureSchema.HAZARDS, java.util.List.of("landslide", "flood", "forest_fire"), false);
        java.util.function.IntFunction<FeatureInput> level = n -> v.check(null, java.util.Map.of("category", "landslide", "name", "竞争",
                "risk_level", (long) n, "admin_code", "500101"), new org.locationtech.jts.geom.GeometryFactory(
                new org.locationtech.jts.geom.PrecisionModel(), 4326).createPoint(new org.locationtech.jts.geom.Coordinate(108.38, 30.81)), null);
        ApiException lost = assertThrows(ApiException.class, () -> store.update(FeatureSchema.HAZARDS, "RACE2", 1, "甲", Visibility.PUBLIC, current -> {
            // 乙 reads the same version 1 and commits between 甲's read and 甲's UPDATE … WHERE version = 1
            try {
                store.update(FeatureSchema.HAZARDS, "RACE2", 1, "乙", Visibility.PUBLIC, other -> level.apply(4));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return level.apply(3);
        }));
        assertEquals(412, lost.status());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE id = 'RACE2' AND risk_level = 4 AND version = 2"));
        assertEquals(List.of("乙"), TestDatabase.ids(ds, "SELECT actor FROM change_history WHERE feature_id = 'RACE2' AND action = 'update'"));
    }

    @Test
    void history_records_actor_time_and_old_and_new_values() {
        create(Api.hazard("H1", "500101", 2, 108.38, 30.81));
        api.json("PATCH", "/api/hazards/H1", editorB, "{\"type\":\"Feature\",\"properties\":{\"risk_level\":4,\"threatened_people\":30}}", "If-Match", "\"1\"");
        api.send("DELETE", "/api/hazards/H1", editorA, null, "If-Match", "\"2\"");
        Api.Response r = api.get("/api/hazards/H1/history", editorA);
        assertEquals(200, r.status(), r.body());
        JsonNode changes = r.json().get("changes");
        assertEquals(3, changes.size());
        assertEquals("create", changes.get(0).get("action").asText());
        assertEquals("编辑甲", changes.get(0).get("actor").asText());
        assertTrue(changes.get(0).get("old").isNull());
        assertEquals(2, changes.get(0).at("/new/properties/risk_level").asInt());
        JsonNode update = changes.get(1);
        assertEquals("update", update.get("action").asText());
        assertEquals("编辑乙", update.get("actor").asText());
        assertEquals(2, update.at("/old/properties/risk_level").asInt());
        assertEquals(12, update.at("/old/properties/threatened_people").asInt());
        assertEquals(4, update.at("/new/properties/risk_level").asInt());
        assertEquals(30, update.at("/new/properties/threatened_people").asInt());
        assertEquals("Point", update.at("/new/geometry/type").asText());
        assertTrue(java.time.Instant.parse(update.get("changed_at").asText()).isAfter(java.time.Instant.now().minusSeconds(60)));
        assertEquals("delete", changes.get(2).get("action").asText());
        assertTrue(changes.get(2).get("new").isNull());
        assertEquals(4, changes.get(2).at("/old/properties/risk_level").asInt());
    }

    @Test
    void risk_zones_and_shelters_are_edited_the_same_way() {
        String zone = "{\"type\":\"Feature\",\"properties\":{\"name\":\"滑坡风险区\",\"category\":\"landslide\",\"risk_level\":3,\"admin_code\":\"500101\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7],[108.5,30.9],[108.3,30.9],[108.3,30.7]]]}}";
        Api.Response z = api.json("POST", "/api/risk_zones", editorA, zone);
        assertEquals(201, z.status(), z.body());
        assertEquals("MultiPolygon", z.json().at("/geometry/type").asText());
        String bowtie = zone.replace("[108.5,30.9],[108.3,30.9]", "[108.3,30.9],[108.5,30.9]");
        Api.Response invalid = api.json("POST", "/api/risk_zones", editorA, bowtie);
        assertEquals(400, invalid.status());
        assertTrue(invalid.json().get("detail").asText().startsWith("geometry"), invalid.body());
        String shelter = "{\"type\":\"Feature\",\"id\":\"SH-T1\",\"properties\":{\"name\":\"万州二中\",\"capacity\":800,\"shelter_type\":\"school\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.39,30.8]}}";
        assertEquals(201, api.json("POST", "/api/shelters", editorA, shelter).status());
        Api.Response p = api.json("PATCH", "/api/shelters/SH-T1", editorA, "{\"type\":\"Feature\",\"properties\":{\"capacity\":-1}}", "If-Match", "\"1\"");
        assertEquals(400, p.status());
        assertEquals(200, api.json("PATCH", "/api/shelters/SH-T1", editorA, "{\"type\":\"Feature\",\"properties\":{\"capacity\":900}}",
                "If-Match", "\"1\"").status());
        assertEquals(900, TestDatabase.count(ds, "SELECT capacity FROM shelter WHERE id = 'SH-T1'"));
        assertNull(api.get("/api/shelters/nearest?lon=108.39&lat=30.8", null).json().at("/features/0/properties/responsible_phone").textValue());
    }
}
