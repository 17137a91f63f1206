package riskmap.warning;

import io.javalin.http.Context;

/** CAP 1.2 XML of one warning ({@code GET /api/warnings/{id}.cap}). */
public final class CapHandler {
    private final WarningHandler warnings;

    public CapHandler(WarningHandler warnings) {
        this.warnings = warnings;
    }

    /** {@code GET /api/warnings/{id}.cap}. */
    public void cap(Context ctx) throws Exception {
        writeCap(ctx, warnings.readable(ctx, ctx.pathParam("id")));
    }

    static void writeCap(Context ctx, Warning w) {
        ctx.header("ETag", "\"" + w.version() + "\"").contentType(CapXml.MEDIA_TYPE + "; charset=utf-8").result(CapXml.write(w));
    }
}
