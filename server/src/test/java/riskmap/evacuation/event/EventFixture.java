package riskmap.evacuation.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Tokens;
import riskmap.store.TokenStore;

/**
 * Households, plans and shelters for the evacuation-event tests, written with plain SQL into V29's
 * tables. 关龙村 (VILLAGE) has plan EP900001 (prepare at orange, evacuate at red) over six households
 * inside {@link #BOX}; a seventh household of the village inside the box is in the manual-only plan
 * EP900003 only; 小周村 (OTHER_VILLAGE) has plan EP900002 far outside the box.
 */
public final class EventFixture {
    public static final String VILLAGE = "500101145200";
    public static final String TOWNSHIP = "500101145";
    public static final String COUNTY = "500101";
    public static final String OTHER_VILLAGE = "500101109200";
    public static final String PLAN = "EP900001";
    public static final String OTHER_PLAN = "EP900002";
    public static final String MANUAL_PLAN = "EP900003";
    public static final String SMALL_SHELTER = "SH900001";
    public static final int SMALL_CAPACITY = 8;
    public static final String BIG_SHELTER = "SH900002";
    public static final int BIG_CAPACITY = 20;
    /** The warning polygon over 关龙村: lon/lat min and max. */
    public static final double[] BOX = {108.30, 30.80, 108.40, 30.90};

    /** A household of the fixture: members, planned shelter, position. */
    public record Household(String id, int members, String shelter, double lon, double lat) {
    }

    /** EP900001's households, in id order. */
    public static final Map<String, Household> PLANNED = new LinkedHashMap<>();
    static {
        int[] members = {3, 2, 5, 1, 4, 2};
        for (int i = 0; i < members.length; i++) {
            String id = "HH90000" + (i + 1);
            PLANNED.put(id, new Household(id, members[i], i < 3 ? SMALL_SHELTER : BIG_SHELTER, 108.33 + i * 0.005, 30.84 + i * 0.002));
        }
    }
    public static final Household UNPLANNED = new Household("HH900007", 7, null, 108.36, 30.86);

    private EventFixture() {
    }

    public static void load(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE evacuation_event, event_household, event_household_change, plan_household, plan_hazard, plan_zone, evacuation_plan, household CASCADE");
            st.execute("INSERT INTO shelter (id, name, capacity, admin_code, geom) VALUES ('" + SMALL_SHELTER + "', '关龙村小学', " + SMALL_CAPACITY + ", '" + VILLAGE
                    + "', ST_SetSRID(ST_MakePoint(108.36, 30.87), 4326)), ('" + BIG_SHELTER + "', '余家镇中学', " + BIG_CAPACITY + ", '" + TOWNSHIP
                    + "', ST_SetSRID(ST_MakePoint(108.45, 30.88), 4326))");
            st.execute("INSERT INTO evacuation_plan (id, admin_code, name, prepare_level, evacuate_level) VALUES ('" + PLAN + "', '" + VILLAGE + "', '关龙村转移预案', 3, 4),"
                    + " ('" + OTHER_PLAN + "', '" + OTHER_VILLAGE + "', '小周村转移预案', NULL, 4), ('" + MANUAL_PLAN + "', '" + VILLAGE + "', '关龙村手动预案', NULL, NULL)");
        }
        for (Household h : PLANNED.values()) household(ds, h, VILLAGE, PLAN);
        household(ds, UNPLANNED, VILLAGE, MANUAL_PLAN);
        household(ds, new Household("HH900011", 3, BIG_SHELTER, 108.60, 30.60), OTHER_VILLAGE, OTHER_PLAN);
        household(ds, new Household("HH900012", 2, BIG_SHELTER, 108.61, 30.61), OTHER_VILLAGE, OTHER_PLAN);
    }

    /** Inserts a household and puts it into {@code plan} with its shelter. */
    public static void household(DataSource ds, Household h, String adminCode, String plan) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO household (id, admin_code, head_name, members, vulnerable, phone, geom)"
                    + " VALUES (?, ?, ?, ?, 0, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
                ps.setString(1, h.id());
                ps.setString(2, adminCode);
                ps.setString(3, "户主" + h.id().substring(2));
                ps.setInt(4, h.members());
                ps.setString(5, "139" + h.id().substring(2, 8) + "00");
                ps.setDouble(6, h.lon());
                ps.setDouble(7, h.lat());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_household (plan_id, household_id, shelter_id) VALUES (?, ?, ?)")) {
                ps.setString(1, plan);
                ps.setString(2, h.id());
                ps.setString(3, h.shelter());
                ps.executeUpdate();
            }
        }
    }

    /** A token with exactly {@code actions} in {@code region} (null: the whole country). */
    public static String token(DataSource ds, String name, String region, Action... actions) throws Exception {
        String t = Tokens.newToken();
        new TokenStore(ds).create(name, null, Set.of(actions), region, t);
        return t;
    }

    /** A warning body over {@link #BOX} at {@code level}. */
    public static String warning(int level) {
        String box = "{\"type\":\"Polygon\",\"coordinates\":[[[" + BOX[0] + "," + BOX[1] + "],[" + BOX[2] + "," + BOX[1] + "],[" + BOX[2] + "," + BOX[3] + "],["
                + BOX[0] + "," + BOX[3] + "],[" + BOX[0] + "," + BOX[1] + "]]]}";
        return "{\"level\":" + level + ",\"category\":\"landslide\",\"headline\":\"万州区余家镇地质灾害预警\",\"description\":\"强降雨，滑坡风险很高。\","
                + "\"instruction\":\"请立即组织群众转移。\",\"effective\":\"2026-01-01T08:00:00+08:00\",\"expires\":\"2099-01-01T08:00:00+08:00\","
                + "\"area\":{\"description\":\"关龙村\",\"polygons\":[" + box + "]}}";
    }
}
