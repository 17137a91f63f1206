package riskmap.ogc;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.store.FeatureCollection;
import riskmap.store.PageOrder;
import riskmap.store.PageOrder.Key;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * The HTML view of items and of a single item: a table streamed row by row (like the GeoJSON)
 * and a Leaflet map that loads the same page as GeoJSON.
 */
final class ItemsPage {
    /** Looks up {before the first key, after the last key} for the paging links. */
    interface Neighbours {
        boolean[] of(Key first, Key last) throws SQLException, IOException;
    }

    private final DataSource ds;
    private final Links links;

    ItemsPage(DataSource ds, Links links) {
        this.ds = ds;
        this.links = links;
    }

    /** {@code page} in {@code order}, read on {@code conn}: its rows end with {@code _key} in geohash order, which the table leaves out. */
    void write(Context ctx, Connection conn, FeatureCollection c, SqlFragment page, PageOrder order, Neighbours neighbours) throws SQLException, IOException {
        String path = "/collections/" + c.id() + "/items";
        ctx.contentType("text/html; charset=utf-8");
        Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        w.write(Html.head(c.titleZh() + " · items", crumbs(c, "items"), true));
        // the map draws the page's geometries even when the table was asked without them
        w.write(Html.map(links.url(path, ctx, Links.changes("f", "json", "crs", null, "skipGeometry", null))));
        w.write("<p>" + Html.link(links.url(path, ctx, Links.changes("f", "json")), "GeoJSON") + "</p>\n<table>");
        Key[] firstLast = new Key[2];
        Sql.stream(conn, page, rs -> {
            ResultSetMetaData md = rs.getMetaData();
            int columns = md.getColumnCount() - (order.byId() ? 0 : 1);
            if (firstLast[0] == null) {
                w.write("<tr><th>id</th>");
                for (int i = 3; i <= columns; i++) w.write("<th>" + Html.esc(md.getColumnLabel(i)) + "</th>");
                w.write("</tr>\n");
            }
            String id = rs.getString(1);
            firstLast[1] = new Key(order.byId() ? null : rs.getString("_key"), id);
            if (firstLast[0] == null) firstLast[0] = firstLast[1];
            w.write("<tr><td>" + Html.link(links.url(path + "/" + Links.enc(id), ctx, Links.changes("f", "html")), id) + "</td>");
            for (int i = 3; i <= columns; i++) w.write("<td>" + Html.esc(rs.getString(i)) + "</td>");
            w.write("</tr>\n");
        });
        w.write("</table>\n<p>");
        if (firstLast[0] == null) {
            w.write("No features on this page.");
        } else {
            boolean[] around = neighbours.of(firstLast[0], firstLast[1]);
            if (around[0]) w.write(Html.link(links.url(path, ctx, Links.changes("cursor", Cursor.before(firstLast[0]).encode(), "offset", null)), "« previous") + " ");
            if (around[1]) w.write(Html.link(links.url(path, ctx, Links.changes("cursor", Cursor.after(firstLast[1]).encode(), "offset", null)), "next »"));
        }
        w.write("</p>" + Html.tail());
        w.flush();
    }

    void writeItem(Context ctx, FeatureCollection c, String id, SqlFragment query) throws Exception {
        String path = "/collections/" + c.id() + "/items/" + Links.enc(id);
        List<String> rows = new ArrayList<>();
        // one feature: small enough to hold, and holding it lets a missing id answer a clean 404
        Sql.query(ds, query, rs -> {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 3; i <= md.getColumnCount(); i++) {
                if (md.getColumnLabel(i).startsWith("_")) continue; // for the server, not a property
                rows.add("<tr><th>" + Html.esc(md.getColumnLabel(i)) + "</th><td>" + Html.esc(rs.getString(i)) + "</td></tr>");
            }
        });
        if (rows.isEmpty()) throw ApiException.notFound("no feature '" + id + "' in collection " + c.id() + "; list them at /ogc/collections/" + c.id() + "/items");
        List<String[]> crumbs = crumbs(c, null);
        crumbs.add(new String[] {"items", links.url("/collections/" + c.id() + "/items?f=html")});
        crumbs.add(new String[] {id, null});
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(Html.head(id, crumbs, true) + Html.map(links.url(path, ctx, Links.changes("f", "json", "crs", null)))
                + "<p>" + Html.link(links.url(path, ctx, Links.changes("f", "json")), "GeoJSON") + "</p><table>"
                + String.join("\n", rows) + "</table>" + Html.tail());
    }

    /** Landing / collections / this collection [/ last]. */
    private List<String[]> crumbs(FeatureCollection c, String last) {
        List<String[]> crumbs = new ArrayList<>();
        crumbs.add(new String[] {"riskmap OGC API", links.url("?f=html")});
        crumbs.add(new String[] {"collections", links.url("/collections?f=html")});
        crumbs.add(new String[] {c.id(), links.url("/collections/" + c.id() + "?f=html")});
        if (last != null) crumbs.add(new String[] {last, null});
        return crumbs;
    }
}
