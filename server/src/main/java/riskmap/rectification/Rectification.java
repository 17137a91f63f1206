package riskmap.rectification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One rectification as stored, with its pending extension request (or null) and its steps in order. */
record Rectification(String id, String hazardId, String adminCode, State state, Instant deadline, String responsiblePersonId,
                     Extension extension, Instant createdAt, String createdBy, List<Step> steps) {

    /** A request to move the deadline, waiting for the county's decision. */
    record Extension(Instant deadline, String reason, String requestedBy, Instant requestedAt) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deadline", deadline.toString());
            m.put("reason", reason);
            m.put("requested_by", requestedBy);
            m.put("requested_at", requestedAt.toString());
            return m;
        }
    }

    boolean extensionPending() {
        return extension != null;
    }

    /** One step taken: what, by whom, from which state to which, with the opinion or reason given. */
    record Step(int seq, String action, State from, State to, String actor, String opinion, String reason, Instant deadline, Instant at) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", seq);
            m.put("action", action);
            m.put("from_state", from == null ? null : from.id());
            m.put("to_state", to.id());
            m.put("actor", actor);
            m.put("opinion", opinion);
            m.put("reason", reason);
            m.put("deadline", deadline == null ? null : deadline.toString());
            m.put("at", at.toString());
            return m;
        }
    }

    /** Missed deadline, judged at {@code now}: only while work is still owed. */
    boolean overdue(Instant now) {
        return deadline != null && state.workPending() && now.isAfter(deadline);
    }

    Map<String, Object> toJson(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("hazard_id", hazardId);
        m.put("state", state.id());
        m.put("deadline", deadline == null ? null : deadline.toString());
        m.put("overdue", overdue(now));
        m.put("responsible_person_id", responsiblePersonId);
        m.put("extension_request", extension == null ? null : extension.toJson());
        m.put("allowed", Transition.allowedIn(state, extensionPending()));
        m.put("created_at", createdAt.toString());
        m.put("created_by", createdBy);
        m.put("steps", steps.stream().map(Step::toJson).toList());
        return m;
    }
}
