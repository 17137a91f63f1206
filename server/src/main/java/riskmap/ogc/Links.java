package riskmap.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Absolute links between OGC resources. The base is the address the client used (Host header,
 * or X-Forwarded-Proto / X-Forwarded-Host behind a reverse proxy), so links work from GIS tools
 * on other machines.
 */
public record Links(String base) {
    /** One link object: {@code href}, {@code rel}, {@code type}, {@code title}. */
    public record Link(String href, String rel, String type, String title) {
    }

    public static Links of(Context ctx) {
        String proto = firstOf(ctx.header("X-Forwarded-Proto"), ctx.scheme());
        String host = firstOf(ctx.header("X-Forwarded-Host"), ctx.host());
        if (host == null || host.isBlank()) host = "localhost:" + ctx.port();
        return new Links(proto + "://" + host + "/ogc");
    }

    private static String firstOf(String header, String fallback) {
        if (header == null || header.isBlank()) return fallback;
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    public String url(String path) {
        return base + path;
    }

    /** A server path outside {@code /ogc} (such as the {@code /tiles} endpoint), on the same base. */
    public String outside(String path) {
        return base.substring(0, base.length() - "/ogc".length()) + path;
    }

    /** {@code path} with the request's query parameters, {@code changes} applied (null value removes). */
    public String url(String path, Context ctx, Map<String, String> changes) {
        List<String> pairs = new ArrayList<>();
        ctx.queryParamMap().forEach((k, vs) -> {
            if (changes.containsKey(k)) return;
            vs.forEach(v -> pairs.add(enc(k) + "=" + enc(v)));
        });
        changes.forEach((k, v) -> {
            if (v != null) pairs.add(enc(k) + "=" + enc(v));
        });
        return base + path + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    /** Parameter changes for {@link #url(String, Context, Map)}: name, value pairs; a null value removes the parameter. */
    public static Map<String, String> changes(String... nameValue) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
        return m;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static void write(JsonGenerator json, List<Link> links) throws IOException {
        json.writeArrayFieldStart("links");
        for (Link l : links) {
            json.writeStartObject();
            json.writeStringField("href", l.href());
            json.writeStringField("rel", l.rel());
            if (l.type() != null) json.writeStringField("type", l.type());
            if (l.title() != null) json.writeStringField("title", l.title());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    public static ArrayNode toJson(ObjectNode parent, List<Link> links) {
        ArrayNode a = parent.putArray("links");
        for (Link l : links) {
            ObjectNode o = a.addObject().put("href", l.href()).put("rel", l.rel());
            if (l.type() != null) o.put("type", l.type());
            if (l.title() != null) o.put("title", l.title());
        }
        return a;
    }
}
