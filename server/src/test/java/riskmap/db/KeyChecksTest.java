package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * V45 rewrote the id and region-code checks for speed: each must still accept exactly the strings
 * the original patterns of api.md accept, judged here by Java's regex engine.
 */
class KeyChecksTest {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}([0-9]{3}([0-9]{3})?)?");
    private static final List<String> ID_CHECKS = List.of("hazard_point_id_check", "risk_zone_id_check", "shelter_id_check",
            "person_id_check", "warning_id_check", "household_id_check", "evacuation_plan_id_check");
    private static final List<String> CODE_CHECKS = List.of("hazard_point_admin_code_check", "risk_zone_admin_code_check",
            "shelter_admin_code_check", "person_admin_code_check", "risk_zone_village_code_check", "household_admin_code_check",
            "evacuation_plan_admin_code_check");
    private static final List<String> SAMPLES = List.of("", "a", "HP00000001", "a".repeat(64), "a".repeat(65), "a".repeat(63) + "é",
            "A-Z_0.9:x", "-", "a b", "a\n", "\na", "a/b", "é", "隐患点", "ａ", "500101", "50010", "5001010", "500101001",
            "500101001001", "5001010010", "5001010010011", "５００１０１", "500 101", "500101\n", "١٢٣٤٥٦", "50010a");

    private final DataSource ds = TestDatabase.database("collation", false);

    @Test
    void every_id_check_accepts_exactly_what_the_original_pattern_accepts() throws SQLException {
        for (String name : ID_CHECKS) assertAcceptsAsPattern(name, ID);
    }

    @Test
    void every_region_code_check_accepts_exactly_what_the_original_pattern_accepts() throws SQLException {
        for (String name : CODE_CHECKS) assertAcceptsAsPattern(name, CODE);
    }

    @Test
    void no_check_still_uses_the_bounded_repetition() {
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND pg_get_constraintdef(oid) LIKE '%{1,64}%'"));
    }

    /** Evaluates the constraint's own expression on each sample, with the sample in place of its column. */
    private void assertAcceptsAsPattern(String constraint, Pattern pattern) throws SQLException {
        try (Connection c = ds.getConnection()) {
            String column;
            String expression;
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, pg_get_expr(k.conbin, k.conrelid) FROM pg_constraint k"
                    + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] WHERE k.conname = ?")) {
                ps.setString(1, constraint);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "no constraint " + constraint);
                    column = rs.getString(1);
                    expression = rs.getString(2);
                }
            }
            List<String> wrong = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + expression + " FROM (SELECT ?::text AS " + column + ") v")) {
                for (String s : SAMPLES) {
                    ps.setString(1, s);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1) != pattern.matcher(s).matches()) wrong.add(s);
                    }
                }
            }
            assertEquals(List.of(), wrong, constraint + " (" + expression + ") disagrees with " + pattern + " on these");
        }
    }
}
