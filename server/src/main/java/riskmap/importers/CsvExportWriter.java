package riskmap.importers;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import riskmap.store.Column;

/**
 * A collection as {@link ExcelCsv} (and {@link CsvReader}) reads it: {@code id, lon, lat} for
 * points or {@code id, wkt} for areas, then the attributes.
 */
final class CsvExportWriter implements RowWriter {
    private final ExcelCsv out;
    private final List<Column> columns;
    private final boolean points;
    private long rows;

    CsvExportWriter(OutputStream raw, List<Column> columns, boolean points) throws IOException {
        List<String> header = new ArrayList<>(points ? List.of("id", "lon", "lat") : List.of("id", "wkt"));
        for (Column c : columns) header.add(c.name());
        this.out = new ExcelCsv(raw, header);
        this.columns = columns;
        this.points = points;
    }

    @Override
    public void write(ResultSet rs) throws SQLException, IOException {
        out.cell(rs.getString("id"));
        if (points) {
            out.number(rs.getString("_lon"));
            out.number(rs.getString("_lat"));
        } else {
            out.cell(rs.getString("_wkt"));
        }
        for (Column c : columns) {
            String v = AttributeValues.text(rs, c);
            if (c.type() == Column.Type.INTEGER) out.number(v);
            else out.cell(v); // text is guarded against formulas, numbers are not
        }
        out.endRow();
        rows++;
    }

    @Override
    public void finish() throws IOException {
        out.finish();
    }

    @Override
    public long rows() {
        return rows;
    }
}
