package riskmap.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Caller;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.edit.FeatureValidator;
import riskmap.geojson.GeoJsonWriter;
import riskmap.http.Auth;
import riskmap.http.EditHandler;
import riskmap.http.ImportSlots;
import riskmap.http.Json;
import riskmap.http.TransferHandler;
import riskmap.http.param.QueryParams;
import riskmap.importers.ImportReport;
import riskmap.importers.TextEncoding;

/**
 * {@code /api/people}: search, read with ETag, create, replace and patch and delete with If-Match,
 * history, and the features linked to a person.
 *
 * <p>Reads follow the caller's {@link Visibility}: phones and e-mail addresses only inside the caller's personal-data
 * scope, and with {@code public_read=false} only the people in its scope. Writes need the action
 * {@code edit} and the person's admin code in the account's scope before and after the change.
 * Order of refusals as for features: 401/403 for the account, 400 for the body, 428 without
 * If-Match, 404, 403 for the scope, 412 for a stale version. A refused request writes nothing.
 */
public final class PeopleHandler {
    private final PeopleStore store;
    private final PeopleImport imports;
    private final ImportSlots slots;

    public PeopleHandler(PeopleStore store, ImportSlots slots) {
        this.store = store;
        this.imports = new PeopleImport(store);
        this.slots = slots;
    }

    /** {@code GET /api/people?q=&admin_code=&role=&tier=&limit=&offset=} → {@code {"people":[…],"numberMatched":n}}. */
    public void list(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        List<String> roleIds = store.roles().stream().map(DutyRole::id).toList();
        PeopleQuery q = new PeopleQuery(p.raw("q"), p.codePrefix("admin_code"), p.listOf("role", roleIds), p.listOf("tier", Tier.ids()),
                p.intOr("limit", PeopleQuery.DEFAULT_LIMIT, 1, PeopleQuery.MAX_LIMIT), p.intOr("offset", 0, 0, Integer.MAX_VALUE));
        PeopleStore.Page page = store.search(q, Auth.visibility(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("people", page.people().stream().map(Person::toJson).toList());
        body.put("numberMatched", page.numberMatched());
        body.put("numberReturned", page.people().size());
        ctx.json(body);
    }

    /** {@code GET /api/people/roles}: every duty role with its Chinese and English name. */
    public void roles(Context ctx) throws Exception {
        List<Map<String, String>> roles = store.roles().stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("name_zh", r.nameZh());
            m.put("name_en", r.nameEn());
            return m;
        }).toList();
        ctx.json(Map.of("roles", roles));
    }

    /** {@code GET /api/people/{id}} with its ETag. */
    public void get(Context ctx) throws Exception {
        answer(ctx, readable(ctx, ctx.pathParam("id")));
    }

    /** {@code POST /api/people} → 201, Location, ETag, the stored person. */
    public void create(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        Map<String, Object> props = body(ctx);
        if (props.get("id") != null) throw new PersonValidator.Invalid("id: is chosen by the server; leave it out");
        PersonInput in = validator().check(props);
        Auth.requireInScope(caller, in.adminCode(), "the new person's");
        Person stored = store.create(in, caller.name(), Auth.visibility(ctx));
        ctx.status(201).header("Location", "/api/people/" + stored.id());
        answer(ctx, stored);
    }

    /** {@code PUT /api/people/{id}}: the body is the whole new person. */
    public void replace(Context ctx) throws Exception {
        write(ctx, false);
    }

    /** {@code PATCH /api/people/{id}}: the body's fields replace those stored; null clears. */
    public void patch(Context ctx) throws Exception {
        write(ctx, true);
    }

    /** {@code DELETE /api/people/{id}} with If-Match → 204; 409 while features link to the person. */
    public void delete(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        int version = EditHandler.ifMatch(ctx);
        store.delete(ctx.pathParam("id"), version, caller.name(), current -> Auth.requireInScope(caller, current.adminCode(), "this person's"));
        ctx.status(204);
    }

