package riskmap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The base maps the map page offers (setting {@code base_maps}), checked at start-up.
 *
 * <p>The setting is empty (OpenStreetMap only), a JSON array written inline, or the path of a
 * JSON file holding that array (relative to the checkout). Each entry is a raster tile template:
 * {@code xyz} ({@code .../{z}/{x}/{y}.png}) or {@code wmts} (a WMTS GetTile request in key-value
 * form, {@code ...&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}}, such as 天地图 with its {@code tk}
 * key), with an optional label overlay of the same kind. The page always adds its own offline
 * entry, which needs no tile server; {@code offline} is therefore no valid id here.
 *
 * @param maps the configured base maps, the first one the default
 */
public record BaseMapConfig(List<BaseMap> maps) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Set<String> KEYS = Set.of("id", "name", "name_en", "type", "url", "labels_url", "attribution",
            "max_zoom", "subdomains");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One base map as the page receives it.
     *
     * @param labelsUrl  a transparent label layer drawn above it (天地图's cva/cia), or null
     * @param subdomains the letters or digits {@code {s}} in the templates stands for
     */
    public record BaseMap(String id, String name, String nameEn, String type, String url, String labelsUrl,
                          String attribution, int maxZoom, String subdomains) {
    }

    static final BaseMap OPENSTREETMAP = new BaseMap("osm", "OpenStreetMap", "OpenStreetMap", "xyz",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png", null,
            "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors", 19, "abc");

    static void defaults(java.util.Map<String, String> d) {
        d.put("base_maps", "");
    }

    /** Reads the setting's value; {@code home} resolves a file path. */
    static BaseMapConfig of(String value, Path home) {
        String v = value.trim();
        if (v.isEmpty()) return new BaseMapConfig(List.of(OPENSTREETMAP));
        String text = v;
        if (!v.startsWith("[")) {
            Path file = home.resolve(v);
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw fail("is neither a JSON array nor a readable file: cannot read " + file + " (" + e.getMessage() + ")");
            }
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw fail("is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) throw fail("must be a non-empty JSON array of base maps");
        List<BaseMap> maps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            BaseMap m = entry(root.get(i), i + 1);
            if (!ids.add(m.id())) throw fail("entry " + (i + 1) + ": id '" + m.id() + "' is used twice");
            maps.add(m);
        }
        return new BaseMapConfig(List.copyOf(maps));
    }

    private static BaseMap entry(JsonNode n, int index) {
        String where = "entry " + index;
        if (!n.isObject()) throw fail(where + " must be an object such as {\"id\":\"tdt\",\"name\":\"天地图\",\"url\":\"…\"}");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) throw fail(where + ": unknown key '" + key + "'; known keys: " + String.join(", ", KEYS.stream().sorted().toList()));
        }
        String id = text(n, "id", null);
        if (id == null || !ID.matcher(id).matches() || id.equals("offline")) {
            throw fail(where + ": id must be 1 to 32 lower-case letters, digits, '-' or '_' (not 'offline'), got '" + id + "'");
        }
        where += " (" + id + ")";
        String name = text(n, "name", null);
        if (name == null) throw fail(where + ": name is required (shown in the base-map list)");
        String type = text(n, "type", "xyz").toLowerCase(Locale.ROOT);
        if (!type.equals("xyz") && !type.equals("wmts")) throw fail(where + ": type must be xyz or wmts, got '" + type + "'");
        String subdomains = text(n, "subdomains", "abc");
        String url = template(n, "url", type, where, subdomains);
        if (url == null) throw fail(where + ": url is required");
        int maxZoom = n.has("max_zoom") ? n.get("max_zoom").asInt(-1) : 18;
        if (maxZoom < 1 || maxZoom > 22 || n.has("max_zoom") && !n.get("max_zoom").isInt()) {
            throw fail(where + ": max_zoom must be a whole number from 1 to 22, got " + n.get("max_zoom"));
        }
        return new BaseMap(id, name, text(n, "name_en", name), type, url, template(n, "labels_url", type, where, subdomains),
                text(n, "attribution", ""), maxZoom, subdomains);
    }

    /** A tile template: http(s), with {z}, {x} and {y}; a WMTS one is a KVP GetTile request. */
    private static String template(JsonNode n, String key, String type, String where, String subdomains) {
        String url = text(n, key, null);
        if (url == null) return null;
        if (!url.matches("https?://\\S+")) throw fail(where + ": " + key + " must be an http:// or https:// URL, got '" + url + "'");
        if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
            throw fail(where + ": " + key + " must contain {z}, {x} and {y}, got '" + url + "'");
        }
        String upper = url.toUpperCase(Locale.ROOT);
        if (type.equals("wmts") && !(upper.contains("SERVICE=WMTS") && upper.contains("REQUEST=GETTILE"))) {
            throw fail(where + ": a wmts " + key + " is a KVP GetTile request (SERVICE=WMTS&REQUEST=GetTile&…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}), got '" + url + "'");
        }
        if (url.contains("{s}") && subdomains.isEmpty()) throw fail(where + ": " + key + " uses {s}, so subdomains must not be empty");
        return url;
    }

    private static String text(JsonNode n, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual() || v.asText().isBlank()) throw fail("'" + key + "' must be a non-empty string, got " + v);
        return v.asText().trim();
    }

    private static StartupException fail(String why) {
        return new StartupException("setting 'base_maps' " + why);
    }
}
