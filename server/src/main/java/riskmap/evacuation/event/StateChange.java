package riskmap.evacuation.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import riskmap.domain.ApiException;

/**
 * The body of {@code POST …/households/{hid}/state}: the new state, optionally the shelter the
 * household arrived at (when it is not the planned one) and a note. Validated whole before
 * anything is read from the database.
 */
record StateChange(HouseholdState state, String shelterId, String note) {
    static final String EXPECTED = "{\"state\":\"arrived\",\"shelter_id\":\"SH000001\",\"note\":\"村委会核实\"}";
    private static final Set<String> FIELDS = Set.of("state", "shelter_id", "note");
    private static final int NOTE_MAX = 500;

    static StateChange parse(JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("invalid_json", "the body must be a JSON object such as " + EXPECTED);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw ApiException.invalidParameter(f, "unknown field; send only state, shelter_id and note, e.g. " + EXPECTED);
        }
        JsonNode s = body.get("state");
        if (s == null || !s.isTextual()) throw ApiException.invalidParameter("state", "required, one of " + HouseholdState.ids());
        HouseholdState state = HouseholdState.parse(s.asText())
                .orElseThrow(() -> ApiException.invalidParameter("state", "'" + s.asText() + "' is not a state; use one of " + HouseholdState.ids()));
        String shelter = text(body, "shelter_id", 64);
        if (shelter != null && state != HouseholdState.ARRIVED) {
            throw ApiException.invalidParameter("shelter_id", "only with state arrived (the shelter the household reached); leave it out for " + state.id());
        }
        return new StateChange(state, shelter, text(body, "note", NOTE_MAX));
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            throw ApiException.invalidParameter(field, "a text of 1 to " + max + " characters, or leave it out");
        }
        return v.asText();
    }
}
