package riskmap.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.edit.FeatureInput;
import riskmap.edit.FeatureSchema;
import riskmap.edit.FeatureValidator;
import riskmap.edit.GeoJsonGeometry;
import riskmap.store.CategoryStore;
import riskmap.store.EditStore;

/**
 * Editing one feature of hazards, risk_zones or shelters (api.md §4): create, read with ETag,
 * replace, patch and delete with If-Match, and the feature's change history.
 *
 * <p>Order of refusals: 401/403 for the token's role, 400 for the body, 428 without If-Match,
 * 404 for an unknown id, 403 when the feature (before or after the change) lies outside the
 * editor's region, 412 when the version moved on. A refused request writes nothing.
 */
public final class EditHandler {
    /** The collections that can be written, in api.md order; their paths are /api/{id}. */
    public static final List<String> COLLECTIONS = FeatureSchema.ALL.stream().map(FeatureSchema::id).toList();
    private static final String GEOJSON = "application/geo+json; charset=utf-8";

    private final EditStore store;
    private final CategoryStore categories;

    public EditHandler(EditStore store, CategoryStore categories) {
        this.store = store;
        this.categories = categories;
    }

    /** {@code POST /api/{collection}} with a GeoJSON Feature → 201, Location, ETag, the stored feature. */
    public void create(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        FeatureSchema s = schema(ctx);
        JsonNode feature = featureBody(ctx, false);
        FeatureInput in = validate(validator(s), s, feature.get("id") == null ? null : FeatureValidator.plain(feature.get("id")),
                FeatureValidator.fromJson(feature.get("properties")), feature.get("geometry"));
        Auth.requireInScope(caller, in.adminCode(), "the new feature's");
        EditStore.Stored stored = store.create(s, in, caller.name(), Auth.visibility(ctx));
        ctx.status(201).header("Location", ogc(ctx) ? "/ogc/collections/" + s.id() + "/items/" + stored.id() : "/api/" + s.id() + "/" + stored.id());
        answer(ctx, stored);
    }

    /** {@code GET /api/{collection}/{id}} with its ETag. */
    public void get(Context ctx) throws Exception {
        FeatureSchema s = schema(ctx);
        String id = featureId(ctx);
        EditStore.Stored stored = store.get(s, id, Auth.visibility(ctx))
                .orElseThrow(() -> ApiException.notFound(s.id() + " has no feature with id '" + id + "'"));
        answer(ctx, stored);
    }

    /** {@code PUT /api/{collection}/{id}}: the body is the whole new feature. */
    public void replace(Context ctx) throws Exception {
        write(ctx, false);
    }

    /**
     * {@code PATCH /api/{collection}/{id}}: the body's properties (and geometry, if given) replace
     * those stored; null clears. That is a JSON Merge Patch (RFC 7396) of the feature, so
     * {@code "type"} may be left out, as OGC API – Features Part 4 clients do.
     */
    public void patch(Context ctx) throws Exception {
        write(ctx, true);
    }

    /** {@code DELETE /api/{collection}/{id}} with If-Match → 204. */
    public void delete(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        FeatureSchema s = schema(ctx);
        int version = ifMatch(ctx);
        store.delete(s, featureId(ctx), version, caller.name(), current -> {
            Auth.requireInScope(caller, current.adminCode(), "this feature's");
            return null;
        });
        ctx.status(204);
    }

