package riskmap.evacuation.household;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stored household as one caller may see it: {@code phone} is null when the caller may not read it. */
public record Household(String id, String adminCode, String headName, int members, int vulnerable, String vulnerableNote, String phone,
                        String address, double lon, double lat, List<String> hazardIds) {

    /** The GeoJSON Feature clients get. */
    public Map<String, Object> toFeature() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("head_name", headName);
        props.put("members", members);
        props.put("vulnerable", vulnerable);
        props.put("vulnerable_note", vulnerableNote);
        props.put("phone", phone);
        props.put("address", address);
        props.put("admin_code", adminCode);
        props.put("hazard_ids", hazardIds);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("id", id);
        f.put("geometry", Map.of("type", "Point", "coordinates", List.of(lon, lat)));
        f.put("properties", props);
        return f;
    }
}
