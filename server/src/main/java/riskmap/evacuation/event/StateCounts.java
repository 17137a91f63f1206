package riskmap.evacuation.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** Households and people of an event per state, every state present (zero when none). */
record StateCounts(Map<HouseholdState, long[]> byState) {
    static StateCounts empty() {
        Map<HouseholdState, long[]> m = new LinkedHashMap<>();
        for (HouseholdState s : HouseholdState.values()) m.put(s, new long[2]);
        return new StateCounts(m);
    }

    void add(HouseholdState s, long households, long people) {
        byState.get(s)[0] += households;
        byState.get(s)[1] += people;
    }

    /** {@code {"to_move":{"households":n,"people":p}, …}} */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        byState.forEach((s, n) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("households", n[0]);
            c.put("people", n[1]);
            m.put(s.id(), c);
        });
        return m;
    }
}
