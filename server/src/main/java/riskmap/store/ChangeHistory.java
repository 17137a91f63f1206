package riskmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the {@code change_history} of one record — a feature, a person or a warning — oldest change first, and records changes of records that keep their own document. */
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

    /** Records one change with both documents as given (either may be null) inside the caller's transaction. */
    public static void write(Connection c, String collection, String id, String action, String actor, String oldJson, String newJson)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EditSql.HISTORY_INSERT)) {
            ps.setString(1, collection);
            ps.setString(2, id);
            ps.setString(3, action);
            ps.setString(4, actor);
            ps.setString(5, oldJson);
            ps.setString(6, newJson);
            ps.executeUpdate();
        }
    }

    /**
     * Records one change inside the caller's transaction. {@code insertSql} is the collection's
     * insert statement, binding id, action, actor, old document and id again (it reads the new
     * document from the row itself: NULL once deleted), as {@code PeopleSql.HISTORY_INSERT} does.
     */
    public static void record(Connection c, String insertSql, String id, String action, String actor, String oldJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setString(1, id);
            ps.setString(2, action);
            ps.setString(3, actor);
            ps.setString(4, oldJson);
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }
}
