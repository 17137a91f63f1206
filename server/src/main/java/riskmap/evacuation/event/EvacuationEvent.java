package riskmap.evacuation.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evacuation event (转移事件) as listed: the plan it runs, the village it belongs to, the
 * warning that started it (null: by hand), its stage, who opened and closed it, and how many
 * households it holds.
 */
public record EvacuationEvent(String id, String planId, String planName, String adminCode, String warningId, String stage,
                              String startedBy, Instant startedAt, String closedBy, Instant closedAt, long households) {
    public boolean open() {
        return closedAt == null;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("plan_id", planId);
        m.put("plan_name", planName);
        m.put("admin_code", adminCode);
        m.put("warning_id", warningId);
        m.put("stage", stage);
        m.put("open", open());
        m.put("started_by", startedBy);
        m.put("started_at", startedAt.toString());
        m.put("closed_by", closedBy);
        m.put("closed_at", closedAt == null ? null : closedAt.toString());
        m.put("households", households);
        return m;
    }
}
