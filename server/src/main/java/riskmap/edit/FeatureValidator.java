package riskmap.edit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import riskmap.domain.ApiException;

/**
 * Checks a whole feature against its {@link FeatureSchema} — every field, the id and the geometry —
 * and either returns it ready to write or refuses it with every problem named.
 *
 * <p>Used by the editing API (strict: JSON types must match, unknown properties are refused) and by
 * imports (lenient: CSV cells are text, so {@code "3"} is a whole number and {@code 500101} may be
 * an admin code; unknown columns are skipped and reported once). Empty text counts as missing.
 * Coordinates are range-checked when the CRS is geographic (EPSG:4326, CGCS2000 EPSG:4490);
 * projected ones are checked after PostGIS has transformed them.
 */
public final class FeatureValidator {
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    static final Pattern ADMIN_CODE = Pattern.compile("[0-9]{6}([0-9]{3}([0-9]{3})?)?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]{1,18}(\\.0*)?");

    private final FeatureSchema schema;
    private final List<String> categories;
    private final boolean lenient;

    /**
     * @param categories the registered hazard categories
     * @param lenient    true for imports (text numbers, unknown properties skipped)
     */
    public FeatureValidator(FeatureSchema schema, List<String> categories, boolean lenient) {
        this.schema = schema;
        this.categories = categories;
        this.lenient = lenient;
    }

    /** A refused feature: every problem, {@code field: reason; field: reason}. */
    public static final class Invalid extends ApiException {
        public Invalid(String detail) {
            super(400, "invalid_feature", detail);
        }
    }

