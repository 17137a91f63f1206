package riskmap.delivery;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.param.QueryParams;

/**
 * {@code GET /api/warnings/{id}/board} and its live feed {@code GET /api/warnings/{id}/events}
 * (Server-Sent Events). Both need a token (the board names people and carries their notes) and
 * cover the targets in the account's scope; neither carries phones or e-mail addresses.
 */
public final class BoardHandler {
    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 100_000;

    private final Board board;
    private final TargetEvents events;

    public BoardHandler(Board board, TargetEvents events) {
        this.board = board;
        this.events = events;
    }

    /** {@code GET /api/warnings/{id}/board?limit=}: counts by state and tier, then the targets, overdue first. */
    public void board(Context ctx) throws Exception {
        Caller c = Auth.requireToken(ctx);
        int limit = new QueryParams(ctx).intOr("limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
        String id = ctx.pathParam("id");
        Map<String, Object> body = board.read(id, scope(c), limit).orElseThrow(() -> notFound(id));
        ctx.json(body);
    }

    /** Before the event stream starts: a token, and a warning that exists (refusals get the usual JSON, not a stream). */
    public void checkEvents(Context ctx) throws Exception {
        Caller c = Auth.requireToken(ctx);
        String id = ctx.pathParam("id");
        if (board.read(id, scope(c), 0).isEmpty()) throw notFound(id);
    }

    /**
     * The stream: event {@code ready} first, then one event {@code target} per state change
     * ({@code {"warning","person","tier","from","state"}}) or batch of new targets
     * ({@code {"warning","added":n}}) of this warning, as PostgreSQL's NOTIFY reports them to this
     * server's one LISTEN connection; a comment every 15 s keeps proxies from closing it. A
     * client that reconnects re-reads the board for what it missed.
     */
    public void events(SseClient client) {
        Caller c = Auth.caller(client.ctx());
        String id = client.ctx().pathParam("id");
        events.stream(id, scope(c), client);
    }

    private static String scope(Caller c) {
        return c.scope() == null ? "" : c.scope();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("there is no warning with the id '" + id + "'");
    }
}
