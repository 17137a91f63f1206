package riskmap.http.param;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;

/**
 * Typed, checked access to a request's query parameters. Every error names the parameter, the
 * value received and what is accepted, so the caller can fix the request from the message alone.
 */
public final class QueryParams {
    static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d{1,3})?");
    private final Context ctx;

    public QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    public String raw(String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiException.invalidParameter(name, "given " + values.size() + " times; give it once");
        }
        String v = values.isEmpty() ? null : values.get(0).trim();
        return v == null || v.isEmpty() ? null : v;
    }

    /** A required number within [min, max]; NaN and infinities are refused. */
    public double requiredDouble(String name, double min, double max, String unit) {
        String v = raw(name);
        if (v == null) throw ApiException.invalidParameter(name, "is required: give a number from " + fmt(min) + " to " + fmt(max) + unit);
        return parseDouble(name, v, min, max, unit);
    }

    /** A required number greater than 0 and at most {@code max}. */
    public double requiredPositive(String name, double max, String unit) {
        String v = raw(name);
        String accepted = "a number greater than 0 and at most " + fmt(max) + unit;
        if (v == null) throw ApiException.invalidParameter(name, "is required: give " + accepted);
        double d = DECIMAL.matcher(v).matches() ? finite(name, v) : Double.NaN;
        if (!(d > 0 && d <= max)) throw ApiException.invalidParameter(name, "must be " + accepted + ", got '" + v + "'");
        return d;
    }

    /** A whole number within [min, max], or {@code dflt} when absent. */
    public int intOr(String name, int dflt, int min, int max) {
        OptionalInt v = optionalInt(name, min, max);
        return v.isPresent() ? v.getAsInt() : dflt;
    }

    public OptionalInt optionalInt(String name, int min, int max) {
        String v = raw(name);
        if (v == null) return OptionalInt.empty();
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) return OptionalInt.of((int) n);
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidParameter(name, "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    /** A comma-separated list whose items must each be one of {@code allowed}; empty when absent. */
    public List<String> listOf(String name, List<String> allowed) {
        String v = raw(name);
        if (v == null) return List.of();
        List<String> items = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        for (String item : items) {
            if (!allowed.contains(item)) {
                throw ApiException.invalidParameter(name, "unknown value '" + item + "'; use one or more of " + String.join(", ", allowed) + ", separated by commas");
            }
        }
        return items;
    }

    /** A region code prefix of 2 to 12 digits (50 a province, 500101 a county), or null when absent. */
    public String codePrefix(String name) {
        String v = raw(name);
        if (v != null && !v.matches("[0-9]{2,12}")) {
            throw ApiException.invalidParameter(name, "must be 2 to 12 digits (a GB/T 2260 code or its prefix), got '" + v + "'");
        }
        return v;
    }

    /** {@code true} or {@code false}; false when absent. */
    public boolean flag(String name) {
        String v = raw(name);
        if (v == null || v.equals("false")) return false;
        if (v.equals("true")) return true;
        throw ApiException.invalidParameter(name, "must be true or false, got '" + v + "'");
    }

    /** One of {@code allowed}, required. */
    public String oneOf(String name, List<String> allowed) {
        String v = raw(name);
        if (v == null || !allowed.contains(v)) {
            throw ApiException.invalidParameter(name, (v == null ? "is required" : "unknown value '" + v + "'") + "; use one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static double parseDouble(String name, String v, double min, double max, String unit) {
        // Plain decimal notation only: Java would also take NaN, Infinity, hex floats and "1d".
        double d = DECIMAL.matcher(v).matches() ? finite(name, v) : Double.NaN;
        if (Double.isNaN(d) || d < min || d > max) {
            throw ApiException.invalidParameter(name, "must be a number from " + fmt(min) + " to " + fmt(max) + unit + ", got '" + v + "'");
        }
        return d;
    }

    /** A decimal such as 1e999 that no double holds (Java reads it as Infinity). */
    private static double finite(String name, String v) {
        double d = Double.parseDouble(v);
        if (Double.isInfinite(d)) {
            throw new ApiException(400, "invalid_number", name + ": '" + v + "' is too large for a double (at most about 1.8e308); send a finite number");
        }
        return d;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
