package riskmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the {@code change_history} of one record — a feature or a person — oldest change first. */
public final class ChangeHistory {
    private ChangeHistory() {
    }

    public static List<EditStore.HistoryEntry> read(DataSource ds, String collection, String id) throws SQLException {
        List<EditStore.HistoryEntry> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(EditSql.HISTORY)) {
            ps.setString(1, collection);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EditStore.HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}
