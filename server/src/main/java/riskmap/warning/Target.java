package riskmap.warning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One person a warning calls, de-duplicated: the tier they serve at, the hazards inside the area
 * they are called for, why ({@code responsible}: linked to a hazard inside; {@code duty}: serves a
 * region of the area) and, once issued, the call's state. {@code phone} is null unless the caller
 * may read that person's personal data; {@code state} and the answer fields are null in a preview; {@code endReason} and
 * {@code endDetail} say why a silent target's calls ended without anyone above being called.
 */
public record Target(String personId, String name, String phone, String unit, String tier, String adminCode,
                     List<String> hazardIds, List<String> reasons, String state, Instant deadline, Instant answeredAt, String answer,
                     String endReason, String endDetail) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person_id", personId);
        m.put("name", name);
        m.put("phone", phone);
        m.put("unit", unit);
        m.put("tier", tier);
        m.put("admin_code", adminCode);
        m.put("hazards", hazardIds);
        m.put("reasons", reasons);
        if (state != null) {
            m.put("state", state);
            m.put("deadline", deadline == null ? null : deadline.toString());
            m.put("answered_at", answeredAt == null ? null : answeredAt.toString());
            m.put("answer", answer);
            m.put("end_reason", endReason);
            m.put("end_detail", endDetail);
        }
        return m;
    }
}
