package riskmap.domain;

import java.util.Map;

/**
 * A refused request: the HTTP status, a short machine-readable code and a detail sentence that
 * says what was wrong and how to fix it. Thrown anywhere below the HTTP layer and turned into
 * {@code {"error","detail"}} in one place ({@code http.ErrorMapper}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static ApiException invalidParameter(String name, String detail) {
        return new ApiException(400, "invalid_parameter", name + ": " + detail);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    /** 412: the {@code what} (feature, person) moved on from the version the client sent in If-Match ({@code now} null when unknown). */
    public static ApiException stale(String what, int sent, Integer now) {
        return new ApiException(412, "precondition_failed", "the " + what + " changed since you read it"
                + (now == null ? "" : ": it is at version \"" + now + "\"") + ", your If-Match was \"" + sent
                + "\"; read it again (GET), re-apply your change and send the new ETag. Nothing was written.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Members of the error body after error and detail (such as the allowed actions of a 409); none by default. */
    public Map<String, Object> extra() {
        return Map.of();
    }

    /** Response headers that go with the refusal (such as Retry-After of a 429); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }

    public String detail() {
        return getMessage();
    }
}
