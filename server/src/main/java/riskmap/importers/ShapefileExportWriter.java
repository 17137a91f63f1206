package riskmap.importers;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;

/**
 * An ESRI Shapefile in a zip: {@code .shp}, {@code .shx}, {@code .dbf}, {@code .prj} (WGS 84) and
 * a {@code .cpg} that says UTF-8, so QGIS, ArcGIS and GDAL read Chinese attributes right. No
 * library on Maven Central writes Shapefiles without GeoTools, so this follows the ESRI
 * specification (1998) and dBASE III directly.
 *
 * <p>Geometries go to temporary files as rows stream in; attribute values are kept in a third
 * temporary file because a dBASE field's width must be known before its first record, and the
 * width is the longest value's. Headers are patched with the file lengths and the extent at the
 * end. Field names are cut to dBASE's 10 characters and made unique (responsible_phone →
 * responsibl); times are written as RFC 3339 text.
 */
final class ShapefileExportWriter implements AutoCloseable {
    private static final int HEADER = 100;
    private static final int NULL_SHAPE = 0, POINT = 1, POLYGON = 5;
    /** dBASE's longest character field. */
    private static final int MAX_WIDTH = 254;
    static final String PRJ = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private final String name;
    private final List<Column> columns;
    private final int shapeType;
    private final Path dir;
    private final FileChannel shp, shx;
    private final DataOutputStream values;
    private final int[] widths;
    private final WKBReader wkb = new WKBReader();
    private final Envelope extent = new Envelope();
    private long shpBytes = HEADER;
    private int rows;

