package riskmap.warning;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import riskmap.domain.ApiException;
import riskmap.geo.AreaReader;

/**
 * Checks a warning's JSON fields and turns them into a {@link WarningInput}; every problem is
 * listed in one 400 {@code invalid_warning}, so a client fixes them all at once.
 *
 * <p>Fields: {@code level} (1–4 or blue/yellow/orange/red or 蓝/黄/橙/红), {@code category} (a
 * registered hazard category), {@code headline}, {@code description} (required),
 * {@code instruction}, {@code event} (default e.g. 滑坡橙色预警), {@code status}
 * (Actual, Exercise, Test; default Actual), {@code urgency} (default Expected), {@code certainty}
 * (default Likely), {@code effective} (RFC 3339, default now), {@code expires} (required, after
 * effective), {@code sender_code} (14 digits, default from the account), {@code sender_name}
 * (default the account's name) and {@code area}: {@code {"description":…, "polygons":[GeoJSON
 * Polygon or MultiPolygon, …], "circles":[{"center":[lon,lat],"radius_m":r}, …],
 * "region_codes":["500101", …]}}.
 */
public final class WarningValidator {
    public static final List<String> FIELDS = List.of("msg_type", "status", "level", "category", "event", "urgency", "certainty", "headline",
            "description", "instruction", "effective", "expires", "area", "sender_code", "sender_name");
    static final List<String> STATUSES = List.of("Actual", "Exercise", "Test");
    static final List<String> URGENCIES = List.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final List<String> CERTAINTIES = List.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
    private static final Set<String> AREA_FIELDS = Set.of("description", "polygons", "circles", "region_codes");

    private final Instant now;
    private final Map<String, String> categoryNames;
    private final String defaultSenderCode;
    private final String defaultSenderName;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param categoryNames registered category ids and their Chinese names (for the default event)
     * @param defaultSenderCode the account's sender code, null when it must be given
     * @param now the application's clock's now: the effective time of a warning that names none
     */
    public WarningValidator(Map<String, String> categoryNames, String defaultSenderCode, String defaultSenderName, Instant now) {
        this.now = now;
        this.categoryNames = categoryNames;
        this.defaultSenderCode = defaultSenderCode;
        this.defaultSenderName = defaultSenderName;
    }

