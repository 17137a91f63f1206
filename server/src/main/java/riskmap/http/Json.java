package riskmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /** A request body as JSON; 400 {@code invalid_json} when it is empty or not JSON, telling the client to send {@code expected}. */
    public static JsonNode readBody(String text, String expected) {
        if (text.isBlank()) throw ApiException.badRequest("invalid_json", "the body is empty; send " + expected);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "the body is not JSON (" + e.getOriginalMessage() + "); send " + expected);
        }
    }
}
