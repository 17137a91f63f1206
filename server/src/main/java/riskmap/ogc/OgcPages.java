package riskmap.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import riskmap.store.FeatureCollection;

/** HTML views of the OGC documents (landing, conformance, API, collections, collection, queryables), rendered from their JSON. */
final class OgcPages {
    private OgcPages() {
    }

    private static List<String[]> crumbs(Links links, String... labelHref) {
        List<String[]> c = new ArrayList<>();
        c.add(new String[] {"riskmap OGC API", labelHref.length == 0 ? null : links.url("?f=html")});
        for (int i = 0; i < labelHref.length; i += 2) c.add(new String[] {labelHref[i], labelHref[i + 1]});
        return c;
    }

    private static void send(Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    static String linkList(JsonNode links) {
        StringBuilder b = new StringBuilder("<ul>");
        for (JsonNode l : links) {
            b.append("<li>").append(Html.esc(l.path("rel").asText())).append(": ")
                    .append(Html.link(l.path("href").asText(), l.path("title").asText(l.path("href").asText())))
                    .append(" <small>").append(Html.esc(l.path("type").asText())).append("</small></li>");
        }
        return b.append("</ul>\n").toString();
    }

    static void landing(Context ctx, Links links, ObjectNode doc) {
        send(ctx, Html.head(doc.path("title").asText(), crumbs(links), false) + "<p>" + Html.esc(doc.path("description").asText()) + "</p>"
                + linkList(doc.path("links")) + Html.tail());
    }

    static void conformance(Context ctx, Links links, List<String> classes) {
        StringBuilder b = new StringBuilder(Html.head("Conformance", crumbs(links, "conformance", null), false)).append("<ul>");
        classes.forEach(c -> b.append("<li><code>").append(Html.esc(c)).append("</code></li>"));
        send(ctx, b.append("</ul>").append(Html.tail()).toString());
    }

    static void api(Context ctx, Links links, ObjectNode api) {
        StringBuilder b = new StringBuilder(Html.head("API definition", crumbs(links, "api", null), false));
        b.append("<p>").append(Html.link(links.url("/api?f=json"), "OpenAPI 3.0 document (JSON)")).append("</p><table><tr><th>path</th><th>summary</th><th>parameters</th></tr>");
        api.path("paths").fields().forEachRemaining(p -> {
            JsonNode get = p.getValue().path("get");
            List<String> params = new ArrayList<>();
            get.path("parameters").forEach(par -> params.add(par.has("$ref") ? par.get("$ref").asText().replaceAll(".*/", "") : par.path("name").asText()));
            b.append("<tr><td><code>").append(Html.esc(p.getKey())).append("</code></td><td>").append(Html.esc(get.path("summary").asText()))
                    .append("</td><td>").append(Html.esc(String.join(", ", params))).append("</td></tr>");
        });
        send(ctx, b.append("</table>").append(Html.tail()).toString());
    }

    static void collections(Context ctx, Links links, ArrayNode list) {
        StringBuilder b = new StringBuilder(Html.head("Collections", crumbs(links, "collections", null), false));
        b.append("<table><tr><th>id</th><th>title</th><th>extent (CRS84)</th><th>updated</th></tr>");
        for (JsonNode c : list) {
            String id = c.path("id").asText();
            b.append("<tr><td>").append(Html.link(links.url("/collections/" + id + "?f=html"), id)).append("</td><td>")
                    .append(Html.esc(c.path("title").asText())).append("</td><td>").append(Html.esc(c.at("/extent/spatial/bbox/0").toString()))
                    .append("</td><td>").append(Html.esc(c.at("/extent/temporal/interval/0").toString())).append("</td></tr>");
        }
        send(ctx, b.append("</table>").append(Html.tail()).toString());
    }

    static void collection(Context ctx, Links links, ObjectNode c) {
        String id = c.path("id").asText();
        StringBuilder b = new StringBuilder(Html.head(c.path("title").asText(), crumbs(links, "collections", links.url("/collections?f=html"), id, null), false));
        b.append("<p>").append(Html.esc(c.path("description").asText())).append("</p><table>");
        for (Map.Entry<String, String> row : Map.of("spatial extent (CRS84)", c.at("/extent/spatial/bbox/0").toString(),
                "temporal extent", c.at("/extent/temporal/interval/0").toString(), "CRS", c.path("crs").toString()).entrySet()) {
            b.append("<tr><th>").append(Html.esc(row.getKey())).append("</th><td>").append(Html.esc(row.getValue())).append("</td></tr>");
        }
        b.append("</table><p>").append(Html.link(links.url("/collections/" + id + "/items?f=html"), "browse the features")).append(" · ")
                .append(Html.link(links.url("/collections/" + id + "/queryables?f=html"), "queryables")).append("</p>");
        send(ctx, b.append(linkList(c.path("links"))).append(Html.tail()).toString());
    }

    /** The queryables or sortables ({@code kind}) schema as a table; {@code usageHtml} is trusted markup saying where the names go. */
    static void queryables(Context ctx, Links links, FeatureCollection c, ObjectNode schema, String kind, String usageHtml) {
        StringBuilder b = new StringBuilder(Html.head(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " of " + c.id(), crumbs(links, "collections", links.url("/collections?f=html"),
                c.id(), links.url("/collections/" + c.id() + "?f=html"), kind, null), false));
        b.append("<p>").append(usageHtml).append("</p>")
                .append("<table><tr><th>name</th><th>type</th><th>description</th></tr>");
        schema.path("properties").fields().forEachRemaining(p -> b.append("<tr><td><code>").append(Html.esc(p.getKey())).append("</code></td><td>")
                .append(Html.esc(p.getValue().path("type").asText(p.getValue().path("format").asText()))).append("</td><td>")
                .append(Html.esc(p.getValue().path("description").asText(p.getValue().path("title").asText()))).append("</td></tr>"));
        send(ctx, b.append("</table>").append(Html.tail()).toString());
    }
}
