package riskmap.importers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.List;
import riskmap.store.Column;

/**
 * CSV as Excel and {@link CsvReader} read it: UTF-8 with a byte-order mark (so Excel on a Chinese
 * Windows does not take it for GBK), a header row, {@code id, lon, lat} for points or {@code id, wkt}
 * for areas, then the attributes; cells quoted when they hold a comma, quote or line break.
 */
final class CsvExportWriter {
    private final Writer out;
    private final List<Column> columns;
    private final boolean points;
    private long rows;

    CsvExportWriter(OutputStream raw, List<Column> columns, boolean points) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
        this.columns = columns;
        this.points = points;
        out.write('\uFEFF');
        out.write(points ? "id,lon,lat" : "id,wkt");
        for (Column c : columns) out.write("," + c.name());
        out.write("\r\n");
    }

    void write(ResultSet rs) throws SQLException, IOException {
        cell(rs.getString("id"));
        if (points) {
            out.write(',');
            cell(rs.getString("_lon"));
            out.write(',');
            cell(rs.getString("_lat"));
        } else {
            out.write(',');
            cell(rs.getString("_wkt"));
        }
        for (Column c : columns) {
            out.write(',');
            if (c.type() == Column.Type.TIMESTAMP) {
                Timestamp t = rs.getTimestamp(c.name());
                cell(t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant()));
            } else {
                cell(rs.getString(c.name()));
            }
        }
        out.write("\r\n");
        rows++;
    }

    private void cell(String v) throws IOException {
        if (v == null) return;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(v);
        }
    }

    void finish() throws IOException {
        out.flush();
    }

    long rows() {
        return rows;
    }
}
