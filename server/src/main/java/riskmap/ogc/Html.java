package riskmap.ogc;

import java.util.List;

/**
 * The plain HTML view of OGC resources: one page frame, escaping, and small building blocks.
 * Pages are readable without JavaScript; the items and item pages add a Leaflet map that loads
 * the same resource as GeoJSON.
 */
public final class Html {
    private Html() {
    }

    /** {@code o} as HTML text: the five special characters escaped (null → empty). */
    public static String esc(Object o) {
        if (o == null) return "";
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Page start: title, breadcrumbs ({label, href} pairs, last without link), optional Leaflet. */
    static String head(String title, List<String[]> crumbs, boolean leaflet) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " · riskmap OGC API</title>");
        if (leaflet) b.append("<link rel=\"stylesheet\" href=\"/vendor/leaflet/leaflet.css\"><script src=\"/vendor/leaflet/leaflet.js\"></script>");
        b.append("<style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;font-size:.9em}"
                + "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}"
                + "#map{height:360px;margin:1em 0;border:1px solid #ccc}nav{margin-bottom:1em}code{background:#f3f3f3;padding:0 .2em}</style>"
                + "</head><body><nav>");
        for (int i = 0; i < crumbs.size(); i++) {
            String[] c = crumbs.get(i);
            if (i > 0) b.append(" / ");
            b.append(c[1] == null ? esc(c[0]) : "<a href=\"" + esc(c[1]) + "\">" + esc(c[0]) + "</a>");
        }
        return b.append("</nav><h1>").append(esc(title)).append("</h1>\n").toString();
    }

    static String tail() {
        return "</body></html>\n";
    }

    static String link(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    /**
     * A map of the GeoJSON at {@code geojsonUrl} (loaded by the browser, so the page itself never
     * holds the features). Works offline without base tiles; OpenStreetMap tiles are added when reachable.
     */
    static String map(String geojsonUrl) {
        return "<div id=\"map\"></div><script>(function(){if(!window.L){document.getElementById('map').textContent='map unavailable (Leaflet not found at /vendor/leaflet/)';return;}"
                + "var m=L.map('map');L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',{maxZoom:19,attribution:'&copy; OpenStreetMap'}).addTo(m);"
                + "m.setView([30,105],4);fetch(" + jsString(geojsonUrl) + ",{headers:{Accept:'application/geo+json'}}).then(function(r){return r.json();})"
                + ".then(function(g){var l=L.geoJSON(g,{pointToLayer:function(f,ll){return L.circleMarker(ll,{radius:5});},"
                + "onEachFeature:function(f,ly){ly.bindPopup(String(f.id));}}).addTo(m);var b=l.getBounds();if(b.isValid())m.fitBounds(b,{maxZoom:14});});})();</script>\n";
    }

    private static String jsString(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == '\\' || c == '<' || c == '>' || c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append("'").toString();
    }
}
