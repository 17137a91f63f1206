package riskmap.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the JSON notifications of one channel out to Server-Sent-Event clients, grouped by the
 * record they watch (the payload member {@code key}: a warning's board, an evacuation event), or
 * to every client when the feed has no key (the map's feature changes, {@link #ofEverything}).
 * One subscription on the server's {@link Notifications} serves every client, so the streams work
 * with several servers on one database. A payload with {@code admin_code} goes only to clients
 * whose scope that code lies in (the member is removed before sending); one without it goes to
 * every client of the record. After the server's LISTEN connection was lost and is back, every
 * client gets {@code ready} again: "nothing sent from here on is missed — re-read what you show".
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
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
    private final String channel;
    private final String key;
    private final String eventName;
    private boolean listening;

    /**
     * Subscribes to {@code channel} when the first client arrives, so a server nobody watches holds
     * no LISTEN for it; each notification is sent as an event named {@code eventName}.
     */
    public LiveFeed(Notifications notifications, String channel, String key, String eventName) {
        this.notifications = notifications;
        this.channel = channel;
        this.key = key;
        this.eventName = eventName;
    }

    /** A feed whose clients all watch everything on {@code channel}: {@link #stream} with any id sends them every notification. */
    public static LiveFeed ofEverything(Notifications notifications, String channel, String eventName) {
        return new LiveFeed(notifications, channel, null, eventName);
    }

    private synchronized void listen() {
        if (listening) return;
        listening = true;
        notifications.onReconnect(this::readyAgain);
        notifications.subscribe(channel, this::dispatch);
        keepAlive.scheduleAtFixedRate(this::ping, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** Keeps {@code sse} open and sends it the notifications of record {@code id} in {@code scope} ("" = all) until it goes away. */
    public void stream(String id, String scope, SseClient sse) {
        listen();
        Client client = new Client(sse, scope);
        Set<Client> set = clients.computeIfAbsent(group(id), k -> ConcurrentHashMap.newKeySet());
        set.add(client);
        sse.onClose(() -> set.remove(client));
        sse.keepAlive();
        sse.sendEvent("ready", readyData(id));
    }

    private String readyData(String id) {
        return key == null ? "{}" : MAPPER.createObjectNode().put(key, id).toString();
    }

    private void readyAgain() {
        clients.forEach((id, set) -> {
            String data = readyData(id);
            set.forEach(c -> send(c, set, "ready", data));
        });
    }

    private String group(String id) {
        return key == null ? "" : id;
    }

    private void dispatch(String payload) {
        try {
            JsonNode n = MAPPER.readTree(payload);
            Set<Client> set = clients.get(key == null ? "" : n.path(key).asText());
            if (set == null) return;
            JsonNode code = ((ObjectNode) n).remove("admin_code");
            String out = n.toString();
            for (Client c : set) {
                if (code == null || code.asText().startsWith(c.scope())) send(c, set, eventName, out);
            }
        } catch (java.io.IOException e) {
            LOG.warn("unreadable notification on {}: {}", channel, e.getMessage());
        }
    }

    private void send(Client c, Set<Client> set, String event, String data) {
        if (c.sse().terminated()) {
            set.remove(c);
            return;
        }
        c.sse().sendEvent(event, data);
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
