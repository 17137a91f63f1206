package riskmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import riskmap.domain.ApiException;

/** The one JSON mapper for small documents (errors, statistics); features are streamed instead. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** {@code value} as JSON text (maps, lists, strings, numbers). */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A request body as JSON, telling the client to send {@code expected} when it is refused: 400
     * {@code invalid_json} when it is empty or not JSON, 413 {@code value_too_large} beyond Jackson's
     * read limits, 400 {@code invalid_number} for a number no double holds (1e999).
     */
    public static JsonNode readBody(String text, String expected) {
        if (text.isBlank()) throw ApiException.badRequest("invalid_json", "the body is empty; send " + expected);
        JsonNode body;
        try {
            body = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) { // a JsonProcessingException too, but not the client's syntax
            ClientInputFailures.Refusal r = ClientInputFailures.tooLarge(e);
            throw new ApiException(r.status(), r.code(), r.detail());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "the body is not JSON (" + e.getOriginalMessage() + "); send " + expected);
        }
        requireFinite(body, "");
        return body;
    }

    /** Jackson reads 1e999 as Infinity, which would pass on as a coordinate or a value; refuse it naming where it is. */
    private static void requireFinite(JsonNode node, String at) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw ApiException.badRequest("invalid_number", "the number at " + (at.isEmpty() ? "the top" : at)
                    + " is too large for a double (at most about 1.8e308); send a finite number");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) requireFinite(node.get(i), at + "[" + i + "]");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> requireFinite(f.getValue(), at + "/" + f.getKey()));
        }
    }
}
