package riskmap.evacuation.household;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.domain.Bbox;
import riskmap.domain.Crs;
import riskmap.edit.FeatureValidator;
import riskmap.http.Auth;
import riskmap.http.ImportSlots;
import riskmap.http.Json;
import riskmap.http.TransferHandler;
import riskmap.http.param.QueryParams;
import riskmap.importers.TextEncoding;

/**
 * {@code /api/households}: the households (户) of the evacuation plans, as GeoJSON.
 *
 * <p>Access as for people: reads follow the caller's {@link riskmap.auth.Visibility} (phones only
 * inside the caller's personal-data scope, never anonymously); writes need the action {@code edit}
 * and the household's admin code in the account's scope before and after the change. A refused
 * request writes nothing.
 */
public final class HouseholdHandler {
    private final HouseholdStore store;
    private final HouseholdImport imports;
    private final ImportSlots slots;

    public HouseholdHandler(HouseholdStore store, ImportSlots slots) {
        this.store = store;
        this.imports = new HouseholdImport(store);
        this.slots = slots;
    }

    /** {@code GET /api/households?admin_code=&bbox=&limit=} → a GeoJSON FeatureCollection. */
    public void list(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        HouseholdQuery q = new HouseholdQuery(p.codePrefix("admin_code"), Bbox.parse(p.raw("bbox"), Crs.CRS84),
                p.intOr("limit", HouseholdQuery.DEFAULT_LIMIT, 1, HouseholdQuery.MAX_LIMIT));
        List<Household> found = store.search(q, Auth.visibility(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "FeatureCollection");
        body.put("features", found.stream().map(Household::toFeature).toList());
        body.put("numberReturned", found.size());
        ctx.contentType("application/geo+json; charset=utf-8").result(Json.MAPPER.writeValueAsString(body));
    }

    /** {@code GET /api/households/{id}}: 404 also when out of a closed server's scope, so the id reveals nothing. */
    public void get(Context ctx) throws Exception {
        answer(ctx, readable(ctx, ctx.pathParam("id")));
    }

    /** {@code POST /api/households} → 201, Location, the stored household. */
    public void create(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        HouseholdInput in = new HouseholdValidator(false).check(body(ctx));
        Auth.requireInScope(caller, in.adminCode(), "the new household's");
        Household stored = store.create(in, Auth.visibility(ctx));
        ctx.status(201).header("Location", "/api/households/" + stored.id());
        answer(ctx, stored);
    }

    /** {@code PUT /api/households/{id}}: the body is the whole new household. */
    public void replace(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        String id = ctx.pathParam("id");
        Map<String, Object> props = body(ctx);
        if (props.get("id") != null && !id.equals(props.get("id"))) throw new HouseholdValidator.Invalid("id: the body's id differs from the path's '" + id + "'; ids cannot be changed");
        HouseholdInput in = new HouseholdValidator(false).check(props);
        Auth.requireInScope(caller, in.adminCode(), "the changed household's");
        answer(ctx, store.update(id, in, current -> Auth.requireInScope(caller, current, "this household's"), Auth.visibility(ctx)));
    }

    /** {@code DELETE /api/households/{id}} → 204. */
    public void delete(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        store.delete(ctx.pathParam("id"), current -> Auth.requireInScope(caller, current, "this household's"));
        ctx.status(204);
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * {@code POST /api/households/import[?dry_run=true][&encoding=GBK][&format=xlsx]} with a CSV or
     * Excel body: every row or none; answered like /api/import.
     */
    public void importRegister(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        QueryParams p = new QueryParams(ctx);
        String encoding = p.raw("encoding");
        try (ImportSlots.Slot slot = slots.take(); InputStream body = ctx.bodyInputStream()) {
            TransferHandler.answer(ctx, imports.run(body, encoding == null ? null : TextEncoding.named(encoding), isXlsx(ctx, p), caller, p.flag("dry_run")), false);
        }
    }

    /** An Excel workbook: {@code format=xlsx}, or the Content-Type Excel sends; anything else is CSV. */
    private static boolean isXlsx(Context ctx, QueryParams p) {
        String format = p.raw("format");
        if (format != null && !format.equals("csv") && !format.equals("xlsx")) {
            throw ApiException.invalidParameter("format", "format must be csv or xlsx, got '" + format + "'");
        }
        String type = ctx.header("Content-Type");
        return "xlsx".equals(format) || format == null && type != null && type.startsWith(XLSX);
    }

    /** {@code GET /api/households/{id}/card[?lang=en]}: the household's printable 明白卡, one per plan it is in. */
    public void card(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        List<Card> cards = store.householdCards(id, Auth.visibility(ctx));
        if (cards.isEmpty()) throw ApiException.notFound("there is no household with the id '" + id + "'");
        printable(ctx, cards.get(0).headName(), cards);
    }

    /** {@code GET /api/evacuation/plans/{id}/cards[?lang=en]}: the 明白卡 of every household in the plan, two per A4 sheet. */
    public void planCards(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        String name = store.planName(id, Auth.visibility(ctx)).orElseThrow(() -> ApiException.notFound("there is no evacuation plan with the id '" + id + "'"));
        printable(ctx, name, store.planCards(id, Auth.visibility(ctx)));
    }

    private static void printable(Context ctx, String title, List<Card> cards) {
        QueryParams p = new QueryParams(ctx);
        boolean english = p.raw("lang") != null && "en".equals(p.oneOf("lang", List.of("zh", "en")));
        ctx.contentType("text/html; charset=utf-8").result(CardPage.render(title, cards, english));
    }

    /** The household if the caller may read it; 404 otherwise. */
    private Household readable(Context ctx, String id) throws Exception {
        return store.get(id, Auth.visibility(ctx)).orElseThrow(() -> ApiException.notFound("there is no household with the id '" + id + "'"));
    }

    private static Map<String, Object> body(Context ctx) {
        JsonNode body = Json.readBody(ctx.body(), "a JSON object such as {\"head_name\":\"张三\",\"members\":4,\"admin_code\":\"500101105201\",\"lon\":108.4,\"lat\":30.8}");
        if (!body.isObject()) throw new HouseholdValidator.Invalid("the body must be a JSON object of a household's fields: " + String.join(", ", HouseholdValidator.FIELDS));
        // a GeoJSON Feature is accepted too: its properties and its geometry
        Map<String, Object> props = FeatureValidator.fromJson(body.has("properties") ? body.get("properties") : body);
        if (body.has("properties") && body.has("geometry")) props.put("geometry", body.get("geometry"));
        return props;
    }

    private static void answer(Context ctx, Household h) throws Exception {
        ctx.contentType("application/geo+json; charset=utf-8").result(Json.MAPPER.writeValueAsString(h.toFeature()));
    }
}
