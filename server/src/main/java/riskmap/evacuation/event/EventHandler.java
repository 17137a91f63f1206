package riskmap.evacuation.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.Json;
import riskmap.http.param.QueryParams;

/**
 * The evacuation-event API under {@code /api/evacuation}. Every request needs a token; an event
 * belongs to its village (admin code) and is read and changed only by accounts whose scope covers
 * it (403 otherwise); changes need the action {@code edit}. Names and phones of households appear
 * only for accounts that read personal data there. Refusals in order: 401/403 for the account, 400
 * for the body, 404, 403 for the scope, 409 for a closed event or a refused state change. A
 * refused request writes nothing.
 */
public final class EventHandler {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final String START_EXPECTED = "{\"stage\":\"evacuate\"} (or \"prepare\"; an empty body means evacuate)";

    private final EventStore store;
    private final Clock clock;

    public EventHandler(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code POST /api/evacuation/plans/{id}/events}: starts the plan's event by hand → 201. */
    public void start(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.EDIT, "starting an evacuation");
        String stage = stage(ctx.body());
        EvacuationEvent e = store.openByHand(ctx.pathParam("id"), stage, caller.name(), clock.instant(),
                code -> Auth.requireInScope(caller, code, "this plan's"));
        ctx.status(201).header("Location", "/api/evacuation/events/" + e.id()).json(store.detail(e));
    }

    /** {@code GET /api/evacuation/events?state=open|closed&limit=}: the events in the caller's scope, newest first. */
    public void list(Context ctx) throws Exception {
        Caller caller = Auth.requireToken(ctx);
        QueryParams p = new QueryParams(ctx);
        List<String> states = p.listOf("state", List.of("open", "closed"));
        int limit = p.intOr("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<EvacuationEvent> events = store.list(caller.scope() == null ? "" : caller.scope(),
                states.isEmpty() || states.contains("open"), states.isEmpty() || states.contains("closed"), limit);
        ctx.json(Map.of("events", events.stream().map(EvacuationEvent::toJson).toList()));
    }

    /** {@code GET /api/evacuation/events/{id}}: the event, its counts per state and its shelters' occupancy. */
    public void get(Context ctx) throws Exception {
        ctx.json(store.detail(readable(ctx, store)));
    }

    /** {@code GET /api/evacuation/events/{id}/households}: every household of the event with its state, as GeoJSON. */
    public void households(Context ctx) throws Exception {
        EvacuationEvent e = readable(ctx, store);
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", store.households(e.id(), null, Auth.visibility(ctx).personalRows()));
        ctx.json(fc);
    }

    /** {@code GET /api/evacuation/events/{id}/households/{hid}}: one household with its state changes. */
    public void household(Context ctx) throws Exception {
        EvacuationEvent e = readable(ctx, store);
        String hid = ctx.pathParam("hid");
        List<Map<String, Object>> found = store.households(e.id(), hid, Auth.visibility(ctx).personalRows());
        if (found.isEmpty()) throw ApiException.notFound("event " + e.id() + " has no household " + hid);
        Map<String, Object> f = new LinkedHashMap<>(found.get(0));
        f.put("changes", store.changes(e.id(), hid));
        ctx.json(f);
    }

    /** {@code POST /api/evacuation/events/{id}/households/{hid}/state}: one step of {@link HouseholdState}'s machine → 200 with the counts after it. */
    public void changeState(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.EDIT, "changing a household's state");
        StateChange change = StateChange.parse(Json.readBody(ctx.body(), StateChange.EXPECTED));
        ctx.json(store.changeState(ctx.pathParam("id"), ctx.pathParam("hid"), change, caller.name(), clock.instant(),
                code -> Auth.requireInScope(caller, code, "this event's")));
    }

    /** {@code POST /api/evacuation/events/{id}/close}: ends the event; the households keep their last states. */
    public void close(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.EDIT, "closing an evacuation");
        EvacuationEvent e = store.close(ctx.pathParam("id"), caller.name(), clock.instant(), code -> Auth.requireInScope(caller, code, "this event's"));
        ctx.json(store.detail(e));
    }

    /** The event of the path, for a caller with a token whose scope covers it. */
    static EvacuationEvent readable(Context ctx, EventStore store) throws Exception {
        Caller caller = Auth.requireToken(ctx);
        String id = ctx.pathParam("id");
        EvacuationEvent e = store.get(id).orElseThrow(() -> ApiException.notFound("no evacuation event " + id));
        Auth.requireInScope(caller, e.adminCode(), "this event's");
        return e;
    }

    private static String stage(String body) {
        if (body.isBlank()) return "evacuate";
        JsonNode b = Json.readBody(body, START_EXPECTED);
        if (!b.isObject() || b.size() > 1 || b.size() == 1 && !b.has("stage")) {
            throw ApiException.badRequest("invalid_json", "the body must be " + START_EXPECTED);
        }
        JsonNode s = b.path("stage");
        if (s.isMissingNode()) return "evacuate";
        if (!s.isTextual() || !List.of("prepare", "evacuate").contains(s.asText())) {
            throw ApiException.invalidParameter("stage", "'" + s + "' is not a stage; use prepare (准备转移) or evacuate (立即转移)");
        }
        return s.asText();
    }
}
