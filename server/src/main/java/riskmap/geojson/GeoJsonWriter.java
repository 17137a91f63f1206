package riskmap.geojson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a GeoJSON FeatureCollection straight to an output stream as database rows arrive, so a
 * response never holds more than one feature in memory.
 *
 * <p>Rows follow one layout: column 1 is the feature id, column 2 the geometry as GeoJSON text
 * (from {@code ST_AsGeoJSON}, copied through as a raw value), every further column a property
 * named by its label — except columns whose label starts with {@code _}, which carry values for
 * the caller (such as a window count) and are not written. Numbers stay numbers, timestamps
 * become RFC 3339 in UTC, text is UTF-8.
 *
 * <p>Call order: {@link #startCollection()}, any top-level members through {@link #json()},
 * {@link #startFeatures()}, {@link #writeFeature} per row, {@link #endFeatures()}, more members,
 * {@link #endCollection()}.
 */
public final class GeoJsonWriter implements AutoCloseable {
    /** Characters beyond the BMP (𠀀 in a name) as UTF-8, as PostgreSQL and {@link #writeFeatureText} write them, not as an escaped surrogate pair. */
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /**
     * {@link #nameBytes} per column label, made once: labels are the whitelisted columns' names, and
     * making them anew (in buffers of their own) cost a small page 3% of its JVM time.
     */
    private static final Map<String, byte[]> NAMES = new ConcurrentHashMap<>();

    private final JsonGenerator json;
    private final OutputStream out;
    private int[] sqlTypes;
    private String[] labels;
    /** Per column, its property's name as JSON and a colon; null for the id, the geometry and {@code _} columns. */
    private byte[][] names;
    /** The Feature {@link #writeFeatureText} is writing. */
    private final JsonBytes feature = new JsonBytes();
    private long featuresWritten;
    /** Set once the document is whole; a writer closed before that (a failure midway) sends nothing more. */
    private boolean complete;

    public GeoJsonWriter(OutputStream out) throws IOException {
        // a response stream's every write passes several wrappers and a lock: features go out in 64 KB writes.
        // flush() hands the generator's buffer on but does not flush the stream, so writeFeatureText costs no write of its own
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.json = FACTORY.createGenerator(this.out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    /** The generator, for top-level members such as {@code numberMatched} or {@code links}. */
    public JsonGenerator json() {
        return json;
    }

    public void startCollection() throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "FeatureCollection");
    }

    public void startFeatures() throws IOException {
        json.writeArrayFieldStart("features");
    }

    public void endFeatures() throws IOException {
        json.writeEndArray();
    }

    public void endCollection() throws IOException {
        json.writeEndObject();
        json.flush();
        out.flush();
        complete = true;
    }

    public long featuresWritten() {
        return featuresWritten;
    }

    /** Writes the current row of {@code rs} as one Feature. */
    public void writeFeature(ResultSet rs) throws SQLException, IOException {
        beginFeature(rs);
        endFeature();
    }

    /** What a property's text from the database is in JSON, for {@link #writeFeatureText}. */
    public enum Text {
        STRING,
        /** an integer's or number's text */
        NUMBER,
        /** a {@code timestamp} in UTC (a {@code timestamptz AT TIME ZONE 'UTC'}), written as ISO_INSTANT does */
        UTC_TIMESTAMP
    }

    private static final byte[] FEATURE_ID = ascii("{\"type\":\"Feature\",\"id\":"), GEOMETRY = ascii(",\"geometry\":"),
            PROPERTIES = ascii(",\"properties\":{"), NULL = ascii("null");

    /**
     * Writes the current row as one Feature, the same document as {@link #writeFeature}, from the
     * bytes of its columns as the database sent them: every column is text (numbers and instants
     * cast in SQL, so pgjdbc's binary transfer never applies), {@code texts} saying per property
     * what its text is in JSON. Only a JSON string's escapes are added, in a buffer of the
     * writer's own, and each Feature is handed on in one write: pgjdbc decodes no column into a
     * String and Jackson encodes none again (building the Feature in SQL instead cost PostgreSQL
     * about 3.6 µs a row). A collection's features are written either all this way or all by
     * {@link #writeFeature}.
     */
    public void writeFeatureText(ResultSet rs, List<Text> texts) throws SQLException, IOException {
        if (sqlTypes == null) readLayout(rs.getMetaData());
        json.flush();
        if (featuresWritten > 0) feature.write(',');
        feature.write(FEATURE_ID);
        feature.string(rs.getBytes(1));
        feature.write(GEOMETRY);
        byte[] geometry = rs.getBytes(2);
        feature.write(geometry == null ? NULL : geometry);
        feature.write(PROPERTIES);
        int p = 0;
        for (int i = 3; i < sqlTypes.length; i++) {
            if (names[i] == null) continue;
            if (p > 0) feature.write(',');
            feature.write(names[i]);
            byte[] v = rs.getBytes(i);
            if (v == null) feature.write(NULL);
            else switch (texts.get(p)) {
                case STRING -> feature.string(v);
                case NUMBER -> feature.number(v);
                case UTC_TIMESTAMP -> feature.utcInstant(v);
            }
            p++;
        }
        feature.write('}');
        feature.write('}');
        feature.drainTo(out);
        featuresWritten++;
    }

    /**
     * Writes the current row as a Feature but leaves the object open, so the caller can add
     * members (e.g. {@code links}) through {@link #json()} before {@link #endFeature()}.
     */
    public void beginFeature(ResultSet rs) throws SQLException, IOException {
        if (sqlTypes == null) readLayout(rs.getMetaData());
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeStringField("id", rs.getString(1));
        String geometry = rs.getString(2);
        json.writeFieldName("geometry");
        if (geometry == null) json.writeNull();
        else json.writeRawValue(geometry);
        json.writeObjectFieldStart("properties");
        for (int i = 3; i < sqlTypes.length; i++) {
            if (labels[i].startsWith("_")) continue;
            json.writeFieldName(labels[i]);
            writeValue(rs, i);
        }
        json.writeEndObject();
    }

    /** Closes the Feature opened by {@link #beginFeature}. */
    public void endFeature() throws IOException {
        json.writeEndObject();
        featuresWritten++;
        if (json.getOutputContext().inRoot()) complete = true; // a single Feature is the whole document
    }

    private void writeValue(ResultSet rs, int i) throws SQLException, IOException {
        switch (sqlTypes[i]) {
            case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) json.writeNull();
                else json.writeNumber(v);
            }
            case Types.DOUBLE, Types.REAL, Types.FLOAT, Types.NUMERIC, Types.DECIMAL -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) json.writeNull();
                else json.writeNumber(v);
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp t = rs.getTimestamp(i);
                if (t == null) json.writeNull();
                else json.writeString(DateTimeFormatter.ISO_INSTANT.format(t.toInstant()));
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) json.writeNull();
                else json.writeBoolean(v);
            }
            default -> {
                String v = rs.getString(i);
                if (v == null) json.writeNull();
                else json.writeString(v);
            }
        }
    }

    private void readLayout(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        sqlTypes = new int[n + 1];
        labels = new String[n + 1];
        names = new byte[n + 1][];
        for (int i = 1; i <= n; i++) {
            sqlTypes[i] = md.getColumnType(i);
            labels[i] = md.getColumnLabel(i);
            if (i < 3 || labels[i].startsWith("_")) continue;
            names[i] = NAMES.computeIfAbsent(labels[i], GeoJsonWriter::nameBytes);
        }
    }

    /** A property's name as JSON and a colon. */
    private static byte[] nameBytes(String label) {
        JsonBytes name = new JsonBytes();
        name.string(label.getBytes(StandardCharsets.UTF_8));
        name.write(':');
        return name.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Closes a whole document (flushing it). After a failure midway it writes nothing: neither the
     * buffered features nor closing brackets, so a cut stays a cut — no client mistakes it for a
     * complete answer — and a failure before anything was sent can still be answered as an error.
     */
    @Override
    public void close() throws IOException {
        if (complete) json.close();
    }
}
