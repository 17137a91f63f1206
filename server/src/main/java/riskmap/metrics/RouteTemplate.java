package riskmap.metrics;

import io.javalin.http.Context;

/** The route a request matched, as registered ({@code /api/hazards/{id}}), so metric series stay few. */
final class RouteTemplate {
    private RouteTemplate() {
    }

    static String of(Context ctx) {
        String path;
        try {
            path = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            path = "";
        }
        // Javalin puts a message there when nothing matched; a registered route always starts with '/'
        if (path.startsWith("/") && !"/*".equals(path)) return path;
        // no endpoint handled it: the map page's static files, or nothing at all
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }
}
