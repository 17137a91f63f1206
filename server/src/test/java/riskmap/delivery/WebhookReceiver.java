package riskmap.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 standing in for an SMS gateway: it counts every POST by its
 * Idempotency-Key (so a message sent twice shows as a count of 2) and keeps the first body of each.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    final Map<String, AtomicInteger> countByKey = new ConcurrentHashMap<>();
    final Map<String, JsonNode> bodyByKey = new ConcurrentHashMap<>();
    final List<String> missingKey = new ArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", ex -> {
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            byte[] body = ex.getRequestBody().readAllBytes();
            if (key == null) {
                synchronized (missingKey) {
                    missingKey.add(new String(body));
                }
            } else {
                // the body is stored before the count moves, so whoever sees the key counted can read its body
                bodyByKey.putIfAbsent(key, MAPPER.readTree(body));
                countByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