    /** The warning described by {@code body}, a JSON object; {@code msgType} is what the endpoint makes (Alert, Update, Cancel). */
    public WarningInput check(JsonNode body, String msgType) {
        problems.clear();
        if (body == null || !body.isObject()) throw invalid("the body must be a JSON object with the fields " + String.join(", ", FIELDS));
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) problems.add(name + ": unknown field; use any of " + String.join(", ", FIELDS));
        }
        String sentType = text(body, "msg_type", false, 20);
        if (sentType != null && !sentType.equals(msgType)) {
            problems.add("msg_type: this endpoint makes an " + msgType + " message, got '" + sentType + "'"
                    + (msgType.equals("Alert") ? "; change an issued warning with POST /api/warnings/{id}/update or /cancel" : ""));
        }
        String status = oneOf(body, "status", STATUSES, "Actual");
        WarningLevel level = level(body);
        String category = category(body);
        String urgency = oneOf(body, "urgency", URGENCIES, "Expected");
        String certainty = oneOf(body, "certainty", CERTAINTIES, "Likely");
        String headline = text(body, "headline", true, 200);
        String description = text(body, "description", true, 5000);
        String instruction = text(body, "instruction", false, 5000);
        String event = text(body, "event", false, 200);
        if (event == null && level != null && category != null) event = categoryNames.get(category) + level.colorZh() + "预警";
        Instant effective = time(body, "effective");
        if (effective == null && !body.hasNonNull("effective")) effective = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expires = time(body, "expires");
        if (expires == null && !body.hasNonNull("expires")) problems.add("expires: is required: when the warning ends (RFC 3339, e.g. 2026-07-01T20:00:00+08:00)");
        if (effective != null && expires != null && !expires.isAfter(effective)) {
            problems.add("expires: " + expires + " is not after effective " + effective + "; a warning must end after it takes effect");
        }
        String senderCode = text(body, "sender_code", false, 14);
        if (senderCode == null) senderCode = defaultSenderCode;
        if (senderCode == null) problems.add("sender_code: an account of the whole country must name the issuing unit's 14-digit code (GB/T 35965.1 ZZZZZZDDDUUUXX, e.g. 50010100000000)");
        else if (!SenderCode.FORM.matcher(senderCode).matches()) problems.add("sender_code: must be 14 digits ZZZZZZDDDUUUXX (GB/T 2260 code, institution, unit, extension), got '" + senderCode + "'");
        String senderName = text(body, "sender_name", false, 200);
        WarningArea area = area(body.get("area"));
        if (!problems.isEmpty()) throw invalid(String.join("; ", problems));
        return new WarningInput(msgType, status, level, category, event, urgency, certainty, headline, description, instruction, effective,
                expires, area, senderCode, senderName == null ? defaultSenderName : senderName);
    }

    private WarningLevel level(JsonNode body) {
        JsonNode v = body.get("level");
        if (v == null || v.isNull()) {
            problems.add("level: is required: 1 blue (蓝), 2 yellow (黄), 3 orange (橙) or 4 red (红)");
            return null;
        }
        Object value = v.isNumber() ? v.numberValue() : v.asText();
        return WarningLevel.parse(value).orElseGet(() -> {
            problems.add("level: must be 1 blue (蓝), 2 yellow (黄), 3 orange (橙) or 4 red (红), got " + v);
            return null;
        });
    }

    private String category(JsonNode body) {
        String c = text(body, "category", true, 40);
        if (c != null && !categoryNames.containsKey(c)) {
            problems.add("category: unknown category '" + c + "'; use one of " + String.join(", ", categoryNames.keySet()));
            return null;
        }
        return c;
    }

    private WarningArea area(JsonNode a) {
        if (a == null || a.isNull()) {
            problems.add("area: is required: {\"description\":\"万州区余家镇\",\"polygons\":[…],\"circles\":[{\"center\":[lon,lat],\"radius_m\":5000}],\"region_codes\":[\"500101\"]} with at least one part");
            return null;
        }
        if (!a.isObject()) {
            problems.add("area: must be an object with description and any of polygons, circles, region_codes");
            return null;
        }
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!AREA_FIELDS.contains(name)) problems.add("area." + name + ": unknown field; use description, polygons, circles, region_codes");
        }
        String description = text(a, "description", false, 500);
        if (description == null) problems.add("area.description: is required: the area in words, e.g. 万州区余家镇 (CAP areaDesc)");
        List<Polygon> polygons = polygons(a.get("polygons"));
        List<Circle> circles = circles(a.get("circles"));
        List<String> codes = codes(a.get("region_codes"));
        boolean anyGiven = a.path("polygons").size() + a.path("circles").size() + a.path("region_codes").size() > 0;
        if (!anyGiven) {
            problems.add("area: has no polygons, circles or region_codes; give at least one");
        }
        return new WarningArea(description, polygons, circles, codes);
    }

    private List<Polygon> polygons(JsonNode list) {
        List<Polygon> out = new ArrayList<>();
        for (JsonNode item : array(list, "area.polygons")) {
            String which = "area.polygons[" + (out.size() + 1) + "]";
            try {
                Geometry g = AreaReader.read(item);
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    Polygon p = (Polygon) g.getGeometryN(i);
                    if (p.getNumInteriorRing() > 0) {
                        problems.add(which + ": has a hole; CAP polygons have none: send the outer ring only, or split the area into polygons around the hole");
                    }
                    out.add(p);
                }
            } catch (ApiException e) {
                problems.add(which + ": " + e.detail());
            }
        }
        return out;
    }

    private List<Circle> circles(JsonNode list) {
        List<Circle> out = new ArrayList<>();
        int n = 0;
        for (JsonNode c : array(list, "area.circles")) {
            String which = "area.circles[" + (++n) + "]";
            JsonNode center = c.get("center");
            JsonNode radius = c.get("radius_m");
            if (center == null || !center.isArray() || center.size() != 2 || !center.get(0).isNumber() || !center.get(1).isNumber()) {
                problems.add(which + ": center must be [lon, lat] in degrees, got " + center);
                continue;
            }
            BigDecimal lon = center.get(0).decimalValue();
            BigDecimal lat = center.get(1).decimalValue();
            if (lon.abs().compareTo(BigDecimal.valueOf(180)) > 0 || lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
                problems.add(which + ": center [" + lon + ", " + lat + "] is outside lon -180…180 / lat -90…90 (WGS84 lon, lat in that order)");
                continue;
            }
            if (radius == null || !radius.isNumber() || radius.decimalValue().signum() <= 0 || radius.decimalValue().compareTo(BigDecimal.valueOf(Circle.MAX_RADIUS_M)) > 0) {
                problems.add(which + ": radius_m must be a number of metres above 0 and at most " + Circle.MAX_RADIUS_M + ", got " + radius);
                continue;
            }
            out.add(new Circle(lon, lat, radius.decimalValue()));
        }
        return out;
    }

    private List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : array(list, "area.region_codes")) {
            String code = c.asText();
            if (!c.isTextual() || !code.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
                problems.add("area.region_codes: " + c + " is not a region code; give 2, 4, 6, 9 or 12 digits as text, e.g. \"500101\"");
            } else if (!out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    private List<JsonNode> array(JsonNode list, String name) {
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray()) {
            problems.add(name + ": must be an array");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    private String oneOf(JsonNode body, String field, List<String> allowed, String fallback) {
        String v = text(body, field, false, 40);
        if (v == null) return fallback;
        if (!allowed.contains(v)) {
            problems.add(field + ": must be one of " + String.join(", ", allowed) + " (CAP 1.2), got '" + v + "'");
            return null;
        }
        return v;
    }

    private String text(JsonNode body, String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            if (required) problems.add(field + ": is required (1 to " + max + " characters)");
            return null;
        }
        if (!v.isTextual()) {
            problems.add(field + ": must be text, got " + v);
            return null;
        }
        String s = v.asText().strip();
        if (s.codePointCount(0, s.length()) > max) {
            problems.add(field + ": is longer than " + max + " characters");
            return null;
        }
        return s;
    }

    private Instant time(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        try {
            return OffsetDateTime.parse(v.asText()).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            problems.add(field + ": '" + v.asText() + "' is not an RFC 3339 time; write e.g. 2026-07-01T20:00:00+08:00 or 2026-07-01T12:00:00Z");
            return null;
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid_warning", detail);
    }
}
