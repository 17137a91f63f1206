package riskmap.evacuation.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shelter of an event: its capacity, the event's people assigned to it and arrived there, and
 * the people arrived there from every open event ({@code occupied}: a township shelter may take
 * several villages). Over capacity when {@code occupied} exceeds the capacity.
 */
record Occupancy(String shelterId, String name, int capacity, long assigned, long arrived, long occupied) {
    boolean overCapacity() {
        return occupied > capacity;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shelter_id", shelterId);
        m.put("name", name);
        m.put("capacity", capacity);
        m.put("assigned", assigned);
        m.put("arrived", arrived);
        m.put("occupied", occupied);
        m.put("over_capacity", overCapacity());
        return m;
    }
}
