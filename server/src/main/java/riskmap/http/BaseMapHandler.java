package riskmap.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.config.BaseMapConfig;

/**
 * {@code GET /base-maps.json}: the base maps configured in {@code base_maps}, for the map page's
 * switcher. Like the page itself it is open on a server with {@code public_read=false}: it holds
 * only what the browser would put into tile requests anyway.
 */
public final class BaseMapHandler {
    private final Map<String, Object> body;

    public BaseMapHandler(BaseMapConfig config) {
        List<Map<String, Object>> maps = config.maps().stream().map(BaseMapHandler::json).toList();
        this.body = Map.of("base_maps", maps);
    }

    private static Map<String, Object> json(BaseMapConfig.BaseMap m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id());
        o.put("name", m.name());
        o.put("name_en", m.nameEn());
        o.put("type", m.type());
        o.put("url", m.url());
        o.put("labels_url", m.labelsUrl());
        o.put("attribution", m.attribution());
        o.put("max_zoom", m.maxZoom());
        o.put("subdomains", m.subdomains());
        return o;
    }

    public void list(Context ctx) {
        ctx.json(body);
    }
}
