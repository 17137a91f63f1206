package riskmap.people;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Shared by the people tests: an empty registry and people as clients send them. */
final class PeopleFixture {
    private PeopleFixture() {
    }

    /** Removes every person, feature and change record of the shared write-test database. */
    static void empty(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE person, hazard_point, risk_zone, shelter, change_history");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person's JSON body. */
    static String person(String name, String phone, String adminCode, String... roles) {
        return "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"unit\":\"万州区应急管理局\",\"duty_roles\":[" + String.join(",",
                java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList()) + "],\"admin_code\":\"" + adminCode + "\"}";
    }
}