    ShapefileExportWriter(FeatureCollection c, List<Column> columns) throws IOException {
        this.name = c.id();
        this.columns = columns;
        this.shapeType = c.geometryType().equals("MultiPolygon") ? POLYGON : POINT;
        this.widths = new int[columns.size() + 1];
        java.util.Arrays.fill(widths, 1); // dBASE has no zero-width field, even when every value is empty
        dir = Files.createTempDirectory("riskmap-shp");
        shp = FileChannel.open(dir.resolve("shp"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        shx = FileChannel.open(dir.resolve("shx"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        shp.position(HEADER);
        shx.position(HEADER);
        values = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("values"))));
    }

    /** Writes one row: {@code id}, the columns and {@code _wkb} (the geometry in WGS 84). */
    void write(ResultSet rs) throws SQLException, IOException {
        byte[] geometry = rs.getBytes("_wkb");
        ByteBuffer content;
        try {
            Geometry g = geometry == null ? null : wkb.read(geometry);
            content = g == null || g.isEmpty() ? nullShape() : shape(g);
        } catch (ParseException e) {
            throw new IOException("PostGIS sent WKB that does not parse: " + e.getMessage(), e);
        }
        int words = content.limit() / 2;
        ByteBuffer shxRecord = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt((int) (shpBytes / 2)).putInt(words).flip();
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(rows + 1).putInt(words).flip();
        writeFully(shp, header);
        writeFully(shp, content);
        writeFully(shx, shxRecord);
        shpBytes += 8 + content.limit();
        value(0, rs.getString("id"));
        for (int i = 0; i < columns.size(); i++) value(i + 1, AttributeValues.text(rs, columns.get(i)));
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Patches the headers, writes the .dbf, and zips the five files to {@code out}. */
    void finish(OutputStream out) throws IOException {
        values.close();
        writeFully(shp, mainHeader(shpBytes), 0);
        writeFully(shx, mainHeader(HEADER + 8L * rows), 0);
        shp.close();
        shx.close();
        Path dbf = dir.resolve("dbf");
        writeDbf(dbf);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        entry(zip, "shp", Files.newInputStream(dir.resolve("shp")));
        entry(zip, "shx", Files.newInputStream(dir.resolve("shx")));
        entry(zip, "dbf", Files.newInputStream(dbf));
        entry(zip, "prj", new java.io.ByteArrayInputStream(PRJ.getBytes(StandardCharsets.US_ASCII)));
        entry(zip, "cpg", new java.io.ByteArrayInputStream("UTF-8".getBytes(StandardCharsets.US_ASCII)));
        zip.finish();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        values.close();
        shp.close();
        shx.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    private void entry(ZipOutputStream zip, String extension, InputStream in) throws IOException {
        try (in) {
            zip.putNextEntry(new ZipEntry(name + "." + extension));
            in.transferTo(zip);
            zip.closeEntry();
        }
    }

    private ByteBuffer nullShape() {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(NULL_SHAPE).flip();
    }

    private ByteBuffer shape(Geometry g) {
        extent.expandToInclude(g.getEnvelopeInternal());
        if (shapeType == POINT) {
            Coordinate p = g.getCoordinate();
            return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(POINT).putDouble(p.x).putDouble(p.y).flip();
        }
        // ESRI's rule is the reverse of RFC 7946's: outer rings clockwise, holes counter-clockwise
        List<Coordinate[]> rings = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            rings.add(oriented(p.getExteriorRing(), false));
            for (int h = 0; h < p.getNumInteriorRing(); h++) rings.add(oriented(p.getInteriorRingN(h), true));
        }
        int points = rings.stream().mapToInt(r -> r.length).sum();
        ByteBuffer b = ByteBuffer.allocate(44 + 4 * rings.size() + 16 * points).order(ByteOrder.LITTLE_ENDIAN);
        Envelope e = g.getEnvelopeInternal();
        b.putInt(POLYGON).putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
        b.putInt(rings.size()).putInt(points);
        int start = 0;
        for (Coordinate[] r : rings) {
            b.putInt(start);
            start += r.length;
        }
        for (Coordinate[] r : rings) {
            for (Coordinate c : r) b.putDouble(c.x).putDouble(c.y);
        }
        return b.flip();
    }

    private static Coordinate[] oriented(LineString ring, boolean counterClockwise) {
        Coordinate[] c = ring.getCoordinates();
        if (Orientation.isCCW(c) != counterClockwise) {
            c = c.clone();
            java.util.Collections.reverse(java.util.Arrays.asList(c));
        }
        return c;
    }

    private ByteBuffer mainHeader(long fileBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.order(ByteOrder.BIG_ENDIAN).putInt(9994).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt((int) (fileBytes / 2));
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(shapeType);
        Envelope e = extent.isNull() ? new Envelope(0, 0, 0, 0) : extent;
        b.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
        return b.putDouble(0).putDouble(0).putDouble(0).putDouble(0).flip();
    }

    /** Keeps a value for the .dbf, cut to 254 bytes at a character boundary. */
    private void value(int field, String v) throws IOException {
        if (v == null) {
            values.writeShort(-1);
            return;
        }
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, MAX_WIDTH);
        while (n < bytes.length && (bytes[n] & 0xC0) == 0x80) n--; // never split a character
        values.writeShort(n);
        values.write(bytes, 0, n);
        widths[field] = Math.max(widths[field], n);
    }

    private void writeDbf(Path file) throws IOException {
        int fields = columns.size() + 1;
        // numbers as wide as their longest value too: GDAL reads N fields up to 9 digits as Integer, wider ones as Integer64 or Real
        int[] w = widths;
        int recordLength = 1;
        for (int x : w) recordLength += x;
        int headerLength = 32 + 32 * fields + 1;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("values"))))) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            h.put((byte) 3).put((byte) (today.getYear() - 1900)).put((byte) today.getMonthValue()).put((byte) today.getDayOfMonth());
            h.putInt(rows).putShort((short) headerLength).putShort((short) recordLength);
            out.write(h.array());
            Set<String> used = new HashSet<>();
            for (int i = 0; i < fields; i++) {
                ByteBuffer f = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
                f.put(fieldName(i == 0 ? "id" : columns.get(i - 1).name(), used).getBytes(StandardCharsets.US_ASCII));
                f.position(11);
                boolean number = i > 0 && columns.get(i - 1).type() == Column.Type.INTEGER;
                f.put((byte) (number ? 'N' : 'C')).putInt(0).put((byte) w[i]).put((byte) 0);
                out.write(f.array());
            }
            out.write(0x0D);
            byte[] record = new byte[recordLength];
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(record, (byte) ' ');
                int at = 1;
                for (int i = 0; i < fields; i++) {
                    int n = in.readShort();
                    boolean number = i > 0 && columns.get(i - 1).type() == Column.Type.INTEGER;
                    if (n > 0) {
                        // numbers are right-aligned, text left-aligned, both padded with spaces
                        in.readFully(record, number ? at + w[i] - n : at, n);
                    }
                    at += w[i];
                }
                out.write(record);
            }
            out.write(0x1A);
        }
    }

    /** A dBASE field name: at most 10 ASCII characters, unique in the file (name, nam_1, …). */
    static String fieldName(String column, Set<String> used) {
        String base = column.length() > 10 ? column.substring(0, 10) : column;
        String candidate = base;
        for (int i = 1; !used.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            String suffix = "_" + i;
            candidate = base.substring(0, Math.min(base.length(), 10 - suffix.length())) + suffix;
        }
        return candidate;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) position += ch.write(b, position);
    }
}
