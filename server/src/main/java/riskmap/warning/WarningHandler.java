package riskmap.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.domain.Bbox;
import riskmap.domain.Crs;
import riskmap.http.Auth;
import riskmap.http.EditHandler;
import riskmap.http.Json;
import riskmap.http.param.QueryParams;

/**
 * {@code /api/warnings}: drafts (create, read with ETag, PATCH with If-Match), issue, Update and
 * Cancel messages, the targets, the board, the preview and the history.
 *
 * <p>Issued warnings are public (anyone reads them, as a siren is heard by all); drafts only by
 * accounts with {@code issue_warning} whose scope matches the sender. Every write needs
 * {@code issue_warning} with the area in scope ({@link WarningScope}). Refusals in the order of
 * the other write APIs: 401/403 for the account, 400 for the body, 404, 403 for the scope,
 * 409 for the lifecycle, 412 for a stale version; a refused request writes nothing.
 */
public final class WarningHandler {
    static final String BODY_EXAMPLE = "a JSON warning such as {\"level\":3,\"category\":\"landslide\",\"headline\":\"…\",\"description\":\"…\","
            + "\"expires\":\"2026-07-01T20:00:00+08:00\",\"area\":{\"description\":\"万州区余家镇\",\"region_codes\":[\"500101145\"]}}";
    private final WarningStore store;
    private final Clock clock;

    /** {@code clock}: "now" for the board's overdue flags and order. */
    public WarningHandler(WarningStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    WarningStore store() {
        return store;
    }

    /** {@code POST /api/warnings}: a draft Alert → 201, Location, ETag. */
    public void create(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.ISSUE_WARNING, "creating a warning");
        WarningInput in = checked(caller, body(ctx), "Alert");
        WarningScope.check(caller, in, store.hazardsInside(in.area()));
        Warning w = store.createDraft(in, caller.name());
        ctx.status(201).header("Location", "/api/warnings/" + w.id());
        answer(ctx, w);
    }

