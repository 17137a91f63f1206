package riskmap.rectification;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import riskmap.domain.ApiException;

/**
 * The body of {@code POST /api/rectifications/{id}/transitions}, checked for its action: order
 * needs deadline and responsible_person_id, an extension request a reason and a deadline, the
 * reviews that judge (acceptances, rejection, refusing an extension) an opinion.
 */
record StepInput(Transition action, Instant deadline, String responsiblePersonId, String opinion, String reason) {
    private static final int MAX_TEXT = 2000;
    private static final Set<Transition> DEADLINED = EnumSet.of(Transition.ORDER, Transition.REQUEST_EXTENSION);
    // granting and writing off may go without a word; a refusal or a judgement of the work may not
    private static final Set<Transition> OPINIONATED = EnumSet.of(Transition.COUNTY_ACCEPT, Transition.REJECT, Transition.CITY_ACCEPT,
            Transition.REFUSE_EXTENSION);

    /** The action alone, so legality can be answered (409) before the rest of the body is judged. */
    static Transition action(JsonNode body) {
        String name = text(body, "action");
        if (name == null) throw invalid("action", "is missing; send one of " + Transition.ids());
        return Transition.parse(name).orElseThrow(() -> invalid("action", "'" + name + "' is unknown; send one of " + Transition.ids()));
    }

    static StepInput parse(JsonNode body, Transition action, Instant now) {
        Instant deadline = instant(body, "deadline");
        String person = text(body, "responsible_person_id");
        String opinion = text(body, "opinion");
        String reason = text(body, "reason");
        if (DEADLINED.contains(action) && deadline == null) {
            throw invalid("deadline", "is required for " + action.id() + "; send an ISO-8601 instant such as 2026-07-01T18:00:00+08:00");
        }
        if (deadline != null && !deadline.isAfter(now)) throw invalid("deadline", "must lie in the future (now is " + now + ")");
        if (action == Transition.ORDER && person == null) {
            throw invalid("responsible_person_id", "is required for order: the id of the 包保 responsible person (GET /api/people)");
        }
        if (action == Transition.REQUEST_EXTENSION && reason == null) {
            throw invalid("reason", "is required for request_extension: say why more time is needed");
        }
        if (OPINIONATED.contains(action) && opinion == null) {
            throw invalid("opinion", "is required for " + action.id() + ": the reviewer's opinion");
        }
        // a deadline belongs to order and the extension request only, the person to order: other steps leave both as they are
        return new StepInput(action, DEADLINED.contains(action) ? deadline : null, action == Transition.ORDER ? person : null, opinion, reason);
    }

    private static String text(JsonNode body, String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual() || n.asText().isBlank()) throw invalid(name, "must be a non-empty string");
        if (n.asText().length() > MAX_TEXT) throw invalid(name, "is longer than " + MAX_TEXT + " characters");
        return n.asText().strip();
    }

    private static Instant instant(JsonNode body, String name) {
        String s = text(body, name);
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "'" + s + "' is not an ISO-8601 instant with offset, such as 2026-07-01T18:00:00+08:00");
        }
    }

    private static ApiException invalid(String name, String detail) {
        return ApiException.invalidParameter(name, detail);
    }
}
