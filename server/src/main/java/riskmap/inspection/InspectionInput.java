package riskmap.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import riskmap.domain.ApiException;
import riskmap.http.Json;

/**
 * The form fields of {@code POST /api/hazards/{id}/inspections}, checked: {@code kind} and
 * {@code result} from their lists, {@code findings} (required unless the result is normal),
 * {@code lon}/{@code lat} of where the inspector stood, and an optional GPS {@code track}, a
 * GeoJSON LineString. The photos beside them are checked by {@link Photo}.
 *
 * @param trackGeoJson the track as sent (checked here, stored by PostGIS), or null
 */
record InspectionInput(Kind kind, Result result, String findings, double lon, double lat, String trackGeoJson) {
    static final int MAX_FINDINGS = 4000;
    private static final int MAX_TRACK_POSITIONS = 100_000;

    /** The fields, each its first value. */
    static InspectionInput parse(Map<String, List<String>> fields) {
        String kindId = field(fields, "kind");
        if (kindId == null) throw invalid("kind", "is missing; send one of " + Kind.ids() + " (汛前排查, 汛中巡查, 汛后复查, 日常巡查)");
        Kind kind = Kind.parse(kindId).orElseThrow(() -> invalid("kind", "'" + kindId + "' is unknown; send one of " + Kind.ids()));
        String resultId = field(fields, "result");
        if (resultId == null) throw invalid("result", "is missing; send one of " + Result.ids());
        Result result = Result.parse(resultId).orElseThrow(() -> invalid("result", "'" + resultId + "' is unknown; send one of " + Result.ids()));
        String findings = field(fields, "findings");
        if (findings == null && result.needsFindings()) throw invalid("findings", "is required when the result is " + result.id() + ": say what was seen");
        if (findings != null && findings.length() > MAX_FINDINGS) throw invalid("findings", "is longer than " + MAX_FINDINGS + " characters");
        double lon = degrees(fields, "lon", 180);
        double lat = degrees(fields, "lat", 90);
        String track = field(fields, "track");
        if (track != null) checkTrack(track);
        return new InspectionInput(kind, result, findings, lon, lat, track);
    }

    private static String field(Map<String, List<String>> fields, String name) {
        List<String> v = fields.get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) return null;
        return v.get(0).strip();
    }

    private static double degrees(Map<String, List<String>> fields, String name, double limit) {
        String s = field(fields, name);
        if (s == null) throw invalid(name, "is missing; send where the inspector stood as lon and lat in WGS84 degrees");
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d) && Math.abs(d) <= limit) return d;
        } catch (NumberFormatException ignored) {
            // the message below says what is expected
        }
        throw invalid(name, "'" + s + "' is not a number from " + -limit + " to " + limit);
    }

    /** A GeoJSON LineString of 2 or more [lon, lat] positions inside the WGS84 ranges. */
    private static void checkTrack(String text) {
        String expected = "; send a GeoJSON LineString such as {\"type\":\"LineString\",\"coordinates\":[[108.40,30.80],[108.41,30.81]]}";
        JsonNode g;
        try {
            g = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("track", "is not JSON (" + e.getOriginalMessage() + ")" + expected);
        }
        JsonNode c = g.path("coordinates");
        if (!"LineString".equals(g.path("type").asText()) || !c.isArray() || c.size() < 2 || c.size() > MAX_TRACK_POSITIONS) {
            throw invalid("track", "must be a LineString of 2 to " + MAX_TRACK_POSITIONS + " positions" + expected);
        }
        for (int i = 0; i < c.size(); i++) {
            JsonNode p = c.get(i);
            boolean ok = p.isArray() && (p.size() == 2 || p.size() == 3) && p.get(0).isNumber() && p.get(1).isNumber()
                    && Math.abs(p.get(0).asDouble()) <= 180 && Math.abs(p.get(1).asDouble()) <= 90;
            if (!ok) throw invalid("track", "position " + (i + 1) + " is " + p + ", not [lon, lat] in WGS84 degrees" + expected);
        }
    }

    private static ApiException invalid(String name, String detail) {
        return ApiException.invalidParameter(name, detail);
    }
}
