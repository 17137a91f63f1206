package riskmap.warning;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.ogc.Negotiation;

/**
 * Warnings for other systems: each as CAP 1.2 XML ({@code GET /api/warnings/{id}.cap}), the
 * active ones as an Atom feed ({@code GET /api/warnings.atom}), and the import of a CAP message
 * ({@code POST /api/warnings/import}) — a warning received from the meteorological or water
 * department becomes a draft (status Draft) or an issued warning (Actual, Exercise, Test) here,
 * with its own identifier, under the same rules as one made here ({@code issue_warning}, scope).
 */
public final class CapHandler {
    private static final List<String> XML_TYPES = List.of(CapXml.MEDIA_TYPE, "application/xml", "text/xml");
    private static final int FEED_LIMIT = 1000;
    private final WarningHandler warnings;

    public CapHandler(WarningHandler warnings) {
        this.warnings = warnings;
    }

    /** {@code GET /api/warnings/{id}.cap}. */
    public void cap(Context ctx) throws Exception {
        writeCap(ctx, warnings.readable(ctx, ctx.pathParam("id")));
    }

    /** {@code GET /api/warnings.atom}: issued warnings that have not expired, newest first. */
    public void atom(Context ctx) throws Exception {
        List<Warning> active = warnings.store().list(new WarningQuery(List.of(), true, List.of(), null, FEED_LIMIT), null);
        String base = ctx.scheme() + "://" + ctx.host();
        ctx.contentType(AtomFeed.MEDIA_TYPE + "; charset=utf-8").result(AtomFeed.write(active, base));
    }

    /** {@code POST /api/warnings/import} with a CAP 1.2 message → 201, Location, the stored warning. */
    public void importCap(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.ISSUE_WARNING, "importing a CAP message");
        String type = ctx.contentType() == null ? "" : Negotiation.essence(ctx.contentType());
        if (!XML_TYPES.contains(type)) {
            throw new ApiException(415, "unsupported_media_type", "send the CAP message with Content-Type: " + CapXml.MEDIA_TYPE + " (got '" + type + "')");
        }
        CapReader.Message m = CapReader.read(ctx.bodyAsBytes());
        List<String> referenceIds = new ArrayList<>();
        for (String identifier : m.referencedIdentifiers()) {
            referenceIds.add(warnings.store().idByIdentifier(identifier).orElseThrow(() -> ApiException.badRequest("invalid_cap",
                    "<references> names " + identifier + ", which is not here: import the message it " + (m.msgType().equals("Cancel") ? "cancels" : "updates")
                            + " first, or send it as an Alert")));
        }
        WarningInput in = warnings.checked(caller, m.fields(), m.msgType());
        Warning w = warnings.store().receive(in, new WarningStore.Received(m.identifier(), m.sender(), m.sent(), m.issued(), referenceIds), caller.name(),
                (input, inside) -> WarningScope.check(caller, input, inside));
        ctx.status(201).header("Location", "/api/warnings/" + w.id());
        ctx.header("ETag", "\"" + w.version() + "\"").json(w.toJson());
    }

    static void writeCap(Context ctx, Warning w) {
        ctx.header("ETag", "\"" + w.version() + "\"").contentType(CapXml.MEDIA_TYPE + "; charset=utf-8").result(CapXml.write(w));
    }
}
