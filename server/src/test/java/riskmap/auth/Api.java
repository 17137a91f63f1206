package riskmap.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import riskmap.TestDatabase;
import riskmap.store.TokenStore;

/** Test helper: requests with any method, body and headers, and tokens made straight in the database. */
public final class Api {
    /**
     * The one database the write tests share (each class empties the feature tables first): every
     * test database keeps a pool of connections open, and the cluster allows only so many.
     */
    public static final String DATABASE = "writes";

    /**
     * The shared write-test database, its pool cut to a few connections: every test database's pool
     * otherwise keeps 16 open, and the test cluster allows 100 in all.
     */
    public static synchronized DataSource database() {
        return smallPool(TestDatabase.database(DATABASE, false));
    }

    /** {@code ds} with its pool cut to a few connections, for a test class with a database of its own. */
    public static DataSource smallPool(DataSource ds) {
        if (ds instanceof HikariDataSource h && h.getHikariConfigMXBean().getMaximumPoolSize() > 6) {
            h.getHikariConfigMXBean().setMinimumIdle(1);
            h.getHikariConfigMXBean().setMaximumPoolSize(6);
            h.getHikariPoolMXBean().softEvictConnections();
        }
        return ds;
    }
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, byte[] bytes, HttpResponse<byte[]> raw) {
        public String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A live token of {@code role} (region may be null), as `riskmap token create` makes it. */
    public static String token(DataSource ds, String name, Role role, String region) throws Exception {
        String t = Tokens.newToken();
        new TokenStore(ds).create(name, role, region, t);
        return t;
    }

    public Response send(String method, String path, String token, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        List<String> h = new ArrayList<>(List.of(headers));
        if (token != null) {
            h.add("Authorization");
            h.add("Bearer " + token);
        }
        if (!h.isEmpty()) b.headers(h.toArray(String[]::new));
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Creates the warning {@code body} describes and issues it (both must succeed); its id. */
    public String issueWarning(String token, String body) {
        Response created = json("POST", "/api/warnings", token, body);
        org.junit.jupiter.api.Assertions.assertEquals(201, created.status(), created.body());
        String w = created.json().get("id").asText();
        Response issued = json("POST", "/api/warnings/" + w + "/issue", token, "");
        org.junit.jupiter.api.Assertions.assertEquals(200, issued.status(), issued.body());
        return w;
    }

    public Response get(String path, String token, String... headers) {
        return send("GET", path, token, null, headers);
    }

    public Response json(String method, String path, String token, String body, String... headers) {
        List<String> h = new ArrayList<>(List.of("Content-Type", "application/geo+json"));
        h.addAll(List.of(headers));
        return send(method, path, token, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), h.toArray(String[]::new));
    }

    /** A hazard Feature as clients send it. */
    public static String hazard(String id, String adminCode, int level, double lon, double lat) {
        return "{\"type\":\"Feature\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"properties\":{\"category\":\"landslide\",\"name\":\"测试滑坡 " + (id == null ? "new" : id) + "\",\"risk_level\":" + level
                + ",\"status\":\"monitoring\",\"admin_code\":\"" + adminCode + "\",\"county\":\"万州区\",\"threatened_people\":12,"
                + "\"responsible_person\":\"李四\",\"responsible_unit\":\"万州区应急管理局\",\"responsible_phone\":\"13800000001\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}}";
    }
}
