package riskmap.dualcontrol;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.EditHandler;
import riskmap.http.param.QueryParams;

/**
 * {@code /api/risk_zones/{id}/hazards…} and {@code /api/dual-control/checks}. Reads follow the
 * server's read rules (a closed server shows only the caller's rows); link writes need an editor
 * whose scope covers both the zone and the point. Refusals in order: 401/403 for the account, 404
 * for an unknown zone or point, 403 for the scope. A refused request writes nothing.
 */
public final class DualControlHandler {
    /** Largest distance a request may ask for: a suggestion is a neighbour of the zone, not a county-wide search. */
    static final double MAX_DISTANCE_METRES = 10_000;
    private static final int MAX_LIMIT = 10_000;
    private final ZoneHazardStore store;
    private final double distanceMetres;
    private final Clock clock;

    /** {@code distanceMetres}: the configured suggestion distance (zone_hazard_distance_m), also the checks' "far apart". */
    public DualControlHandler(ZoneHazardStore store, double distanceMetres, Clock clock) {
        this.store = store;
        this.distanceMetres = distanceMetres;
        this.clock = clock;
    }

    /** {@code GET /api/risk_zones/{id}/hazards}: the linked points, by id. */
    public void hazards(Context ctx) throws Exception {
        String zoneId = ctx.pathParam("id");
        ctx.json(points(zoneId, null, store.linked(zoneId, Auth.visibility(ctx))));
    }

    /** {@code GET /api/risk_zones/{id}/hazard-suggestions[?distance][&limit]}: unlinked points inside or near the zone, nearest first. */
    public void suggestions(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        double distance = distance(p);
        int limit = p.intOr("limit", 100, 1, MAX_LIMIT);
        String zoneId = ctx.pathParam("id");
        ctx.json(points(zoneId, distance, store.suggestions(zoneId, distance, limit, Auth.visibility(ctx))));
    }

    /** {@code PUT /api/risk_zones/{id}/hazards/{hazardId}}: confirms the link → 201 when made now, 200 when it was there. */
    public void link(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        ZoneHazardStore.Confirmed r = store.link(ctx.pathParam("id"), ctx.pathParam("hazardId"), distanceMetres, caller.name(), clock.instant(),
                inScope(caller));
        ctx.status(r.created() ? 201 : 200).json(r.link().toJson());
    }

    /** {@code DELETE /api/risk_zones/{id}/hazards/{hazardId}} → 204. */
    public void unlink(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        store.unlink(ctx.pathParam("id"), ctx.pathParam("hazardId"), caller.name(), inScope(caller));
        ctx.status(204);
    }

    /** {@code GET /api/risk_zones/{id}/hazards/history}: the zone's link changes, as the edit history answers (read_personal in scope). */
    public void history(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.READ_PERSONAL, "reading the change history");
        String zoneId = ctx.pathParam("id");
        ZoneHazardStore.Zone zone = store.zone(zoneId, Visibility.EVERYTHING).orElseThrow(() -> ZoneHazardStore.unknownZone(zoneId));
        Auth.requireInScope(caller, zone.adminCode(), "this zone's");
        ctx.json(EditHandler.historyBody(ZoneHazardStore.HISTORY_COLLECTION, zoneId, store.history(zoneId), UnaryOperator.identity()));
    }

    /**
     * {@code GET /api/dual-control/checks[?region][&distance][&limit]}: every inconsistency in the region
     * (default: the caller's scope), with exact counts and the first {@code limit} findings of each.
     */
    public void checks(Context ctx) throws Exception {
        Caller caller = Auth.requireToken(ctx);
        QueryParams p = new QueryParams(ctx);
        String region = p.codePrefix("region");
        if (region == null) region = caller.scope() == null ? "" : caller.scope();
        if (caller.scope() != null && !region.startsWith(caller.scope())) {
            throw new ApiException(403, "forbidden", "this account acts only in " + caller.scopeName() + "; give a region inside it (or none), got " + region);
        }
        double distance = distance(p);
        int limit = p.intOr("limit", 1000, 1, MAX_LIMIT);
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Check.Result r : store.checks(region, distance, limit)) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("count", r.count());
            check.put("items", r.items().stream().map(DualControlHandler::finding).toList());
            checks.put(r.check().id, check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region.isEmpty() ? null : region);
        body.put("distance_m", distance);
        body.put("limit", limit);
        body.put("checks", checks);
        ctx.json(body);
    }

    private double distance(QueryParams p) {
        return p.raw("distance") == null ? distanceMetres : p.requiredPositive("distance", MAX_DISTANCE_METRES, " metres");
    }

    private static BiConsumer<String, String> inScope(Caller caller) {
        return (zoneCode, hazardCode) -> {
            Auth.requireInScope(caller, zoneCode, "this risk zone's");
            Auth.requireInScope(caller, hazardCode, "this hazard point's");
        };
    }

    private static Map<String, Object> points(String zoneId, Double distance, List<ZoneHazard> points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zone_id", zoneId);
        if (distance != null) body.put("distance_m", distance);
        body.put("numberReturned", points.size());
        body.put("hazards", points.stream().map(ZoneHazard::toJson).toList());
        return body;
    }

    private static Map<String, Object> finding(Check.Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("admin_code", f.adminCode());
        if (f.distanceMetres() != null) m.put("distance_m", f.distanceMetres());
        return m;
    }
}
