package riskmap.importers;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;

/**
 * FlatGeobuf (flatgeobuf.org), written as the rows arrive: the magic bytes, a header (the
 * collection's geometry type, EPSG:4326, columns {@code id} and the attributes), then one
 * size-prefixed Feature flatbuffer per row.
 *
 * <p>There is no spatial index: the packed Hilbert R-tree sits before the first feature and needs
 * all of them sorted, which streaming rules out. The header's feature count is therefore 0, which
 * the specification defines as "unknown"; readers count by reading, and GDAL's {@code ogrinfo}
 * reports the real number. Properties are (uint16 column index, value) pairs, little-endian:
 * whole numbers as Int (the tables hold smallint and integer), times as DateTime (ISO 8601 text),
 * text as a uint32 byte length and UTF-8; a NULL is an absent pair.
 */
final class FlatGeobufExportWriter implements RowWriter {
    private final OutputStream out;
    private final List<Column> columns;
    private final byte geometryType;
    private final WKBReader wkb = new WKBReader();
    private final FlatBufferBuilder builder = new FlatBufferBuilder(4096);
    /** One feature's properties, reused from row to row. */
    private final ByteArrayOutputStream properties = new ByteArrayOutputStream();
    private long rows;

    FlatGeobufExportWriter(OutputStream raw, FeatureCollection c, List<Column> columns) throws IOException {
        this.out = new BufferedOutputStream(raw, 1 << 16);
        this.columns = columns;
        this.geometryType = (byte) (c.geometryType().equals("MultiPolygon") ? GeometryType.MultiPolygon : GeometryType.Point);
        HeaderMeta header = new HeaderMeta();
        header.name = c.id();
        header.geometryType = geometryType;
        header.srid = 4326;
        header.indexNodeSize = 0; // no index (the schema's default, 16, would promise one)
        header.columns = new ArrayList<>();
        header.columns.add(column("id", ColumnType.String, false));
        for (Column col : columns) {
            header.columns.add(column(col.name(), switch (col.type()) {
                case INTEGER -> ColumnType.Int;
                case TIMESTAMP -> ColumnType.DateTime;
                case STRING -> ColumnType.String;
            }, true));
        }
        out.write(Constants.MAGIC_BYTES);
        HeaderMeta.write(header, out, builder);
        builder.clear();
    }

    private static ColumnMeta column(String name, int type, boolean nullable) {
        ColumnMeta m = new ColumnMeta();
        m.name = name;
        m.type = (byte) type;
        m.nullable = nullable;
        m.width = m.precision = m.scale = -1; // the schema's "unknown"; ColumnMeta would write 0
        return m;
    }

    /** Writes one row: {@code id}, the columns and {@code _wkb} (the geometry in WGS 84). */
    @Override
    public void write(ResultSet rs) throws SQLException, IOException {
        properties.reset();
        text(0, rs.getString("id"));
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.type() == Column.Type.INTEGER) {
                Long n = AttributeValues.integer(rs, c);
                if (n != null) {
                    index(i + 1);
                    int32(Math.toIntExact(n));
                }
            } else {
                text(i + 1, AttributeValues.text(rs, c));
            }
        }
        byte[] geometry = rs.getBytes("_wkb");
        int geometryOffset;
        try {
            geometryOffset = geometry == null ? 0 : GeometryConversions.serialize(builder, wkb.read(geometry), geometryType);
        } catch (ParseException e) {
            throw new IOException("PostGIS sent WKB that does not parse: " + e.getMessage(), e);
        }
        int propertiesOffset = Feature.createPropertiesVector(builder, properties.toByteArray());
        builder.finishSizePrefixed(Feature.createFeature(builder, geometryOffset, propertiesOffset, 0));
        ByteBuffer b = builder.dataBuffer();
        out.write(b.array(), b.position(), b.remaining());
        builder.clear();
        rows++;
    }

    private void text(int column, String value) {
        if (value == null) return;
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        index(column);
        int32(utf8.length);
        properties.writeBytes(utf8);
    }

    private void index(int column) {
        properties.write(column);
        properties.write(column >>> 8);
    }

    private void int32(int v) {
        for (int shift = 0; shift < 32; shift += 8) properties.write(v >>> shift);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public long rows() {
        return rows;
    }
}
