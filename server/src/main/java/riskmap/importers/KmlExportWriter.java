package riskmap.importers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import riskmap.ogc.Html;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;

/**
 * KML 2.2, one Placemark a row: its name (the {@code name} attribute, else the id), the geometry
 * PostGIS wrote ({@code ST_AsKML}, WGS84 lon/lat as KML requires) and every attribute as
 * ExtendedData, so Google Earth and GIS tools show them in the balloon and attribute table.
 */
final class KmlExportWriter implements RowWriter {
    private static final Pattern NOT_XML = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");
    private final Writer out;
    private final List<Column> columns;
    private final boolean named;
    private long rows;

    KmlExportWriter(OutputStream raw, FeatureCollection c, List<Column> columns) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
        this.columns = columns;
        this.named = columns.stream().anyMatch(col -> col.name().equals("name"));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>");
        out.write(esc(c.titleZh() + " · " + c.titleEn()));
        out.write("</name>\n");
    }

    @Override
    public void write(ResultSet rs) throws SQLException, IOException {
        String id = rs.getString("id");
        out.write("<Placemark id=\"");
        out.write(esc(id));
        out.write("\"><name>");
        out.write(esc(named && rs.getString("name") != null ? rs.getString("name") : id));
        out.write("</name><ExtendedData>");
        data("id", id);
        for (Column c : columns) data(c.name(), AttributeValues.text(rs, c));
        out.write("</ExtendedData>");
        out.write(rs.getString("_kml")); // markup from PostGIS, numbers and tags only
        out.write("</Placemark>\n");
        rows++;
    }

    private void data(String name, String value) throws IOException {
        if (value == null) return;
        out.write("<Data name=\"");
        out.write(esc(name));
        out.write("\"><value>");
        out.write(esc(value));
        out.write("</value></Data>");
    }

    @Override
    public void finish() throws IOException {
        out.write("</Document></kml>\n");
        out.flush();
    }

    @Override
    public long rows() {
        return rows;
    }

    /** XML text or attribute value: HTML's escapes, and the characters XML 1.0 cannot hold at all dropped. */
    static String esc(String s) {
        return Html.esc(NOT_XML.matcher(s).replaceAll(""));
    }
}
