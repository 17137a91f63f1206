package riskmap.delivery;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.jobs.LiveFeed;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * {@code GET /api/warnings/{id}/events}: the live feed of the board ({@code /api/warnings/{id}/board})
 * as Server-Sent Events. Needs a token; carries person ids, tiers and states, never names,
 * phones or addresses, and only of the targets in the account's scope.
 */
public final class EventsHandler {
    private static final String EXISTS = "SELECT id FROM warning WHERE id = ? AND state <> 'draft'";

    private final DataSource ds;
    private final LiveFeed events;

    public EventsHandler(DataSource ds, LiveFeed events) {
        this.ds = ds;
        this.events = events;
    }

    /** Before the stream starts: a token and an issued warning, else the usual JSON refusal. */
    public void check(Context ctx) throws Exception {
        Auth.requireToken(ctx);
        String id = ctx.pathParam("id");
        List<String> found = new ArrayList<>();
        Sql.query(ds, SqlFragment.of(EXISTS, id), rs -> found.add(rs.getString(1)));
        if (found.isEmpty()) throw ApiException.notFound("there is no issued warning with the id '" + id + "'");
    }

    /**
     * The stream: event {@code ready} first, then one event {@code target} per state change
     * ({@code {"warning","person","tier","from","state"}}) or batch of new targets
     * ({@code {"warning","added":n}}), as PostgreSQL's NOTIFY reports them to this server's one
     * LISTEN connection; a comment every 15 s keeps proxies from closing it. A client that
     * reconnects re-reads the board for what it missed.
     */
    public void stream(SseClient client) {
        Caller c = Auth.caller(client.ctx());
        events.stream(client.ctx().pathParam("id"), c.scope() == null ? "" : c.scope(), client);
    }
}
