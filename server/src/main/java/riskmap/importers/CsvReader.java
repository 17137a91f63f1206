package riskmap.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import riskmap.edit.FeatureSchema;

/**
 * Reads CSV (RFC 4180: comma-separated, "quoted" cells may hold commas, quotes and line breaks)
 * with a header row naming the fields.
 *
 * <p>Geometry comes from a longitude and a latitude column ({@code lon}/{@code lng}/{@code longitude}/{@code x}/经度
 * and {@code lat}/{@code latitude}/{@code y}/纬度), or from a WKT column ({@code wkt}/{@code geometry}/{@code geom},
 * EWKT's {@code SRID=4490;} prefix allowed). The {@code id} column, if any, gives ids. Other columns
 * are the collection's fields by name; unknown ones are skipped and reported. Row numbers are line
 * numbers as a spreadsheet shows them (header = 1). The encoding is UTF-8 (BOM or not), GBK
 * detected ({@link TextEncoding}) or the one the caller names.
 */
public final class CsvReader implements FeatureReader {
    private static final List<String> LON = List.of("lon", "lng", "long", "longitude", "x", "经度");
    private static final List<String> LAT = List.of("lat", "latitude", "y", "纬度");
    private static final List<String> WKT = List.of("wkt", "geometry", "geom", "the_geom");

    private final CsvRecords in;
    private final Charset charset;
    private final List<String> header;
    private final int lonCol;
    private final int latCol;
    private final int wktCol;
    private final int idCol;
    private final Set<String> ignored = new LinkedHashSet<>();
    private final GeometryFactory factory;
    private final int srid;

    /** @param encoding the file's encoding, or null to detect UTF-8 / GBK */
    public CsvReader(InputStream raw, FeatureSchema schema, Charset encoding, int srid) throws IOException {
        this.in = new CsvRecords(raw, encoding);
        this.charset = in.charset();
        this.srid = srid;
        this.factory = new GeometryFactory(new PrecisionModel(), srid);
        List<String> h = in.next();
        if (h == null) throw new ImportException("the CSV file is empty; its first line must name the columns");
        header = h.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        lonCol = find(LON);
        latCol = find(LAT);
        wktCol = find(WKT);
        idCol = header.indexOf("id");
        if (wktCol < 0 && (lonCol < 0 || latCol < 0)) {
            throw new ImportException("the CSV has no geometry columns: name them lon and lat (or 经度 and 纬度), or give a wkt column; its columns are "
                    + String.join(", ", header) + (charset.name().equals("UTF-8") ? "" : " (read as " + charset.name() + "; choose another with --encoding)"));
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (i != lonCol && i != latCol && i != wktCol && i != idCol && schema.field(name).isEmpty()
                    && !FeatureSchema.SERVER_SET.contains(name) && !name.isEmpty()) {
                ignored.add(name);
            }
        }
    }

    private int find(List<String> names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) return i;
        }
        return -1;
    }

    @Override
    public RawRow next() throws IOException {
        List<String> cells = in.next();
        if (cells == null) return null;
        long startLine = in.recordLine();
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
            if (i == lonCol || i == latCol || i == wktCol || i == idCol) continue;
            props.put(header.get(i), cells.get(i));
        }
        if (cells.size() > header.size()) {
            return new RawRow(startLine, null, props, null, "the row has " + cells.size() + " cells but the header names " + header.size()
                    + " columns (a comma inside a value needs \"quotes\")");
        }
        Object id = idCol >= 0 && idCol < cells.size() && !cells.get(idCol).isBlank() ? cells.get(idCol) : null;
        try {
            return new RawRow(startLine, id, props, geometry(cells), null);
        } catch (IllegalArgumentException e) {
            return new RawRow(startLine, id, props, null, e.getMessage());
        }
    }

    private Geometry geometry(List<String> cells) {
        if (wktCol >= 0) {
            String wkt = cell(cells, wktCol);
            if (wkt == null) throw new IllegalArgumentException(header.get(wktCol) + " is empty");
            int rowSrid = srid;
            if (wkt.regionMatches(true, 0, "SRID=", 0, 5) && wkt.indexOf(';') > 0) {
                rowSrid = Integer.parseInt(wkt.substring(5, wkt.indexOf(';')).trim());
                wkt = wkt.substring(wkt.indexOf(';') + 1);
            }
            try {
                Geometry g = new WKTReader(new GeometryFactory(new PrecisionModel(), rowSrid)).read(wkt);
                g.setSRID(rowSrid);
                return g;
            } catch (ParseException | NumberFormatException e) {
                throw new IllegalArgumentException(header.get(wktCol) + " is not WKT (" + e.getMessage() + ")");
            }
        }
        double x = number(cells, lonCol);
        double y = number(cells, latCol);
        return factory.createPoint(new Coordinate(x, y));
    }

    private double number(List<String> cells, int col) {
        String v = cell(cells, col);
        if (v == null) throw new IllegalArgumentException(header.get(col) + " is empty");
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(header.get(col) + " is not a number: '" + v + "'");
    }

    private static String cell(List<String> cells, int col) {
        if (col >= cells.size()) return null;
        String v = cells.get(col).strip();
        return v.isEmpty() ? null : v;
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String detail() {
        return charset.name() + ", EPSG:" + srid;
    }

    public Charset charset() {
        return charset;
    }

    @Override
    public Set<String> ignoredFields() {
        return ignored;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
