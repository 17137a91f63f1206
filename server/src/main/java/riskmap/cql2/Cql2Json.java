package riskmap.cql2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CQL2 JSON ({@code filter-lang=cql2-json}) read into the same {@link Expr} tree as the text form,
 * so both languages share one whitelist, one type check and one SQL translation.
 *
 * <pre>
 * expr    = {"op": "and"|"or", "args": [expr, …]} | {"op": "not", "args": [expr]}
 *         | {"op": "="|"&lt;&gt;"|"&lt;"|"&lt;="|"&gt;"|"&gt;=", "args": [value, value]}
 *         | {"op": "like", "args": [value, "pattern"]} | {"op": "between", "args": [value, low, high]}
 *         | {"op": "in", "args": [value, [value, …]]} | {"op": "isNull", "args": [value]}
 *         | {"op": "s_intersects"|…, "args": [value, value]} | true | false
 * value   = {"property": name} | "text" | number | true | false | {"timestamp": "…"} | {"date": "…"}
 *         | {"bbox": [n, n, n, n]} | {"casei": value} | a GeoJSON geometry object
 * </pre>
 */
public final class Cql2Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Map<String, String> WKT = Map.of("Point", "POINT", "LineString", "LINESTRING", "Polygon", "POLYGON",
            "MultiPoint", "MULTIPOINT", "MultiLineString", "MULTILINESTRING", "MultiPolygon", "MULTIPOLYGON");

    private int depth;

    private Cql2Json() {
    }

    /** Parses a whole CQL2 JSON filter; throws {@link Cql2Exception} naming the first problem. */
    public static Expr parse(String json) {
        if (json == null || json.isBlank()) throw new Cql2Exception("the filter is empty");
        if (json.length() > Cql2Parser.MAX_LENGTH) throw new Cql2Exception("the filter is longer than " + Cql2Parser.MAX_LENGTH + " characters");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Cql2Exception("not JSON: " + e.getOriginalMessage());
        }
        return new Cql2Json().expr(root);
    }

    private Expr expr(JsonNode n) {
        if (++depth > Cql2Parser.MAX_DEPTH) throw new Cql2Exception("the filter nests deeper than " + Cql2Parser.MAX_DEPTH + " levels");
        try {
            if (n.isBoolean()) return new Expr.Literal(n.booleanValue());
            String op = n.path("op").asText("");
            JsonNode args = n.get("args");
            if (!n.isObject() || op.isEmpty() || args == null || !args.isArray()) {
                throw new Cql2Exception("expected an expression {\"op\": …, \"args\": […]}, found " + brief(n));
            }
            String lower = op.toLowerCase(Locale.ROOT);
            if (COMPARISONS.contains(op)) return new Expr.Comparison(value(arg(args, 0, 2, op)), op, value(args.get(1)));
            if (Cql2Parser.SPATIAL_FUNCTIONS.contains(op.toUpperCase(Locale.ROOT))) {
                return new Expr.Spatial(op.toUpperCase(Locale.ROOT), value(arg(args, 0, 2, op)), value(args.get(1)));
            }
            return switch (lower) {
                case "and", "or" -> {
                    if (args.size() < 2) throw new Cql2Exception("\"" + op + "\" takes at least two arguments");
                    List<Expr> terms = new ArrayList<>();
                    args.forEach(a -> terms.add(expr(a)));
                    yield lower.equals("and") ? new Expr.And(terms) : new Expr.Or(terms);
                }
                case "not" -> new Expr.Not(expr(arg(args, 0, 1, op)));
                case "like" -> like(value(arg(args, 0, 2, op)), value(args.get(1)));
                case "between" -> new Expr.Between(value(arg(args, 0, 3, op)), value(args.get(1)), value(args.get(2)), false);
                case "in" -> {
                    JsonNode list = arg(args, 1, 2, op);
                    if (!list.isArray() || list.isEmpty()) throw new Cql2Exception("the second argument of \"in\" must be a non-empty array of values");
                    List<Operand> values = new ArrayList<>();
                    list.forEach(v -> values.add(value(v)));
                    yield new Expr.In(value(args.get(0)), values, false);
                }
                case "isnull" -> new Expr.IsNull(value(arg(args, 0, 1, op)), false);
                default -> throw new Cql2Exception("unknown operator \"" + op + "\"; this server knows and, or, not, =, <>, <, <=, >, >=, like, between, in, isNull and "
                        + String.join(", ", Cql2Parser.SPATIAL_FUNCTIONS.stream().sorted().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
            };
        } finally {
            depth--;
        }
    }

    private static Expr like(Operand value, Operand pattern) {
        if (pattern instanceof Operand.CaseInsensitive ci && ci.value() instanceof Operand.Text t) {
            return new Expr.Like(value instanceof Operand.CaseInsensitive ? value : new Operand.CaseInsensitive(value), t, false);
        }
        if (!(pattern instanceof Operand.Text t)) throw new Cql2Exception("the pattern of \"like\" must be a text such as \"%滑坡%\"");
        return new Expr.Like(value, t, false);
    }

    /** The argument at {@code index}, after checking the operator got exactly {@code count}. */
    private static JsonNode arg(JsonNode args, int index, int count, String op) {
        if (args.size() != count) throw new Cql2Exception("\"" + op + "\" takes " + count + " argument" + (count == 1 ? "" : "s") + ", got " + args.size());
        return args.get(index);
    }

    private Operand value(JsonNode n) {
        if (n.isTextual()) return new Operand.Text(n.textValue());
        if (n.isNumber()) return new Operand.Number(n.decimalValue());
        if (n.isBoolean()) return new Operand.Bool(n.booleanValue());
        if (n.isObject()) {
            if (n.has("property")) return new Operand.Property(n.path("property").asText());
            if (n.has("timestamp")) return new Operand.Timestamp(Cql2Parser.instant(n.path("timestamp").asText()));
            if (n.has("date")) return new Operand.Date(Cql2Parser.date(n.path("date").asText()));
            if (n.has("casei")) return new Operand.CaseInsensitive(value(n.get("casei")));
            if (n.has("bbox")) return bbox(n.get("bbox"));
            if (n.path("op").asText("").equalsIgnoreCase("casei")) return new Operand.CaseInsensitive(value(arg(n.path("args"), 0, 1, "casei")));
            String wkt = WKT.get(n.path("type").asText(""));
            if (wkt != null && n.has("coordinates")) {
                String body = coordinates(n.get("coordinates"));
                return new Operand.Geometry(Cql2Parser.geometry(wkt + (wkt.equals("POINT") ? "(" + body + ")" : body)));
            }
        }
        throw new Cql2Exception("expected a value ({\"property\": name}, text, number, boolean, {\"timestamp\"}, {\"date\"}, {\"bbox\"}, {\"casei\"} "
                + "or a GeoJSON geometry), found " + brief(n));
    }

    private static Operand.Bbox bbox(JsonNode n) {
        List<Double> numbers = new ArrayList<>();
        if (n.isArray()) n.forEach(v -> numbers.add(v.isNumber() ? v.doubleValue() : Double.NaN));
        if (numbers.contains(Double.NaN) || numbers.isEmpty()) throw new Cql2Exception("\"bbox\" takes an array of 4 (or 6) numbers: [minx, miny, maxx, maxy]");
        return Cql2Parser.bbox(numbers);
    }

    /** GeoJSON coordinates as the parenthesised WKT body: a position is "x y", a list of anything is "(a, b, …)". */
    private static String coordinates(JsonNode c) {
        if (!c.isArray() || c.isEmpty()) throw new Cql2Exception("GeoJSON coordinates must be non-empty arrays");
        if (c.get(0).isNumber()) {
            if (c.size() < 2 || !c.get(1).isNumber()) throw new Cql2Exception("a GeoJSON position is [x, y]");
            return c.get(0).asText() + " " + c.get(1).asText();
        }
        List<String> parts = new ArrayList<>();
        c.forEach(p -> parts.add(coordinates(p)));
        return "(" + String.join(", ", parts) + ")";
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
