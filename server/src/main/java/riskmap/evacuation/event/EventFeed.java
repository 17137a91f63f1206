package riskmap.evacuation.event;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import riskmap.auth.Caller;
import riskmap.http.Auth;
import riskmap.jobs.LiveFeed;
import riskmap.jobs.Notifications;

/**
 * {@code GET /api/evacuation/events/{id}/stream}: the event's live counts as Server-Sent Events,
 * through PostgreSQL's NOTIFY (so every server on the database sees every change). Event
 * {@code ready} first, then one event {@code change} per household state change
 * ({@code {"event","household","from","state","people","shelter_id","counts","shelter"}}), stage
 * raise ({@code {"event","stage"}}) or close ({@code {"event","closed":true}}). Carries no names or
 * phones. A client that reconnects re-reads {@code GET /api/evacuation/events/{id}} for what it missed.
 */
public final class EventFeed implements AutoCloseable {
    /** The NOTIFY channel of event changes (listened on by the server's one LISTEN connection). */
    public static final String CHANNEL = "riskmap_evacuation";

    private final EventStore store;
    private final LiveFeed feed;

    public EventFeed(EventStore store, Notifications notifications) {
        this.store = store;
        this.feed = new LiveFeed(notifications, CHANNEL, "event", "change");
    }

    /** Before the stream starts: a token, the event, and the event in the caller's scope, else the usual JSON refusal. */
    public void check(Context ctx) throws Exception {
        EventHandler.readable(ctx, store);
    }

    public void stream(SseClient client) {
        Caller c = Auth.caller(client.ctx());
        feed.stream(client.ctx().pathParam("id"), c.scope() == null ? "" : c.scope(), client);
    }

    @Override
    public void close() {
        feed.close();
    }
}
