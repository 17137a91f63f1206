package riskmap.rectification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestClock;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * The hidden-danger dashboard over a known set of points and rectifications in several counties.
 * Every expected figure is computed here, in plain Java over the rows this test inserted (with
 * java.time's own ISO weeks in China time), never read from the code under test.
 */
class DashboardTest {
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-06-17T04:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database, Map.of(), CLOCK);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Point codes: two Chongqing counties (one with townships), one Sichuan county. */
    private static final String[] CODES = {"500101", "500101001", "500101017", "500102", "500102001", "510104"};
    private static final String[] STATES = {"reported", "ordered", "rectifying", "submitted", "county_accepted", "rejected", "accepted", "closed"};
    private static final Set<String> PENDING = Set.of("ordered", "rectifying", "rejected");

    /** One rectification as inserted; {@code closedAt} null unless closed. */
    private record Row(String id, String adminCode, int level, String state, Instant deadline, Instant createdAt, Instant closedAt) {
    }

    private static DataSource ds;
    private static Api api;
    private static String countyViewer;
    private static String admin;
    private static String editor;
    private final List<Row> rows = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        countyViewer = Api.token(ds, "万州值班", Role.VIEWER, "500101");
        admin = Api.token(ds, "省管理员", Role.ADMIN, null);
        editor = Api.token(ds, "万州编辑", Role.EDITOR, "500101");
    }

    /** 90 points, 75 of them with a rectification in a random state, deadlines around now, some closed this month and before. */
    @BeforeEach
    void data() throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        Random rnd = new Random(11);
        Instant now = CLOCK.instant();
        try (Connection c = ds.getConnection()) {
            exec(c, "INSERT INTO person (id, name, phone, tier, admin_code) VALUES ('PSD01', '包保甲', '13800001111', 'county', '500101'),"
                    + " ('PSD02', '包保乙', '13800002222', 'county', '500102')");
            for (int i = 1; i <= 90; i++) {
                String code = CODES[rnd.nextInt(CODES.length)];
                int level = 1 + rnd.nextInt(4);
                exec(c, "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom) VALUES (?, 'landslide', ?, ?, ?,"
                        + " ST_SetSRID(ST_MakePoint(108.4, 30.8), 4326))", "HPD" + i, "看板测试点" + i, level, code);
                if (i > 75) continue;
                String state = STATES[rnd.nextInt(STATES.length)];
                Instant created = now.minus(Duration.ofHours(rnd.nextInt(24 * 7 * 16)));
                Instant deadline = state.equals("reported") ? null : now.plus(Duration.ofHours(rnd.nextInt(24 * 40) - 24 * 20));
                Instant closed = state.equals("closed") ? created.plus(Duration.ofMillis((long) (rnd.nextDouble() * Duration.between(created, now).toMillis()))) : null;
                String person = code.startsWith("500101") ? "PSD01" : "PSD02";
                String id = "RCD" + i;
                exec(c, "INSERT INTO rectification (id, hazard_id, state, deadline, responsible_person_id, created_at, created_by, closed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'test', ?)", id, "HPD" + i, state, ts(deadline), deadline == null ? null : person, ts(created), ts(closed));
                if (closed != null) {
                    exec(c, "INSERT INTO rectification_step (rectification_id, seq, action, from_state, to_state, actor, at) VALUES (?, 1, 'close', 'accepted', 'closed', 'test', ?)",
                            id, ts(closed));
                }
                rows.add(new Row(id, code, level, state, deadline, created, closed));
            }
        }
    }

    @Test
    void provinceRollsUpByCityWithExactCounts() {
        JsonNode d = get("/api/dashboard/hidden-dangers?region=50", admin);
        assertEquals("city", d.get("rollup_level").asText());
        assertEquals("重庆市", d.at("/region/name").asText());
        assertRows(d, in("50"), 4);
        assertTotals(d, in("50"));
        // the data set exercises every figure: not all zero, and more overdue than one page when capped
        assertTrue(expectedOverdue(in("50")) > 5 && rows.stream().filter(in("50")).filter(this::closedThisMonth).count() > 0, "data set too thin");
        JsonNode capped = get("/api/dashboard/hidden-dangers?region=50&overdue_limit=3", admin);
        assertEquals(3, capped.at("/overdue/items").size());
        assertTrue(capped.at("/overdue/truncated").asBoolean());
        assertEquals(expectedOverdue(in("50")), capped.at("/overdue/count").asLong());
    }

    @Test
    void anyLevelAskedAndTheWholeCountry() {
        assertRows(get("/api/dashboard/hidden-dangers?region=50&level_of_rollup=township", admin), in("50"), 9);
        assertRows(get("/api/dashboard/hidden-dangers?region=500101&level_of_rollup=county", admin), in("500101"), 6);
        JsonNode all = get("/api/dashboard/hidden-dangers", admin);
        assertEquals("province", all.get("rollup_level").asText());
        assertRows(all, r -> true, 2);
        assertTotals(all, r -> true);
        assertEquals(400, api.get("/api/dashboard/hidden-dangers?region=500101&level_of_rollup=city", admin).status());
        assertEquals(400, api.get("/api/dashboard/hidden-dangers?region=5001011", admin).status());
        assertEquals(404, api.get("/api/dashboard/hidden-dangers?region=500199", admin).status());
    }

    @Test
    void aPointMovedToAnotherCountyTakesItsRectificationAlong() throws Exception {
        Row moved = rows.stream().filter(r -> r.adminCode().startsWith("500101") && !r.state().equals("closed")).findFirst().orElseThrow();
        String point = "HPD" + moved.id().substring(3);
        try (Connection c = ds.getConnection()) {
            exec(c, "UPDATE hazard_point SET admin_code = '510104', risk_level = 4 WHERE id = ?", point);
        }
        rows.set(rows.indexOf(moved), new Row(moved.id(), "510104", 4, moved.state(), moved.deadline(), moved.createdAt(), moved.closedAt()));
        JsonNode all = get("/api/dashboard/hidden-dangers", admin);
        assertRows(all, r -> true, 2);
        assertTotals(all, r -> true);
        assertRows(get("/api/dashboard/hidden-dangers?region=500101&level_of_rollup=county", admin), in("500101"), 6);
    }

    @Test
    void trendCountsOpenedAndClosedPerIsoWeek() {
        int weeks = 8;
        JsonNode trend = get("/api/dashboard/hidden-dangers?region=50&weeks=" + weeks, admin).get("trend");
        assertEquals(weeks, trend.size());
        LocalDate thisMonday = LocalDate.ofInstant(CLOCK.instant(), CHINA).minusDays(LocalDate.ofInstant(CLOCK.instant(), CHINA).getDayOfWeek().getValue() - 1);
        for (int w = 0; w < weeks; w++) {
            String name = isoWeek(thisMonday.minusWeeks(weeks - 1 - w));
            JsonNode week = trend.get(w);
            assertEquals(name, week.get("week").asText());
            assertEquals(rows.stream().filter(in("50")).filter(r -> isoWeek(r.createdAt()).equals(name)).count(), week.get("opened").asLong(), name);
            assertEquals(rows.stream().filter(in("50")).filter(r -> r.closedAt() != null && isoWeek(r.closedAt()).equals(name)).count(),
                    week.get("closed").asLong(), name);
        }
    }

    @Test
    void overdueAppearsWhenTheClockPassesTheDeadline() {
        String point = "HPD80"; // one of the points without a rectification, in any county: the admin may act everywhere
        JsonNode r = api.json("POST", "/api/hazards/" + point + "/rectifications", admin, "").json();
        String rc = r.get("id").asText();
        Instant deadline = CLOCK.instant().plus(Duration.ofDays(2));
        assertEquals(200, api.json("POST", "/api/rectifications/" + rc + "/transitions", admin,
                "{\"action\":\"order\",\"deadline\":\"" + deadline + "\",\"responsible_person_id\":\"PSD01\"}").status());
        assertFalse(overdueIds(get("/api/dashboard/hidden-dangers?overdue_limit=1000", admin)).contains(rc));
        CLOCK.advance(Duration.ofDays(3));
        JsonNode d = get("/api/dashboard/hidden-dangers?overdue_limit=1000", admin);
        assertTrue(overdueIds(d).contains(rc), "overdue after the deadline passed");
        rows.add(new Row(rc, adminCodeOf(point), 0, "ordered", deadline, CLOCK.instant(), null)); // level unused by the counts below
        assertEquals(expectedOverdue(r2 -> true), d.at("/overdue/count").asLong());
        JsonNode item = itemOf(d, rc);
        assertEquals(1, item.get("overdue_days").asInt());
        assertEquals("包保甲", item.get("responsible_person").asText());
        JsonNode anonymous = itemOf(get("/api/dashboard/hidden-dangers?overdue_limit=1000", null), rc);
        assertTrue(anonymous.get("responsible_person").isNull() && anonymous.get("responsible_phone").isNull()
                && anonymous.get("responsible_person_id").isNull(), "no personal data for anonymous callers: " + anonymous);
    }

    @Test
    void aCountyAccountSeesOnlyItsCounty() {
        JsonNode d = get("/api/dashboard/hidden-dangers", countyViewer);
        assertEquals("500101", d.at("/region/code").asText());
        assertEquals("township", d.get("rollup_level").asText());
        assertRows(d, in("500101"), 9);
        assertTotals(d, in("500101"));
        for (JsonNode o : d.at("/overdue/items")) assertTrue(o.get("admin_code").asText().startsWith("500101"), o.toString());
        assertEquals(403, api.get("/api/dashboard/hidden-dangers?region=50", countyViewer).status());
        assertEquals(403, api.get("/api/dashboard/hidden-dangers?region=500102", countyViewer).status());
        assertEquals(403, api.get("/api/dashboard/hidden-dangers/overdue.csv?region=510104", countyViewer).status());
        String csv = csv(api.get("/api/dashboard/hidden-dangers/overdue.csv", countyViewer));
        List<String> lines = csv.lines().skip(1).toList();
        assertEquals(expectedOverdue(in("500101")), lines.size());
        for (String l : lines) assertTrue(l.split(",")[3].startsWith("500101"), l);
    }

    @Test
    void csvHasChineseHeadersAndBom() {
        Api.Response overdue = api.get("/api/dashboard/hidden-dangers/overdue.csv?region=50", admin);
        assertEquals(200, overdue.status());
        assertTrue(overdue.header("Content-Type").startsWith("text/csv"));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(overdue.bytes(), 3));
        String[] lines = csv(overdue).split("\r\n");
        assertEquals("整改编号,隐患点编号,隐患点名称,行政区划代码,风险等级,整改状态,整改期限,逾期天数,包保责任人编号,包保责任人,联系电话", lines[0]);
        assertEquals(expectedOverdue(in("50")), lines.length - 1);
        assertTrue(Arrays.stream(lines).skip(1).allMatch(l -> l.endsWith(",PSD01,包保甲,13800001111") || l.endsWith(",PSD02,包保乙,13800002222")));
        String[] anonymous = csv(api.get("/api/dashboard/hidden-dangers/overdue.csv?region=50", null)).split("\r\n");
        assertTrue(Arrays.stream(anonymous).skip(1).allMatch(l -> l.endsWith(",,,")), "no personal data for anonymous callers");

        Api.Response regions = api.get("/api/dashboard/hidden-dangers?region=50&f=csv", admin);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(regions.bytes(), 3));
        String[] r = csv(regions).split("\r\n");
        assertEquals("区划代码,区划名称,在办隐患,一级,二级,三级,四级,逾期,本月销号", r[0]);
        assertEquals(",合计," + open(in("50")).count(), r[r.length - 1].substring(0, r[r.length - 1].indexOf(',', 4)));
    }

    @Test
    void aTransitionIsInThePointsHistory() {
        String point = TestDatabase.ids(ds, "SELECT h.id FROM hazard_point h WHERE h.admin_code LIKE '500101%'"
                + " AND NOT EXISTS (SELECT 1 FROM rectification r WHERE r.hazard_id = h.id) ORDER BY h.id LIMIT 1").get(0);
        Api.Response created = api.json("POST", "/api/hazards/" + point + "/rectifications", editor, "");
        assertEquals(201, created.status(), created.body());
        JsonNode changes = api.get("/api/hazards/" + point + "/history", admin).json().get("changes");
        JsonNode last = changes.get(changes.size() - 1);
        assertEquals("update", last.get("action").asText());
        assertEquals("万州编辑", last.get("actor").asText());
        assertEquals("active", last.at("/old/properties/status").asText());
        assertEquals("rectifying", last.at("/new/properties/status").asText());
    }

    // ---- the independent computation

    private Predicate<Row> in(String prefix) {
        return r -> r.adminCode().startsWith(prefix);
    }

    private Stream<Row> open(Predicate<Row> region) {
        return rows.stream().filter(region).filter(r -> !r.state().equals("closed"));
    }

    private boolean overdue(Row r) {
        return PENDING.contains(r.state()) && r.deadline() != null && r.deadline().isBefore(CLOCK.instant());
    }

    private long expectedOverdue(Predicate<Row> region) {
        return open(region).filter(this::overdue).count();
    }

    private boolean closedThisMonth(Row r) {
        return r.closedAt() != null && LocalDate.ofInstant(r.closedAt(), CHINA).withDayOfMonth(1).equals(LocalDate.ofInstant(CLOCK.instant(), CHINA).withDayOfMonth(1));
    }

    /** Rows per code cut to {@code length}: open, levels 1–4, overdue, closed this month. */
    private void assertRows(JsonNode d, Predicate<Row> region, int length) {
        Map<String, long[]> expected = new TreeMap<>();
        for (Row r : rows) {
            if (!region.test(r)) continue;
            String code = r.adminCode().substring(0, Math.min(length, r.adminCode().length()));
            long[] e = expected.computeIfAbsent(code, k -> new long[7]);
            if (!r.state().equals("closed")) {
                e[0]++;
                e[r.level()]++;
                if (overdue(r)) e[5]++;
            }
            if (closedThisMonth(r)) e[6]++;
        }
        expected.values().removeIf(e -> Arrays.stream(e).allMatch(v -> v == 0));
        Map<String, long[]> actual = new TreeMap<>();
        for (JsonNode row : d.get("rows")) {
            JsonNode l = row.get("by_level");
            actual.put(row.get("code").asText(), new long[] {row.get("open").asLong(), l.get("1").asLong(), l.get("2").asLong(), l.get("3").asLong(),
                    l.get("4").asLong(), row.get("overdue").asLong(), row.get("closed_this_month").asLong()});
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((code, e) -> assertArrayEquals(e, actual.get(code), code));
    }

    private void assertTotals(JsonNode d, Predicate<Row> region) {
        assertEquals(open(region).count(), d.at("/open/total").asLong());
        for (int level = 1; level <= 4; level++) {
            int l = level;
            assertEquals(open(region).filter(r -> r.level() == l).count(), d.at("/open/by_level/" + level).asLong());
        }
        assertEquals(expectedOverdue(region), d.at("/open/overdue").asLong());
        assertEquals(expectedOverdue(region), d.at("/overdue/count").asLong());
        assertEquals(rows.stream().filter(region).filter(this::closedThisMonth).count(), d.at("/closed_this_month/count").asLong());
        List<String> ids = overdueIds(d);
        List<String> expectedIds = open(region).filter(this::overdue).sorted(Comparator.comparing(Row::deadline).thenComparing(Row::id)).map(Row::id).limit(100).toList();
        assertEquals(expectedIds, ids);
    }

    // ---- helpers

    private static String isoWeek(Instant i) {
        return isoWeek(LocalDate.ofInstant(i, CHINA));
    }

    private static String isoWeek(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static List<String> overdueIds(JsonNode d) {
        List<String> ids = new ArrayList<>();
        d.at("/overdue/items").forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }

    private static JsonNode itemOf(JsonNode d, String id) {
        for (JsonNode o : d.at("/overdue/items")) if (o.get("id").asText().equals(id)) return o;
        throw new AssertionError("no overdue item " + id);
    }

    private static String adminCodeOf(String point) {
        return TestDatabase.ids(ds, "SELECT admin_code FROM hazard_point WHERE id = '" + point + "'").get(0);
    }

    private static JsonNode get(String path, String token) {
        Api.Response r = api.get(path, token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static String csv(Api.Response r) {
        assertEquals(200, r.status(), r.body());
        return new String(r.bytes(), 3, r.bytes().length - 3, StandardCharsets.UTF_8);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static void exec(Connection c, String sql, Object... binds) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) ps.setObject(i + 1, binds[i]);
            ps.executeUpdate();
        }
    }
}
