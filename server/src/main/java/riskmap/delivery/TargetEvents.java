package riskmap.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.jobs.Notifications;

/**
 * Fans the {@code riskmap_target} notifications out to the event-stream clients of each warning.
 * One subscription on the server's {@link Notifications} serves every client; a client sees the
 * changes of targets in its scope (by the person's admin code) and the batches of new targets.
 */
public final class TargetEvents implements AutoCloseable {
    public static final String CHANNEL = "riskmap_target";
    private static final Logger LOG = LoggerFactory.getLogger(TargetEvents.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long KEEP_ALIVE_SECONDS = 15;

    private record Client(SseClient sse, String scope) {
    }

    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "riskmap-sse-keepalive");
        t.setDaemon(true);
        return t;
    });

    private final Notifications notifications;
    private boolean listening;

    /** Subscribes to {@code notifications} when the first client arrives, so a server nobody watches holds no LISTEN for it. */
    public TargetEvents(Notifications notifications) {
        this.notifications = notifications;
    }

    private synchronized void listen() {
        if (listening) return;
        listening = true;
        notifications.subscribe(CHANNEL, this::dispatch);
        keepAlive.scheduleAtFixedRate(this::ping, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** Keeps {@code sse} open and sends it the changes of {@code warningId} in {@code scope} until it goes away. */
    void stream(String warningId, String scope, SseClient sse) {
        listen();
        Client client = new Client(sse, scope);
        Set<Client> set = clients.computeIfAbsent(warningId, k -> ConcurrentHashMap.newKeySet());
        set.add(client);
        sse.onClose(() -> set.remove(client));
        sse.keepAlive();
        sse.sendEvent("ready", "{\"warning\":\"" + warningId + "\"}");
    }

    private void dispatch(String payload) {
        try {
            JsonNode n = MAPPER.readTree(payload);
            Set<Client> set = clients.get(n.path("warning").asText());
            if (set == null) return;
            String code = n.path("admin_code").asText("");
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("admin_code");
            String out = n.toString();
            for (Client c : set) {
                if (n.has("added") || code.startsWith(c.scope())) send(c, set, out);
            }
        } catch (java.io.IOException e) {
            LOG.warn("unreadable target notification: {}", e.getMessage());
        }
    }

    private static void send(Client c, Set<Client> set, String data) {
        if (c.sse().terminated()) {
            set.remove(c);
            return;
        }
        c.sse().sendEvent("target", data);
    }

    private void ping() {
        clients.values().forEach(set -> set.forEach(c -> {
            if (c.sse().terminated()) set.remove(c);
            else c.sse().sendComment("keep-alive");
        }));
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        clients.values().forEach(set -> set.forEach(c -> c.sse().close()));
        clients.clear();
    }
}
