package riskmap.importers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import riskmap.store.Column;

/**
 * An attribute's value in an export row, read the same way by every file writer: whole numbers as
 * numbers, times as RFC 3339 text in UTC, SQL NULL as Java null.
 */
final class AttributeValues {
    private AttributeValues() {
    }

    /** The value as text: digits for a whole number, RFC 3339 for a time. */
    static String text(ResultSet rs, Column c) throws SQLException {
        if (c.type() == Column.Type.INTEGER) {
            Long n = integer(rs, c);
            return n == null ? null : n.toString();
        }
        if (c.type() == Column.Type.TIMESTAMP) {
            Timestamp t = rs.getTimestamp(c.name());
            return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant());
        }
        return rs.getString(c.name());
    }

    /** A whole-number attribute, null when NULL. */
    static Long integer(ResultSet rs, Column c) throws SQLException {
        long n = rs.getLong(c.name());
        return rs.wasNull() ? null : n;
    }
}
