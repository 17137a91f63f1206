package riskmap.inspection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestClock;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;
import riskmap.auth.Role;
import riskmap.auth.Tokens;
import riskmap.store.TokenStore;

/** Inspections with photos through HTTP on a real server over PostGIS: storage, EXIF, scope, limits and the point's timeline. */
class InspectionTest {
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    /** A small photo limit so an oversize photo is cheap to send. */
    private static final int PHOTO_MAX_KB = 64;
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database, Map.of("RISKMAP_PHOTO_MAX_KB", String.valueOf(PHOTO_MAX_KB)), CLOCK);
    private static final String POINT = "HPIN1";
    private static DataSource ds;
    private static Api api;
    private static String inspector;
    private static String otherCounty;
    private static String editor;
    private static String reviewer;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        inspector = account("万州巡查员", Set.of(Action.INSPECT), "500101");
        otherCounty = account("涪陵巡查员", Set.of(Action.INSPECT), "500102");
        editor = Api.token(ds, "县编辑", Role.EDITOR, "500101");
        reviewer = Api.token(ds, "审核员", Role.ADMIN, null);
    }

    private static String account(String name, Set<Action> actions, String region) throws Exception {
        String t = Tokens.newToken();
        new TokenStore(ds).create(name, null, actions, region, t);
        return t;
    }

    @BeforeEach
    void reset() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                + " VALUES (?, 'landslide', '巡查测试点', 3, '500101', ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326));"
                + " INSERT INTO person (id, name, tier, admin_code) VALUES ('PSIN01', '包保责任人', 'county', '500101')")) {
            ps.setString(1, POINT);
            ps.executeUpdate();
        }
    }

    private static Multipart form(String kind) {
        return new Multipart().field("kind", kind).field("result", "hidden_danger").field("findings", "后缘新增裂缝约 2 米")
                .field("lon", "108.4003").field("lat", "30.8001");
    }

    private static Api.Response post(String token, Multipart form) {
        return api.send("POST", "/api/hazards/" + POINT + "/inspections", token, form.bytes(), "Content-Type", form.contentType());
    }

    private static long rows() {
        return TestDatabase.count(ds, "SELECT (SELECT count(*) FROM inspection) + (SELECT count(*) FROM inspection_photo)");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void a_photo_round_trips_byte_for_byte_with_its_sha256_as_etag() throws Exception {
        byte[] jpeg = ExifJpeg.plain(0x884422);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
        Api.Response r = post(inspector, form("pre_flood").field("track", "{\"type\":\"LineString\",\"coordinates\":[[108.4,30.8],[108.4003,30.8001]]}")
                .file("photo", "crack.jpg", "image/jpeg", jpeg).field("photo_sha256", sha256(jpeg))
                .file("photo", "scarp.png", "application/octet-stream", png).field("photo_sha256", ""));
        assertEquals(201, r.status(), r.body());
        JsonNode photos = r.json().get("photos");
        assertEquals(2, photos.size());
        assertEquals("万州巡查员", r.json().get("inspector").asText());
        assertEquals("[108.4003,30.8001]", r.json().get("position").get("coordinates").toString());
        assertEquals("[[108.4,30.8],[108.4003,30.8001]]", r.json().get("track").get("coordinates").toString());
        byte[][] sent = {jpeg, png};
        String[] types = {"image/jpeg", "image/png"}; // the PNG's type judged from its bytes, not the claimed octet-stream
        for (int i = 0; i < 2; i++) {
            JsonNode p = photos.get(i);
            assertEquals(sha256(sent[i]), p.get("sha256").asText());
            assertEquals(sent[i].length, p.get("size_bytes").asInt());
            Api.Response fetched = api.get(p.get("href").asText(), inspector);
            assertEquals(200, fetched.status());
            assertArrayEquals(sent[i], fetched.bytes());
            assertEquals(sha256(fetched.bytes()), p.get("sha256").asText());
            assertEquals(types[i], fetched.header("Content-Type"));
            assertEquals("\"" + sha256(sent[i]) + "\"", fetched.header("ETag"));
            assertEquals(304, api.get(p.get("href").asText(), inspector, "If-None-Match", fetched.header("ETag")).status());
        }
        assertEquals(1, api.get("/api/hazards/" + POINT + "/inspections", editor).json().get("inspections").size());
    }

    @Test
    void exif_time_and_position_are_read_from_the_photo() throws Exception {
        // 09:30 at +08:00 is 01:30 UTC; 30°48'00" N = 30.8, 108°24'36" E = 108 + 24/60 + 36/3600 = 108.41
        byte[] jpeg = ExifJpeg.withExif("2026:06:01 09:30:00", "+08:00", new int[] {30, 48, 0}, new int[] {108, 24, 36});
        Api.Response r = post(inspector, form("in_flood").file("photo", "gps.jpg", "image/jpeg", jpeg));
        assertEquals(201, r.status(), r.body());
        JsonNode p = r.json().get("photos").get(0);
        assertEquals("2026-06-01T01:30:00Z", p.get("taken_at").asText());
        JsonNode c = p.get("position").get("coordinates");
        assertEquals(108.41, c.get(0).asDouble(), 1e-9);
        assertEquals(30.8, c.get(1).asDouble(), 1e-9);
        JsonNode plain = post(inspector, form("in_flood").file("photo", "plain.jpg", "image/jpeg", ExifJpeg.plain(1))).json().get("photos").get(0);
        assertTrue(plain.get("taken_at").isNull() && plain.get("position").isNull(), plain.toString());
    }

    @Test
    void an_inspector_of_another_county_gets_403_and_nothing_is_written() throws Exception {
        Api.Response r = post(otherCounty, form("routine").file("photo", "a.jpg", "image/jpeg", ExifJpeg.plain(2)));
        assertEquals(403, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("500102"), r.body());
        assertEquals(0, rows());
        Api.Response noAction = post(editor, form("routine"));
        assertEquals(403, noAction.status(), noAction.body());
        assertTrue(noAction.json().get("detail").asText().contains("inspect"), noAction.body());
        assertEquals(401, post(null, form("routine")).status());
        assertEquals(0, rows());
    }

    @Test
    void photos_and_timeline_need_a_token_in_the_points_scope() throws Exception {
        String href = post(inspector, form("routine").file("photo", "a.jpg", "image/jpeg", ExifJpeg.plain(3))).json().get("photos").get(0).get("href").asText();
        Api.Response anonymous = api.get(href, null);
        assertEquals(401, anonymous.status());
        assertEquals("unauthorized", anonymous.json().get("error").asText());
        assertEquals(403, api.get(href, otherCounty).status());
        assertEquals(404, api.get("/api/inspections/photos/PH999999", inspector).status());
        assertEquals(401, api.get("/api/hazards/" + POINT + "/timeline", null).status());
        assertEquals(403, api.get("/api/hazards/" + POINT + "/timeline", otherCounty).status());
        assertEquals(403, api.get("/api/hazards/" + POINT + "/inspections", otherCounty).status());
    }

    @Test
    void an_oversize_photo_gets_413_naming_the_limit_and_writes_nothing() throws Exception {
        byte[] big = Arrays.copyOf(ExifJpeg.plain(4), PHOTO_MAX_KB * 1024 + 1);
        Api.Response r = post(inspector, form("routine").file("photo", "big.jpg", "image/jpeg", big));
        assertEquals(413, r.status(), r.body());
        assertEquals("photo_too_large", r.json().get("error").asText());
        assertTrue(r.json().get("detail").asText().contains(PHOTO_MAX_KB + " KB (setting photo_max_kb)"), r.body());
        // the whole form is capped too: 10 photos of 64 KB and 1 MB of fields = 1,703,936 bytes
        Api.Response huge = post(inspector, form("routine").file("photo", "huge.jpg", "image/jpeg", new byte[1_703_937]));
        assertEquals(413, huge.status(), huge.body());
        assertEquals("body_too_large", huge.json().get("error").asText());
        // without a Content-Length (chunked), Jetty stops the form at the same limit
        Multipart chunked = form("routine").file("photo", "huge.jpg", "image/jpeg", new byte[1_703_937]);
        HttpResponse<String> c = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + "/api/hazards/" + POINT + "/inspections"))
                .header("Authorization", "Bearer " + inspector).header("Content-Type", chunked.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked.bytes()))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, c.statusCode(), c.body());
        assertTrue(c.body().contains("body_too_large"), c.body());
        assertEquals(0, rows());
    }

    @Test
    void bad_fields_and_bad_photos_get_400_and_write_nothing() throws Exception {
        List<Multipart> bad = List.of(
                form("monsoon"),
                new Multipart().field("kind", "routine").field("result", "normal").field("lon", "108.4"),
                new Multipart().field("kind", "routine").field("result", "hidden_danger").field("lon", "108.4").field("lat", "30.8"),
                form("routine").field("track", "{\"type\":\"Point\",\"coordinates\":[108.4,30.8]}"),
                form("routine").file("photo", "notes.txt", "image/jpeg", "not a photo".getBytes()),
                form("routine").file("photo", "a.jpg", "image/jpeg", ExifJpeg.plain(5)).field("photo_sha256", "00".repeat(32)),
                form("routine").file("picture", "a.jpg", "image/jpeg", ExifJpeg.plain(6)));
        List<String> params = List.of("kind", "lat", "findings", "track", "photo", "photo_sha256", "picture");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            Api.Response r = post(inspector, bad.get(i));
            if (r.status() != 400 || !r.json().get("detail").asText().startsWith(params.get(i) + ":")) failures.add(params.get(i) + ": " + r.status() + " " + r.body());
        }
        assertEquals(List.of(), failures);
        Api.Response kind = post(inspector, form("monsoon"));
        assertEquals("invalid_parameter", kind.json().get("error").asText());
        assertTrue(kind.json().get("detail").asText().contains("pre_flood"), kind.body());
        assertEquals(415, api.send("POST", "/api/hazards/" + POINT + "/inspections", inspector, "{}".getBytes(), "Content-Type", "application/json").status());
        assertEquals(0, rows());
    }

    @Test
    void the_timeline_lists_inspections_rectification_steps_and_reviews_in_time_order() throws Exception {
        String rc = api.json("POST", "/api/hazards/" + POINT + "/rectifications", editor, "").json().get("id").asText();
        tick();
        assertEquals(201, post(inspector, form("pre_flood").file("photo", "a.jpg", "image/jpeg", ExifJpeg.plain(7))).status());
        tick();
        step(rc, editor, "{\"action\":\"order\",\"deadline\":\"" + CLOCK.instant().plus(Duration.ofDays(10)) + "\",\"responsible_person_id\":\"PSIN01\"}");
        tick();
        step(rc, editor, "{\"action\":\"start\"}");
        tick();
        assertEquals(201, post(inspector, form("in_flood")).status());
        tick();
        step(rc, editor, "{\"action\":\"submit\"}");
        tick();
        step(rc, reviewer, "{\"action\":\"county_accept\",\"opinion\":\"县级核查通过\"}");
        tick();
        assertEquals(201, post(inspector, form("post_flood")).status());

        JsonNode events = api.get("/api/hazards/" + POINT + "/timeline", inspector).json().get("events");
        List<String> seen = new ArrayList<>();
        events.forEach(e -> seen.add(e.get("type").asText() + ":" + (e.has("kind") ? e.get("kind").asText() : e.get("action").asText())));
        assertEquals(List.of("rectification:report", "inspection:pre_flood", "rectification:order", "rectification:start", "inspection:in_flood",
                "rectification:submit", "review:county_accept", "inspection:post_flood"), seen);
        for (int i = 0; i < events.size(); i++) {
            // one minute apart from 2026-06-01T00:00:00Z, as the clock was moved
            assertEquals(Instant.parse("2026-06-01T00:00:00Z").plus(Duration.ofMinutes(i)), Instant.parse(events.get(i).get("at").asText()));
        }
        assertEquals("县级核查通过", events.get(6).get("opinion").asText());
        assertTrue(events.get(1).get("photos").get(0).get("href").asText().startsWith("/api/inspections/photos/PH"));
    }

    @Test
    void each_inspection_is_one_entry_of_the_points_change_history() throws Exception {
        byte[] jpeg = ExifJpeg.plain(0x336699);
        assertEquals(403, post(otherCounty, form("routine")).status());
        JsonNode made = post(inspector, form("in_flood").file("photo", "crack.jpg", "image/jpeg", jpeg)).json();
        Api.Response history = api.get("/api/hazards/" + POINT + "/history", editor);
        assertEquals(200, history.status(), history.body());
        JsonNode changes = history.json().get("changes");
        assertEquals(1, changes.size(), changes.toString()); // the refused inspection left none
        JsonNode entry = changes.get(0);
        assertEquals("inspect", entry.get("action").asText());
        assertEquals("万州巡查员", entry.get("actor").asText());
        assertTrue(entry.get("old").isNull(), entry.toString());
        JsonNode recorded = entry.get("new").get("inspection");
        assertEquals(made.get("id").asText(), recorded.get("id").asText());
        assertEquals("in_flood", recorded.get("kind").asText());
        assertEquals("后缘新增裂缝约 2 米", recorded.get("findings").asText());
        assertEquals("[108.4003,30.8001]", recorded.get("position").get("coordinates").toString());
        assertEquals(sha256(jpeg), recorded.get("photos").get(0).get("sha256").asText());
        assertEquals(made.get("photos").get(0).get("id").asText(), recorded.get("photos").get(0).get("id").asText());
    }

    private static void tick() {
        CLOCK.advance(Duration.ofMinutes(1));
    }

    private static void step(String rc, String token, String body) {
        Api.Response r = api.json("POST", "/api/rectifications/" + rc + "/transitions", token, body, "Content-Type", "application/json");
        assertEquals(200, r.status(), r.body());
    }
}
