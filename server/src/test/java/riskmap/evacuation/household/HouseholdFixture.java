package riskmap.evacuation.household;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import riskmap.TestDatabase;

/** Empty feature tables, households and plans, for the evacuation tests that build their own village. */
public final class HouseholdFixture {
    private HouseholdFixture() {
    }

    public static void reset(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE household, evacuation_plan CASCADE");
        }
    }

    /** A household's JSON body, threatened by HP1. */
    public static String household(String name, int members, int vulnerable, String adminCode, double lon, double lat) {
        return "{\"head_name\":\"" + name + "\",\"members\":" + members + ",\"vulnerable\":" + vulnerable + ",\"vulnerable_note\":\"老人一名\","
                + "\"phone\":\"13800001111\",\"address\":\"关龙村3组\",\"admin_code\":\"" + adminCode + "\",\"lon\":" + lon + ",\"lat\":" + lat
                + ",\"hazard_ids\":[\"HP1\"]}";
    }
}
