package riskmap.evacuation.household;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;

/**
 * Checks a whole household and either returns it ready to write or refuses it with every problem
 * named ({@code 400 invalid_household}), for the API and the CSV import alike. The location is
 * {@code lon}/{@code lat} or a GeoJSON Point {@code geometry}. Lenient mode (CSV) reads numbers
 * written as text and leaves unknown columns to the reader.
 */
public final class HouseholdValidator {
    private static final Pattern ADMIN_CODE = Pattern.compile("[0-9]{6}([0-9]{3}([0-9]{3})?)?");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ()]{3,40}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,，、;；|\\s]+");
    static final List<String> FIELDS = List.of("head_name", "members", "vulnerable", "vulnerable_note", "phone", "address", "admin_code",
            "lon", "lat", "geometry", "hazard_ids");
    static final String NEEDS_LOCATION = "a household needs a location: lon and lat, or a GeoJSON Point geometry";

    private final boolean lenient;

    public HouseholdValidator(boolean lenient) {
        this.lenient = lenient;
    }

    /** A refused household: every problem, {@code field: reason; field: reason}. */
    public static final class Invalid extends ApiException {
        public Invalid(String detail) {
            super(400, "invalid_household", detail);
        }
    }

    public HouseholdInput check(Map<String, Object> props) {
        List<String> problems = new ArrayList<>();
        if (!lenient) {
            for (String key : props.keySet()) {
                if (!FIELDS.contains(key) && !key.equals("id")) problems.add(key + ": unknown property; a household has " + String.join(", ", FIELDS));
            }
        }
        String headName = text(props, "head_name", 100, true, problems);
        Integer members = count(props, "members", 1, problems);
        Integer vulnerable = props.get("vulnerable") == null || "".equals(props.get("vulnerable")) ? Integer.valueOf(0) : count(props, "vulnerable", 0, problems);
        if (members != null && vulnerable != null && vulnerable > members) {
            problems.add("vulnerable: " + vulnerable + " is more than the household's " + members + " members");
        }
        String note = text(props, "vulnerable_note", 500, false, problems);
        String phone = text(props, "phone", 40, false, problems);
        if (phone != null && !PHONE.matcher(phone).matches()) problems.add("phone: '" + phone + "' is not a phone number; give digits such as 13800001111 or 023-58001234");
        String address = text(props, "address", 300, false, problems);
        String adminCode = text(props, "admin_code", 12, false, problems);
        if (adminCode == null || !ADMIN_CODE.matcher(adminCode).matches()) {
            problems.add("admin_code: must be a GB/T 2260 code of 6, 9 or 12 digits (the household's village), got " + (adminCode == null ? "nothing" : "'" + adminCode + "'"));
        }
        double[] at = location(props, problems);
        List<String> hazardIds = hazardIds(props.get("hazard_ids"), problems);
        if (!problems.isEmpty()) throw new Invalid(String.join("; ", problems));
        return new HouseholdInput(adminCode, headName, members, vulnerable, note, phone, address, at[0], at[1], hazardIds);
    }

    private double[] location(Map<String, Object> props, List<String> problems) {
        Double lon = number(props.get("lon"));
        Double lat = number(props.get("lat"));
        if (props.get("geometry") instanceof JsonNode g && g.path("type").asText().equals("Point") && g.path("coordinates").size() == 2) {
            lon = g.get("coordinates").get(0).isNumber() ? g.get("coordinates").get(0).doubleValue() : null;
            lat = g.get("coordinates").get(1).isNumber() ? g.get("coordinates").get(1).doubleValue() : null;
        }
        if (lon == null || lat == null) {
            problems.add("lon/lat: " + NEEDS_LOCATION);
            return new double[] {0, 0};
        }
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) problems.add("lon/lat: (" + lon + ", " + lat + ") is not a WGS 84 position; lon lies in [-180, 180], lat in [-90, 90]");
        return new double[] {lon, lat};
    }

    private Integer count(Map<String, Object> props, String field, int min, List<String> problems) {
        Double d = number(props.get(field));
        if (d == null || d != Math.rint(d) || d < min || d > 10_000) {
            Object v = props.get(field);
            problems.add(field + ": must be a whole number of people, at least " + min + ", got " + (v == null ? "nothing" : "'" + v + "'"));
            return null;
        }
        return d.intValue();
    }

    private Double number(Object v) {
        if (v instanceof Long l) return l.doubleValue();
        if (v instanceof BigDecimal b) return b.doubleValue();
        if (v instanceof Number n) return n.doubleValue();
        if (lenient && v instanceof String s && !s.isBlank()) {
            try {
                return Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private String text(Map<String, Object> props, String field, int maxChars, boolean required, List<String> problems) {
        Object v = props.get(field);
        String s = v instanceof String t ? t.strip() : lenient && v instanceof Number n ? n.toString() : null;
        if (v != null && s == null) {
            problems.add(field + ": must be text of at most " + maxChars + " characters");
            return null;
        }
        if (s == null || s.isEmpty()) {
            if (required) problems.add(field + ": is required (1 to " + maxChars + " characters)");
            return null;
        }
        if (s.codePointCount(0, s.length()) > maxChars) problems.add(field + ": has more than " + maxChars + " characters");
        return s;
    }

    private static List<String> hazardIds(Object v, List<String> problems) {
        Set<String> ids = new LinkedHashSet<>();
        if (v instanceof String s) {
            for (String part : LIST_SEPARATOR.split(s.strip())) if (!part.isEmpty()) ids.add(part);
        } else if (v instanceof JsonNode n && n.isArray()) {
            n.forEach(item -> ids.add(item.asText()));
        } else if (v != null) {
            problems.add("hazard_ids: must be a list of hazard point ids such as [\"HP500101001\"]");
        }
        return List.copyOf(ids);
    }
}
