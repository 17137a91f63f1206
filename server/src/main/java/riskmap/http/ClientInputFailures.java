package riskmap.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Optional;

/**
 * Failures thrown by libraries (Jetty, Javalin, the JDK, Jackson) or by {@link BodyLimit} that are the client's mistake,
 * turned into the 4xx answer that says what to fix. {@link ErrorMapper} asks here before it
 * calls anything a 500.
 */
final class ClientInputFailures {
    /** The answer ErrorMapper writes. */
    record Refusal(int status, String code, String detail) {
    }

    private ClientInputFailures() {
    }

    static Optional<Refusal> of(Throwable e, String rawPath) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.IllegalCharsetNameException || t instanceof java.nio.charset.UnsupportedCharsetException) {
                return Optional.of(new Refusal(415, "unsupported_charset",
                        "the charset in Content-Type is not supported; send the body as UTF-8 (Content-Type: application/json; charset=utf-8)"));
            }
            if (t instanceof StreamConstraintsException s) return Optional.of(tooLarge(s));
            if (t instanceof BodyLimit.TooLarge b) return Optional.of(new Refusal(413, "body_too_large", b.getMessage()));
            if (t instanceof IllegalArgumentException && thrownBy(t, java.net.URLDecoder.class)) {
                return Optional.of(malformedPath(rawPath));
            }
            if (thrownBy(t, org.eclipse.jetty.server.MultiPartFormInputStream.class)) {
                return Optional.of(new Refusal(400, "malformed_multipart", "the multipart/form-data body cannot be read (" + t.getMessage()
                        + "): send each field and file as a part that starts with --BOUNDARY, the boundary named in Content-Type,"
                        + " and end with --BOUNDARY-- (curl -F name=value -F file=@photo.jpg does this)"));
            }
            if (t instanceof java.sql.SQLException s && "22021".equals(s.getSQLState())) {
                // PostgreSQL's text cannot hold U+0000; everything else riskmap sends it is valid UTF-8
                return Optional.of(new Refusal(400, "invalid_text", "a text value contains the character U+0000 (NUL), which cannot"
                        + " be stored: remove it (in JSON, \\u0000) and send the request again"));
            }
        }
        return Optional.empty();
    }

    /** A JSON value beyond Jackson's read limits (a string over 20,000,000 characters, a number over 1000 digits, nesting over 1000 levels). */
    static Refusal tooLarge(StreamConstraintsException e) {
        StreamReadConstraints c = StreamReadConstraints.defaults();
        return new Refusal(413, "value_too_large", "a value in the JSON is larger than the server reads ("
                + e.getOriginalMessage().replaceAll(", from `[^`]*`", "") + "); the limits are " + c.getMaxStringLength()
                + " characters per string, " + c.getMaxNumberLength() + " digits per number and " + c.getMaxNestingDepth()
                + " levels of nesting: split or shorten the value");
    }

    /** A request Jetty refused while parsing it, before riskmap saw it: {@code reason} is Jetty's word for what it met. */
    static Refusal badMessage(int status, String reason) {
        String what = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        return switch (status) {
            case 431 -> new Refusal(431, "headers_too_large", "the request's headers are larger than the server reads" + what
                    + "; send shorter headers (a token, a few short values)");
            case 414 -> new Refusal(414, "uri_too_long", "the request's path and query are longer than the server reads" + what
                    + "; send long input such as a polygon or a list of ids in a POST body");
            default -> new Refusal(status, status == 400 ? "malformed_request" : "http_" + status, "the request is not valid HTTP" + what
                    + ": percent-encode the path and query as UTF-8 bytes (%XX, e.g. %25 for '%' itself, never %uXXXX)"
                    + " and send no control characters in the request line or headers");
        };
    }

    /** Javalin decodes path parameters with URLDecoder, which refuses a '%' not followed by two hex digits (such as %u0041). */
    private static Refusal malformedPath(String rawPath) {
        return new Refusal(400, "malformed_path", "the path " + rawPath + " has a '%' that is not followed by two hex digits;"
                + " percent-encode characters as UTF-8 bytes (%XX), e.g. %41 for A and %20 for a space, never %uXXXX");
    }

    private static boolean thrownBy(Throwable t, Class<?> origin) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals(origin.getName());
    }
}