    /**
     * @param id         the id given (String, number or null)
     * @param properties property values: String, Number, Boolean, null, or a JsonNode for nested JSON
     * @param geometry   the geometry with its SRID, or null when missing
     * @param geometryProblem why the geometry could not be read, or null
     */
    public FeatureInput check(Object id, Map<String, Object> properties, Geometry geometry, String geometryProblem) {
        List<String> problems = new ArrayList<>();
        String idText = checkId(id, problems);
        if (!lenient) {
            for (String name : properties.keySet()) {
                if (schema.field(name).isEmpty() && !FeatureSchema.SERVER_SET.contains(name)) {
                    problems.add(name + ": unknown property; " + schema.id() + " have " + fieldNames());
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            try {
                values.put(f.name(), value(f, properties.get(f.name())));
            } catch (IllegalArgumentException e) {
                problems.add(f.name() + ": " + e.getMessage());
            }
        }
        if (geometryProblem != null) problems.add("geometry: " + geometryProblem);
        else checkGeometry(geometry, problems);
        if (!problems.isEmpty()) throw new Invalid(String.join("; ", problems));
        return new FeatureInput(idText, values, geometry);
    }

    /** Property values of a GeoJSON {@code properties} object as plain Java values. */
    public static Map<String, Object> fromJson(JsonNode properties) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (properties == null || !properties.isObject()) return out;
        properties.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    public static Object plain(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return v.longValue();
        if (v.isNumber()) return v.decimalValue();
        if (v.isBoolean()) return v.booleanValue();
        return v;
    }

    private String checkId(Object id, List<String> problems) {
        if (id == null) return null;
        String s = id instanceof Number n && lenient ? n.toString() : id instanceof String t ? t.trim() : null;
        if (s == null || !ID.matcher(s).matches()) {
            problems.add("id: must be 1 to 64 letters, digits or _ . : - (got " + describe(id) + ")");
            return null;
        }
        return s;
    }

    private Object value(Field f, Object raw) {
        Object v = raw instanceof String s && s.isBlank() ? null : raw;
        if (v == null) {
            if (f.dflt() != null) return f.dflt();
            if (f.required()) throw new IllegalArgumentException("is required" + expected(f));
            return null;
        }
        return switch (f.kind()) {
            case TEXT -> {
                String s = text(v, f);
                int chars = s.codePointCount(0, s.length());
                if (chars > f.max()) throw new IllegalArgumentException("has " + chars + " characters; at most " + f.max() + " are allowed");
                yield s;
            }
            case INTEGER -> {
                long n = whole(v, f);
                if (n < f.min() || n > f.max()) throw new IllegalArgumentException("must be" + expected(f) + ", got " + n);
                yield (int) n;
            }
            case ENUM -> {
                String s = text(v, f);
                if (!f.allowed().contains(s)) throw new IllegalArgumentException("unknown value '" + s + "'; use one of " + String.join(", ", f.allowed()));
                yield s;
            }
            case ADMIN_CODE -> {
                String s = text(v, f);
                if (!ADMIN_CODE.matcher(s).matches()) throw new IllegalArgumentException("must be" + expected(f) + ", got '" + s + "'");
                yield s;
            }
            case CATEGORY -> {
                String s = text(v, f);
                if (!categories.contains(s)) throw new IllegalArgumentException("unknown category '" + s + "'; use one of " + String.join(", ", categories));
                yield s;
            }
            case PERSON -> {
                String s = text(v, f);
                if (!ID.matcher(s).matches()) throw new IllegalArgumentException("must be" + expected(f) + ", got " + describe(s));
                yield s; // whether the person exists is the database's foreign key to check
            }
        };
    }

    private String text(Object v, Field f) {
        if (v instanceof String s) return s.strip();
        if (lenient && (v instanceof Long || v instanceof Integer)) return v.toString();
        throw new IllegalArgumentException("must be text" + expected(f) + ", got " + describe(v));
    }

    private long whole(Object v, Field f) {
        if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
        if (v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return d.longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return d.longValue();
        if (lenient && v instanceof String s && WHOLE.matcher(s.strip()).matches()) {
            String digits = s.strip();
            int dot = digits.indexOf('.'); // WHOLE allows only zeros after it; parseLong takes the sign
            return Long.parseLong(dot < 0 ? digits : digits.substring(0, dot));
        }
        throw new IllegalArgumentException("must be" + expected(f) + ", got " + describe(v));
    }

    private static String expected(Field f) {
        return switch (f.kind()) {
            case TEXT -> " (1 to " + f.max() + " characters)";
            case INTEGER -> f.max() >= Integer.MAX_VALUE ? " a whole number ≥ " + f.min() : " a whole number from " + f.min() + " to " + f.max();
            case ENUM -> " (one of " + String.join(", ", f.allowed()) + ")";
            case ADMIN_CODE -> " a GB/T 2260 code of 6 digits (or 9/12 for township/village)";
            case CATEGORY -> " (a registered category)";
            case PERSON -> " the id of a person in /api/people, e.g. PS000001 (null for none)";
        };
    }

    private void checkGeometry(Geometry g, List<String> problems) {
        if (g == null) {
            problems.add("geometry: is required; give " + schema.geometryDescription());
            return;
        }
        String type = g.getGeometryType();
        boolean typeOk = schema.areas() ? type.equals("Polygon") || type.equals("MultiPolygon") : type.equals("Point");
        if (!typeOk) {
            problems.add("geometry: is a " + type + "; " + schema.id() + " need " + schema.geometryDescription());
            return;
        }
        if (g.isEmpty()) {
            problems.add("geometry: is empty");
            return;
        }
        boolean geographic = g.getSRID() == 4326 || g.getSRID() == 4490;
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                problems.add("geometry: has a coordinate that is not a number");
                return;
            }
            if (geographic && (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90)) {
                problems.add("geometry: position [" + c.x + ", " + c.y + "] is outside lon -180…180 / lat -90…90; give longitude first, then latitude");
                return;
            }
        }
        if (schema.areas()) {
            TopologyValidationError err = new IsValidOp(g).getValidationError();
            if (err != null) {
                Coordinate at = err.getCoordinate();
                problems.add("geometry: is not a valid area: " + err.getMessage() + (at == null ? "" : " at or near [" + at.x + ", " + at.y + "]"));
            }
        }
    }

    private String fieldNames() {
        return String.join(", ", schema.fields().stream().map(Field::name).toList());
    }

    private static String describe(Object v) {
        if (v instanceof String s) return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        if (v instanceof JsonNode n) return n.isArray() ? "an array" : "an object";
        return String.valueOf(v);
    }
}
