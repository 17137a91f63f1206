package riskmap.rectification;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.Json;

/**
 * {@code POST /api/hazards/{id}/rectifications}, {@code GET /api/rectifications/{id}} and
 * {@code POST /api/rectifications/{id}/transitions}. Refusals in order: 401 without an account,
 * 400 for an unknown action, 404, 403 for the point's scope, 409 for a step the state (and the
 * pending extension request) does not allow, 403 without the account action the step needs there,
 * 400 for the rest of the body. A refused request writes nothing.
 */
public final class RectificationHandler {
    private static final String EXPECTED = "{\"action\":\"order\",\"deadline\":\"2026-07-01T18:00:00+08:00\",\"responsible_person_id\":\"PS000001\"}";
    private final RectificationStore store;
    private final Clock clock;

    public RectificationHandler(RectificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Report a hidden danger on the point → 201 with the new rectification. */
    public void report(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        Instant now = clock.instant();
        Rectification r = store.report(ctx.pathParam("id"), caller.name(), now, access(caller, "this hazard point's", "reporting"));
        ctx.status(201).header("Location", "/api/rectifications/" + r.id()).json(r.toJson(now));
    }

    /** The rectification with its steps and whether it is overdue now; rows outside a closed server's scope are not found. */
    public void get(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        Rectification r = store.get(id).filter(x -> x.adminCode().startsWith(Auth.visibility(ctx).rows()))
                .orElseThrow(() -> ApiException.notFound("no rectification " + id));
        ctx.json(r.toJson(clock.instant()));
    }

    /** One step of the state machine → 200 with the rectification after it. */
    public void transition(Context ctx) throws Exception {
        Caller caller = Auth.requireToken(ctx);
        JsonNode body = Json.readBody(ctx.body(), EXPECTED);
        if (!body.isObject()) throw ApiException.badRequest("invalid_json", "the body must be a JSON object such as " + EXPECTED);
        Transition action = StepInput.action(body);
        Instant now = clock.instant();
        String id = ctx.pathParam("id");
        Rectification r = store.apply(id, action, () -> StepInput.parse(body, action, now), caller.name(), now,
                access(caller, "this rectification's point's", "'" + action.id() + "' on this rectification"));
        ctx.json(r.toJson(now));
    }

    private static Access access(Caller caller, String whose, String what) {
        return new Access() {
            @Override
            public void inScope(String adminCode) {
                Auth.requireInScope(caller, adminCode, whose);
            }

            @Override
            public void holds(Action needed) {
                Auth.requireAction(caller, needed, what);
            }
        };
    }
}
