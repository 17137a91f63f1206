package riskmap.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.http.Json;

/**
 * A stored warning as read back: its CAP fields, its lifecycle {@code state} (with
 * {@code expired} computed from {@code expires} at read time, never stored) and its area as
 * sent plus the area's geometry (polygons and circle buffers) as GeoJSON.
 */
public record Warning(String id, String identifier, String sender, String senderCode, String senderName, String msgType,
                      List<Reference> references, String status, String state, WarningLevel level, String category, String event,
                      String urgency, String certainty, String headline, String description, String instruction, Instant effective,
                      Instant expires, String areaDesc, String polygonsJson, String circlesJson, List<String> regionCodes,
                      String geometryJson, String createdBy, Instant createdAt, Instant sent, Instant updatedAt, int version) {

    /** An earlier message this one updates or cancels: CAP names it by sender, identifier and sent. */
    public record Reference(String id, String sender, String identifier, Instant sent) {
    }

    public boolean isDraft() {
        return state.equals("draft");
    }

    /** The JSON clients get; the version travels as the ETag. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("identifier", identifier);
        m.put("sender", sender);
        m.put("sender_code", senderCode);
        m.put("sender_name", senderName);
        m.put("msg_type", msgType);
        m.put("references", references.stream().map(Reference::id).toList());
        m.put("status", status);
        m.put("state", state);
        m.put("level", level.number());
        m.put("color", level.color());
        m.put("severity", level.severity());
        m.put("category", category);
        m.put("event", event);
        m.put("urgency", urgency);
        m.put("certainty", certainty);
        m.put("headline", headline);
        m.put("description", description);
        m.put("instruction", instruction);
        m.put("effective", effective.toString());
        m.put("expires", expires.toString());
        m.put("sent", sent == null ? null : sent.toString());
        Map<String, Object> area = new LinkedHashMap<>();
        area.put("description", areaDesc);
        area.put("polygons", read(polygonsJson));
        area.put("circles", read(circlesJson));
        area.put("region_codes", regionCodes);
        area.put("geometry", geometryJson == null ? null : read(geometryJson));
        m.put("area", area);
        m.put("created_by", createdBy);
        m.put("created_at", createdAt.toString());
        m.put("updated_at", updatedAt.toString());
        return m;
    }

    /** The writable fields in the form a request sends them, for a PATCH or an Update to start from. */
    public ObjectNode inputJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("status", status);
        o.put("level", level.number());
        o.put("category", category);
        o.put("event", event);
        o.put("urgency", urgency);
        o.put("certainty", certainty);
        o.put("headline", headline);
        o.put("description", description);
        if (instruction != null) o.put("instruction", instruction);
        o.put("effective", effective.toString());
        o.put("expires", expires.toString());
        o.put("sender_code", senderCode);
        o.put("sender_name", senderName);
        ObjectNode area = o.putObject("area");
        area.put("description", areaDesc);
        area.set("polygons", read(polygonsJson));
        area.set("circles", read(circlesJson));
        regionCodes.forEach(area.putArray("region_codes")::add);
        return o;
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
