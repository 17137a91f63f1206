package riskmap.inspection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.rectification.Transition;

/**
 * What happened at one point, oldest first: its inspections (with their photo links) and the steps
 * of its rectifications, a reviewer's step (county and city acceptance, rejection, write-off,
 * granting or refusing an extension) marked as a review. Events at the same instant keep inspections
 * before steps, and steps in their order.
 */
record Timeline(String hazardId, List<Inspection> inspections, List<InspectionStore.Step> steps) {

    Map<String, Object> toJson() {
        List<Event> events = new ArrayList<>();
        for (Inspection i : inspections) {
            Map<String, Object> e = event("inspection", i.inspectedAt());
            e.putAll(i.toJson());
            events.add(new Event(i.inspectedAt(), e));
        }
        for (InspectionStore.Step s : steps) events.add(new Event(s.at(), step(s)));
        // a stable sort: equal instants keep the order above
        events.sort(Comparator.comparing(Event::at));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hazard_id", hazardId);
        m.put("events", events.stream().map(Event::json).toList());
        return m;
    }

    private record Event(Instant at, Map<String, Object> json) {
    }

    private static Map<String, Object> step(InspectionStore.Step s) {
        boolean review = Transition.parse(s.action()).map(Transition::review).orElse(false);
        Map<String, Object> e = event(review ? "review" : "rectification", s.at());
        e.put("rectification_id", s.rectificationId());
        e.put("href", "/api/rectifications/" + s.rectificationId());
        e.put("seq", s.seq());
        e.put("action", s.action());
        e.put("from_state", s.from());
        e.put("to_state", s.to());
        e.put("actor", s.actor());
        e.put("opinion", s.opinion());
        e.put("reason", s.reason());
        e.put("deadline", s.deadline() == null ? null : s.deadline().toString());
        return e;
    }

    private static Map<String, Object> event(String type, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("at", at.toString());
        return e;
    }
}