    /** {@code POST /api/warnings/preview}: the hazards inside and the people a warning would call; writes nothing. */
    public void preview(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.ISSUE_WARNING, "previewing a warning");
        WarningInput in = checked(caller, body(ctx), "Alert");
        WarningStore.Preview p = store.preview(in.area(), Auth.visibility(ctx));
        WarningScope.check(caller, in, p.hazards());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hazards", Map.of("count", p.hazards().size(), "items", p.hazards().stream().map(InsideHazard::toJson).toList()));
        body.put("count", p.targets().size());
        body.put("by_tier", byTier(p.targets()));
        body.put("targets", p.targets().stream().map(Target::toJson).toList());
        ctx.json(body);
    }

    /** {@code GET /api/warnings?state=&active=true&level=&bbox=&limit=}, newest first. */
    public void list(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        WarningQuery q = new WarningQuery(p.listOf("state", WarningQuery.STATES), p.flag("active"),
                p.listOf("level", List.of("1", "2", "3", "4")).stream().map(Integer::valueOf).toList(), Bbox.parse(p.raw("bbox"), Crs.CRS84),
                p.intOr("limit", WarningQuery.DEFAULT_LIMIT, 1, WarningQuery.MAX_LIMIT));
        List<Warning> found = store.list(q, draftScope(Auth.caller(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("warnings", found.stream().map(Warning::toJson).toList());
        body.put("numberReturned", found.size());
        ctx.json(body);
    }

    /** {@code GET /api/warnings/{id}}: JSON with its ETag, or CAP 1.2 XML for {@code Accept: application/cap+xml}. */
    public void get(Context ctx) throws Exception {
        Warning w = readable(ctx, ctx.pathParam("id"));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains(CapXml.MEDIA_TYPE)) {
            CapHandler.writeCap(ctx, w);
            return;
        }
        answer(ctx, w);
    }

    /** {@code PATCH /api/warnings/{id}} with If-Match: the body's fields replace those of the draft ({@code area} as a whole). */
    public void patch(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.ISSUE_WARNING, "changing a warning");
        JsonNode body = body(ctx);
        int version = EditHandler.ifMatch(ctx);
        Warning w = store.patchDraft(ctx.pathParam("id"), version, caller.name(), current -> {
            requireSender(caller, current);
            WarningInput in = checked(caller, merged(current, body), "Alert");
            WarningScope.check(caller, in, store.hazardsInside(in.area()));
            return in;
        });
        answer(ctx, w);
    }

    /** {@code POST /api/warnings/{id}/issue} (If-Match optional): identifier, sent, targets; answers the issued warning. */
    public void issue(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.ISSUE_WARNING, "issuing a warning");
        Integer version = ctx.header("If-Match") == null ? null : EditHandler.ifMatch(ctx);
        Warning w = store.issue(ctx.pathParam("id"), version, caller.name(), (in, inside) -> WarningScope.check(caller, in, inside));
        answerWithTargets(ctx, w);
    }

    /** {@code POST /api/warnings/{id}/update}: the changed fields → a new Update message, issued; the original turns updated. */
    public void update(Context ctx) throws Exception {
        supersede(ctx, "Update", body(ctx), UnaryOperator.identity());
    }

    /** {@code POST /api/warnings/{id}/cancel} (body optional: headline, description, instruction): a new Cancel message; the original turns cancelled. */
    public void cancel(Context ctx) throws Exception {
        JsonNode body = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : body(ctx);
        supersede(ctx, "Cancel", body, merged -> {
            if (!body.has("headline")) merged.put("headline", truncate("解除：" + merged.get("headline").asText(), 200));
            if (!body.has("description")) merged.put("description", truncate("【解除】" + merged.get("description").asText(), 5000));
            return merged;
        });
    }

    /** {@code GET /api/warnings/{id}/targets}: the people called, village first; phones only where the caller may read them. */
    public void targets(Context ctx) throws Exception {
        Warning w = readable(ctx, ctx.pathParam("id"));
        List<Target> targets = store.targets(w.id(), Auth.visibility(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("warning", w.id());
        body.put("identifier", w.identifier());
        body.put("state", w.state());
        body.put("targets", targets.stream().map(Target::toJson).toList());
        body.put("numberReturned", targets.size());
        ctx.json(body);
    }

    /** {@code GET /api/warnings/{id}/board?limit=}: counts per state and per tier over all targets, and the first targets, overdue first. */
    public void board(Context ctx) throws Exception {
        int limit = new QueryParams(ctx).intOr("limit", WarningBoard.MAX_LIMIT, 1, WarningBoard.MAX_LIMIT);
        Warning w = readable(ctx, ctx.pathParam("id"));
        // whole microseconds, as PostgreSQL keeps deadlines: the SQL order and the flags compare the same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ctx.json(WarningBoard.of(w, store.board(w.id(), Auth.visibility(ctx), now, limit), now));
    }

    /** {@code GET /api/warnings/{id}/history}: every change, oldest first (needs issue_warning; no personal data is in it). */
    public void history(Context ctx) throws Exception {
        Auth.require(ctx, Action.ISSUE_WARNING, "reading a warning's history");
        Warning w = readable(ctx, ctx.pathParam("id"));
        ctx.json(EditHandler.historyBody("warnings", w.id(), store.history(w.id()), UnaryOperator.identity()));
    }

    private void supersede(Context ctx, String msgType, JsonNode body, UnaryOperator<ObjectNode> defaults) throws Exception {
        Caller caller = Auth.require(ctx, Action.ISSUE_WARNING, msgType.equals("Update") ? "updating a warning" : "cancelling a warning");
        if (body.has("area") && msgType.equals("Cancel")) throw ApiException.badRequest("invalid_warning", "area: a Cancel covers the area of the warning it cancels; leave area out");
        Warning w = store.supersede(ctx.pathParam("id"), msgType, caller.name(), current -> {
            requireSender(caller, current);
            return checked(caller, defaults.apply(merged(current, body)), msgType);
        }, (in, inside) -> WarningScope.check(caller, in, inside));
        ctx.status(201).header("Location", "/api/warnings/" + w.id());
        answerWithTargets(ctx, w);
    }

    /** Validated fields, region codes checked against the region table. */
    WarningInput checked(Caller caller, JsonNode body, String msgType) throws SQLException, IOException {
        WarningInput in = new WarningValidator(store.categoryNames(), SenderCode.defaultFor(caller), caller.name(), clock.instant()).check(body, msgType);
        List<String> unknown = store.unknownRegionCodes(in.area().regionCodes());
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("invalid_warning", "area.region_codes: no region has the code " + String.join(", ", unknown)
                    + "; find codes with /api/regions?q=<name>, e.g. /api/regions?q=万州区");
        }
        return in;
    }

    /** The stored fields with the body's on top; {@code area} is replaced whole. */
    private static ObjectNode merged(Warning current, JsonNode body) {
        if (!body.isObject()) throw ApiException.badRequest("invalid_warning", "the body must be a JSON object of the fields to change: " + String.join(", ", WarningValidator.FIELDS));
        ObjectNode merged = current.inputJson();
        body.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
    }

    private static void requireSender(Caller caller, Warning current) {
        if (!SenderCode.mayUse(caller, current.senderCode())) {
            throw new ApiException(403, "forbidden", "this account issues warnings only in " + caller.scopeName() + "; " + current.id()
                    + " was sent by " + current.senderCode() + " (region " + SenderCode.region(current.senderCode()) + "). Nothing was written.");
        }
    }

    /** The warning if this caller may read it: issued ones for everyone, drafts for the accounts that could issue them; 404 otherwise. */
    Warning readable(Context ctx, String id) throws Exception {
        Caller caller = Auth.caller(ctx);
        return store.get(id).filter(w -> !w.isDraft() || caller.can(Action.ISSUE_WARNING) && SenderCode.mayUse(caller, w.senderCode()))
                .orElseThrow(() -> ApiException.notFound("there is no warning with the id '" + id + "'; list them with GET /api/warnings"));
    }

    /** The scope whose drafts a list shows: null none, "" all. */
    static String draftScope(Caller caller) {
        if (!caller.can(Action.ISSUE_WARNING)) return null;
        return caller.scope() == null ? "" : caller.scope();
    }

    private void answerWithTargets(Context ctx, Warning w) throws Exception {
        Map<String, Object> body = w.toJson();
        Map<String, Map<String, Long>> counts = store.counts(w.id());
        Map<String, Long> tiers = new LinkedHashMap<>();
        long total = 0;
        for (String tier : WarningBoard.TIERS) {
            long n = counts.getOrDefault(tier, Map.of()).values().stream().mapToLong(Long::longValue).sum();
            tiers.put(tier, n);
            total += n;
        }
        body.put("targets", Map.of("count", total, "by_tier", tiers, "href", "/api/warnings/" + w.id() + "/targets"));
        ctx.header("ETag", "\"" + w.version() + "\"").json(body);
    }

    private static void answer(Context ctx, Warning w) {
        ctx.header("ETag", "\"" + w.version() + "\"").json(w.toJson());
    }

    static Map<String, Long> byTier(List<Target> targets) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String tier : WarningBoard.TIERS) out.put(tier, targets.stream().filter(t -> t.tier().equals(tier)).count());
        return out;
    }

    private static JsonNode body(Context ctx) {
        return Json.readBody(ctx.body(), BODY_EXAMPLE);
    }

    private static String truncate(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }
}
