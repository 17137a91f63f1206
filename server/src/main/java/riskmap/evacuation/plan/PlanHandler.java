package riskmap.evacuation.plan;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.evacuation.StoredShelters;
import riskmap.evacuation.allocation.Allocation;
import riskmap.evacuation.allocation.Assignment;
import riskmap.evacuation.allocation.Demand;
import riskmap.evacuation.allocation.ShelterAllocator;
import riskmap.evacuation.allocation.Supply;
import riskmap.http.Auth;
import riskmap.http.Json;
import riskmap.http.param.QueryParams;

/**
 * {@code /api/evacuation/plans}: the villages' transfer plans (何时转、谁来转、往哪转). Reads follow the
 * caller's visibility; writes need the action {@code edit} (as people and features) and the plan's
 * admin code in the account's scope before and after the change.
 */
public final class PlanHandler {
    private final PlanStore store;
    private final StoredShelters shelters;

    public PlanHandler(PlanStore store, StoredShelters shelters) {
        this.store = store;
        this.shelters = shelters;
    }

    /** {@code GET /api/evacuation/plans?admin_code=} → {@code {"plans":[…]}}. */
    public void list(Context ctx) throws Exception {
        List<String> docs = store.search(new QueryParams(ctx).codePrefix("admin_code"), Auth.visibility(ctx));
        ctx.contentType("application/json").result("{\"plans\":[" + String.join(",", docs) + "]}");
    }

    public void get(Context ctx) throws Exception {
        get(ctx, ctx.pathParam("id"));
    }

    /** {@code POST /api/evacuation/plans} → 201 and the stored plan. */
    public void create(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        PlanInput in = input(ctx);
        Auth.requireInScope(caller, in.adminCode(), "the new plan's");
        String id = store.create(in);
        ctx.status(201).header("Location", "/api/evacuation/plans/" + id);
        get(ctx, id);
    }

    /** {@code PUT /api/evacuation/plans/{id}}: the body is the whole plan, its households included. */
    public void replace(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        PlanInput in = input(ctx);
        Auth.requireInScope(caller, in.adminCode(), "the changed plan's");
        String id = ctx.pathParam("id");
        store.update(id, in, current -> Auth.requireInScope(caller, current, "this plan's"));
        get(ctx, id);
    }

    public void delete(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        store.delete(ctx.pathParam("id"), current -> Auth.requireInScope(caller, current, "this plan's"));
        ctx.status(204);
    }

    /**
     * {@code POST /api/evacuation/plans/{id}/allocate}: the plan's households to the stored shelters with
     * room by {@link ShelterAllocator}, written to the plan. The plan table holds one shelter per
     * household, so a household the allocator splits keeps none and is listed to be placed by hand:
     * no shelter ever gets more people than its capacity.
     */
    public void allocate(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        String id = ctx.pathParam("id");
        List<Demand> households = store.members(id, current -> Auth.requireInScope(caller, current, "this plan's"));
        if (households.isEmpty()) throw ApiException.badRequest("invalid_plan", "the plan has no households; PUT them into the plan first");
        List<Supply> near = shelters.near(households, Auth.visibility(ctx));
        Allocation a = ShelterAllocator.allocate(households, near);
        Map<String, List<Assignment>> byHousehold = new HashMap<>();
        a.assignments().forEach(x -> byHousehold.computeIfAbsent(x.demandId(), k -> new ArrayList<>()).add(x));
        Map<String, String> shelterOf = new LinkedHashMap<>();
        Map<String, Double> distanceOf = new HashMap<>();
        List<Map<String, Object>> unplaced = new ArrayList<>();
        int placedPeople = 0;
        for (Demand d : households) {
            List<Assignment> parts = byHousehold.getOrDefault(d.id(), List.of());
            boolean whole = parts.size() == 1 && parts.get(0).people() == d.people();
            shelterOf.put(d.id(), whole ? parts.get(0).supplyId() : null);
            if (whole) {
                distanceOf.put(d.id(), parts.get(0).distanceM());
                placedPeople += d.people();
            } else {
                unplaced.add(Map.of("household", d.id(), "people", d.people(), "reason", parts.isEmpty() ? "no shelter with room" : "would be split over shelters"));
            }
        }
        store.place(id, shelterOf, distanceOf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan", id);
        body.put("households", households.size());
        body.put("placed_households", households.size() - unplaced.size());
        body.put("placed_people", placedPeople);
        body.put("unplaced_people", households.stream().mapToInt(Demand::people).sum() - placedPeople);
        body.put("unplaced", unplaced);
        body.put("total_person_metres", Math.round(a.totalPersonMetres() * 10) / 10.0);
        body.put("optimal", a.optimal());
        body.put("shelters_considered", near.size());
        ctx.json(body);
    }

    private void get(Context ctx, String id) throws Exception {
        ctx.contentType("application/json").result(store.get(id, Auth.visibility(ctx)).orElseThrow(() -> notFound(id)));
    }

    private static PlanInput input(Context ctx) {
        return PlanValidator.check(Json.readBody(ctx.body(), "a JSON object such as {\"name\":\"关龙村转移预案\",\"admin_code\":\"500101105201\",\"households\":[]}"));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("there is no evacuation plan with the id '" + id + "'");
    }
}