    /**
     * {@code GET /api/{collection}/{id}/history}: every change, oldest first, personal data included;
     * needs an account with read_personal whose scope covers the feature (as it was last recorded).
     */
    public void history(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.READ_PERSONAL, "reading the change history");
        FeatureSchema s = schema(ctx);
        String id = ctx.pathParam("id");
        List<EditStore.HistoryEntry> entries = store.history(s, id);
        Optional<EditStore.Stored> now = store.get(s, id, Visibility.EVERYTHING);
        if (entries.isEmpty() && now.isEmpty()) {
            throw ApiException.notFound(s.id() + " has no feature with id '" + id + "' and no history for one");
        }
        if (!entries.isEmpty()) {
            // an inspection's or rectification step's entry holds no feature document: then the feature's present code judges
            String code = lastAdminCode(entries).orElseGet(() -> now.map(f -> adminCodeOf(readJson(f.featureJson()))).orElse(null));
            Auth.requireInScope(caller, code, "this feature's");
        }
        ctx.json(historyBody(s.id(), id, entries, UnaryOperator.identity()));
    }

    /** A history answer: {@code collection}, {@code id} and the changes, each document passed through {@code redact} (which may drop personal data). */
    public static Map<String, Object> historyBody(String collection, String id, List<EditStore.HistoryEntry> entries, UnaryOperator<JsonNode> redact) {
        List<Map<String, Object>> changes = entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("action", e.action());
            m.put("actor", e.actor());
            m.put("changed_at", e.changedAt().toString());
            m.put("old", e.oldJson() == null ? null : redact.apply(readJson(e.oldJson())));
            m.put("new", e.newJson() == null ? null : redact.apply(readJson(e.newJson())));
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("collection", collection);
        body.put("id", id);
        body.put("changes", changes);
        return body;
    }

    /**
     * The admin code the feature had after its latest change (before it, for a delete), from the
     * latest entry that holds the feature's document; empty when none does (only inspections and rectification steps).
     */
    private static Optional<String> lastAdminCode(List<EditStore.HistoryEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            EditStore.HistoryEntry e = entries.get(i);
            if (!EditStore.holdsFeature(e)) continue;
            return Optional.ofNullable(adminCodeOf(readJson(e.newJson() != null ? e.newJson() : e.oldJson())));
        }
        return Optional.empty();
    }

    private static String adminCodeOf(JsonNode doc) {
        JsonNode code = doc == null ? null : doc.path("properties").get("admin_code");
        return code == null || code.isNull() ? null : code.asText();
    }

    private void write(Context ctx, boolean patch) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        FeatureSchema s = schema(ctx);
        String id = featureId(ctx);
        JsonNode body = featureBody(ctx, patch);
        JsonNode bodyId = body.get("id");
        if (bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id)) {
            throw ApiException.badRequest("invalid_feature", "id: the body's id '" + bodyId.asText() + "' differs from the path's '" + id
                    + "'; ids cannot be changed (create a new feature and delete this one)");
        }
        int version = ifMatch(ctx);
        FeatureValidator v = validator(s);
        EditStore.Stored stored = store.update(s, id, version, caller.name(), Auth.visibility(ctx), current -> {
            Auth.requireInScope(caller, current.adminCode(), "this feature's");
            Map<String, Object> props;
            JsonNode geometry;
            if (patch) {
                JsonNode old = readJson(current.documentJson());
                props = FeatureValidator.fromJson(old.get("properties"));
                props.keySet().retainAll(s.fields().stream().map(f -> f.name()).toList());
                props.putAll(FeatureValidator.fromJson(body.get("properties")));
                geometry = body.has("geometry") ? body.get("geometry") : old.get("geometry");
            } else {
                props = FeatureValidator.fromJson(body.get("properties"));
                geometry = body.get("geometry");
            }
            FeatureInput in = validate(v, s, null, props, geometry);
            Auth.requireInScope(caller, in.adminCode(), "the changed feature's");
            return in;
        });
        answer(ctx, stored);
    }

    private static FeatureInput validate(FeatureValidator v, FeatureSchema s, Object id, Map<String, Object> props, JsonNode geometryJson) {
        Geometry g = null;
        String problem = null;
        try {
            g = GeoJsonGeometry.read(geometryJson, 4326);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage() + "; give " + s.geometryDescription() + " in WGS84 lon/lat";
        }
        return v.check(id, props, g, problem);
    }

    private FeatureValidator validator(FeatureSchema s) throws Exception {
        return new FeatureValidator(s, categories.ids(), false);
    }

    private static void answer(Context ctx, EditStore.Stored stored) {
        ctx.header("ETag", "\"" + stored.version() + "\"").contentType(GEOJSON).result(stored.featureJson());
    }

    /** The version named by If-Match ({@code "3"} or {@code W/"3"}); 428 when missing. Shared with the people registry. */
    public static int ifMatch(Context ctx) {
        String v = ctx.header("If-Match");
        if (v == null || v.isBlank()) {
            throw new ApiException(428, "precondition_required", "send If-Match with the ETag of the version you edited (GET it to read the ETag)");
        }
        String t = v.trim();
        if (t.startsWith("W/")) t = t.substring(2);
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_header", "If-Match must be one ETag as GET returned it, e.g. \"3\"; got " + v.trim());
        }
    }

    /** The same handlers serve /api/{collection} and OGC API – Features Part 4 at /ogc/collections/{collectionId}/items. */
    private static boolean ogc(Context ctx) {
        return ctx.pathParamMap().containsKey("collectionId");
    }

    private static FeatureSchema schema(Context ctx) {
        if (ogc(ctx)) {
            String id = ctx.pathParam("collectionId");
            return FeatureSchema.byId(id).orElseThrow(() -> riskmap.store.Collections.byId(id).isPresent()
                    ? new ApiException(405, "method_not_allowed", id + " is a read-only view of hazards; edit its features at /ogc/collections/hazards/items")
                    : ApiException.notFound("no collection '" + id + "'; the collections are listed at /ogc/collections"));
        }
        String id = ctx.path().substring("/api/".length()).split("/")[0];
        return FeatureSchema.byId(id).orElseThrow(() -> ApiException.notFound("no editable collection '" + id + "'"));
    }

    private static String featureId(Context ctx) {
        return ctx.pathParam(ogc(ctx) ? "featureId" : "id");
    }

    private static JsonNode featureBody(Context ctx, boolean mergePatch) {
        JsonNode body = readBody(ctx.body());
        boolean typeOk = mergePatch && body.isObject() && !body.has("type") || "Feature".equals(body.path("type").asText());
        if (!body.isObject() || !typeOk) {
            throw ApiException.badRequest("invalid_feature", "the body must be a GeoJSON Feature: {\"type\":\"Feature\",\"properties\":{…},\"geometry\":{…}}");
        }
        JsonNode props = body.get("properties");
        if (props != null && !props.isNull() && !props.isObject()) {
            throw ApiException.badRequest("invalid_feature", "properties: must be a JSON object");
        }
        return body;
    }

    private static JsonNode readBody(String text) {
        return Json.readBody(text, "a GeoJSON Feature");
    }

    private static JsonNode readJson(String text) {
        if (text == null) return null;
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }
}
