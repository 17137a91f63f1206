package riskmap.evacuation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import riskmap.domain.ApiException;

/** The stored admin code of a household or plan, its row locked, so a write checks the scope it is about to change. */
public enum ScopeLock {
    HOUSEHOLD("household", "household"), PLAN("evacuation_plan", "evacuation plan");

    private final String sql;
    private final String what;

    ScopeLock(String table, String what) {
        this.sql = "SELECT admin_code FROM " + table + " WHERE id = ? FOR UPDATE"; // table from this enum only
        this.what = what;
    }

    /** The row's admin code; 404 when there is no such row. */
    public String adminCode(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ApiException.notFound("there is no " + what + " with the id '" + id + "'");
                return rs.getString(1);
            }
        }
    }
}
