package riskmap.live;

import io.javalin.http.sse.SseClient;
import riskmap.http.Auth;
import riskmap.jobs.LiveFeed;
import riskmap.jobs.Notifications;

/**
 * {@code GET /api/events}: the map's live feed as Server-Sent Events. Event {@code ready} first,
 * then one event {@code change} per changed feature — {@code {"layer","id","op","version","bbox"}},
 * {@code layer} a collection id (hazards, risk_zones, shelters), {@code op} insert, update or
 * delete, {@code version} the layer's version after the change — or one per bulk statement of more
 * than 100 rows, with {@code "id":null} and {@code "count"} (migration V33). The changes come from
 * PostgreSQL's NOTIFY, so an edit made through any server on the database reaches the pages
 * connected to every other one. No attributes travel, so anonymous pages may read it; a caller who
 * sees one region's rows gets that region's changes (and the bulk ones). A page that reconnects
 * reloads its tiles for what it missed.
 */
public final class FeatureEvents implements AutoCloseable {
    /** The NOTIFY channel of layer changes (V33's trigger), on the server's one LISTEN connection. */
    public static final String CHANNEL = "riskmap_features";

    private final LiveFeed feed;

    public FeatureEvents(Notifications notifications) {
        this.feed = LiveFeed.ofEverything(notifications, CHANNEL, "change");
    }

    /** The read guard ({@code public_read}) has run before: who may read the map may follow it. */
    public void stream(SseClient client) {
        feed.stream("", Auth.visibility(client.ctx()).rows(), client);
    }

    /** Ends every stream: their pages reconnect (to another server while this one stops). */
    @Override
    public void close() {
        feed.close();
    }
}
