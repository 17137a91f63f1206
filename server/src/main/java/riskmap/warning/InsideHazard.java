package riskmap.warning;

import java.util.LinkedHashMap;
import java.util.Map;

/** A hazard point or risk zone inside a warning's area, as a preview lists it. */
public record InsideHazard(String id, String collection, String name, String category, int riskLevel, String adminCode,
                           String responsiblePersonId) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("collection", collection);
        m.put("name", name);
        m.put("category", category);
        m.put("risk_level", riskLevel);
        m.put("admin_code", adminCode);
        m.put("responsible_person_id", responsiblePersonId);
        return m;
    }
}
