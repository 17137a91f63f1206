package riskmap.importers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import riskmap.edit.FeatureSchema;
import riskmap.edit.FeatureValidator;
import riskmap.edit.GeoJsonGeometry;

/**
 * Reads a GeoJSON FeatureCollection with Jackson's streaming parser: only the current feature is a
 * tree in memory, so a file of any size streams through.
 *
 * <p>A legacy {@code "crs"} member (GeoJSON 2008, e.g. {@code urn:ogc:def:crs:EPSG::4490}) placed
 * before {@code "features"} sets the coordinates' CRS; otherwise the caller's default applies
 * (WGS84 unless told). Other top-level members are skipped. A broken JSON document ends the
 * import with an error naming the line and column.
 */
public final class GeoJsonReader implements FeatureReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonParser parser;
    private final FeatureSchema schema;
    private final Set<String> ignored = new LinkedHashSet<>();
    private int srid;
    private long row;
    private boolean inFeatures;
    private boolean done;

    public GeoJsonReader(InputStream in, FeatureSchema schema, int defaultSrid) throws IOException {
        this.parser = new JsonFactory(MAPPER).createParser(in);
        this.schema = schema;
        this.srid = defaultSrid;
    }

    @Override
    public RawRow next() throws IOException {
        try {
            if (done) return null;
            if (!inFeatures && !seekFeatures()) {
                done = true;
                return null;
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                done = true;
                return null;
            }
            row++;
            JsonNode f = parser.readValueAsTree();
            return toRow(f);
        } catch (JsonParseException e) {
            throw new ImportException("the GeoJSON is broken at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    /** Moves to the start of the features array, reading "type" and "crs" on the way. */
    private boolean seekFeatures() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) throw new ImportException("the GeoJSON must be a FeatureCollection object");
        boolean sawType = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "type" -> {
                    if (!"FeatureCollection".equals(parser.getValueAsString())) {
                        throw new ImportException("the GeoJSON is a " + parser.getValueAsString() + "; import needs a FeatureCollection");
                    }
                    sawType = true;
                }
                case "crs" -> {
                    JsonNode crs = parser.readValueAsTree();
                    String n = crs.path("properties").path("name").asText("");
                    if (!n.isEmpty()) {
                        try {
                            srid = Crs.srid(n);
                        } catch (IllegalArgumentException e) {
                            throw new ImportException(e.getMessage());
                        }
                    }
                }
                case "features" -> {
                    if (parser.currentToken() != JsonToken.START_ARRAY) throw new ImportException("\"features\" must be an array");
                    inFeatures = true;
                    return true;
                }
                default -> parser.skipChildren();
            }
        }
        if (!sawType) throw new ImportException("the JSON has no \"type\": \"FeatureCollection\"");
        return false;
    }

    private RawRow toRow(JsonNode f) {
        if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
            return new RawRow(row, null, Map.of(), null, "feature " + row + " is not a GeoJSON Feature");
        }
        Map<String, Object> props = FeatureValidator.fromJson(f.get("properties"));
        for (String k : props.keySet()) {
            if (schema.field(k).isEmpty() && !FeatureSchema.SERVER_SET.contains(k) && ignored.size() < 100) ignored.add(k);
        }
        Object id = FeatureValidator.plain(f.get("id"));
        if (id == null && props.get("id") != null) id = props.get("id");
        Geometry g = null;
        String problem = null;
        try {
            g = GeoJsonGeometry.read(f.get("geometry"), srid);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return new RawRow(row, id, props, g, problem);
    }

    @Override
    public String format() {
        return "geojson";
    }

    @Override
    public String detail() {
        return "EPSG:" + srid;
    }

    @Override
    public Set<String> ignoredFields() {
        ignored.remove("id");
        return ignored;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