    /** {@code GET /api/people/{id}/history}: every change, oldest first, for a token whose scope covers the person. */
    public void history(Context ctx) throws Exception {
        Caller caller = Auth.requireToken(ctx);
        String id = ctx.pathParam("id");
        String adminCode = store.historyAdminCode(id).orElseThrow(() -> ApiException.notFound("there is no person with the id '" + id + "' and no history for one"));
        Auth.requireInScope(caller, adminCode, "this person's");
        boolean phones = caller.seesPersonalDataOf(adminCode);
        ctx.json(EditHandler.historyBody("people", id, store.history(id), doc -> {
            if (!phones && doc instanceof ObjectNode o) {
                o.remove("phone");
                o.remove("email");
            }
            return doc;
        }));
    }

    /** {@code GET /api/people/{id}/features}: a GeoJSON FeatureCollection of the hazard points, risk zones and shelters linked to the person. */
    public void features(Context ctx) throws Exception {
        Person p = readable(ctx, ctx.pathParam("id"));
        ctx.contentType("application/geo+json; charset=utf-8");
        try (GeoJsonWriter out = new GeoJsonWriter(ctx.outputStream())) {
            out.startCollection();
            out.json().writeStringField("person", p.id());
            out.startFeatures();
            store.linked(p.id(), Auth.visibility(ctx), out::writeFeature);
            out.endFeatures();
            out.json().writeNumberField("numberReturned", out.featuresWritten());
            out.endCollection();
        }
    }

    /** {@code POST /api/people/import[?dry_run=true][&skip_invalid=true][&encoding=GBK]} with a CSV body; answered like /api/import. */
    public void importCsv(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        QueryParams p = new QueryParams(ctx);
        boolean dryRun = p.flag("dry_run");
        boolean skipInvalid = p.flag("skip_invalid");
        String encoding = p.raw("encoding");
        ImportReport report;
        try (ImportSlots.Slot slot = slots.take(); InputStream body = ctx.bodyInputStream()) {
            report = imports.run(body, encoding == null ? null : TextEncoding.named(encoding), caller, dryRun, skipInvalid);
        }
        TransferHandler.answer(ctx, report, skipInvalid);
    }

    private void write(Context ctx, boolean patch) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        String id = ctx.pathParam("id");
        Map<String, Object> props = body(ctx);
        Object bodyId = props.get("id");
        if (bodyId != null && !id.equals(bodyId)) {
            throw new PersonValidator.Invalid("id: the body's id '" + bodyId + "' differs from the path's '" + id + "'; ids cannot be changed");
        }
        int version = EditHandler.ifMatch(ctx);
        PersonValidator v = validator();
        Person stored = store.update(id, version, caller.name(), Auth.visibility(ctx), current -> {
            Auth.requireInScope(caller, current.adminCode(), "this person's");
            Map<String, Object> merged = patch ? current.properties() : new LinkedHashMap<>();
            merged.putAll(props);
            PersonInput in = v.check(merged);
            Auth.requireInScope(caller, in.adminCode(), "the changed person's");
            return in;
        });
        answer(ctx, stored);
    }

    /** The person if the caller may read it; 404 otherwise, so an out-of-scope id reveals nothing on a closed server. */
    private Person readable(Context ctx, String id) throws Exception {
        return store.get(id, Auth.visibility(ctx)).orElseThrow(() -> ApiException.notFound("there is no person with the id '" + id + "'"));
    }

    private PersonValidator validator() throws Exception {
        return new PersonValidator(store.roles(), false);
    }

    private static Map<String, Object> body(Context ctx) {
        JsonNode body = Json.readBody(ctx.body(), "a JSON object such as {\"name\":\"王五\",\"phone\":\"13800001111\",\"admin_code\":\"500101\"}");
        if (!body.isObject()) throw new PersonValidator.Invalid("the body must be a JSON object of a person's fields: " + String.join(", ", PersonValidator.FIELDS));
        return FeatureValidator.fromJson(body);
    }

    private static void answer(Context ctx, Person p) {
        ctx.header("ETag", "\"" + p.version() + "\"").json(p.toJson());
    }
}
