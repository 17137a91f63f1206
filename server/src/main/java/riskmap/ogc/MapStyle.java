package riskmap.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import riskmap.http.Json;
import riskmap.store.Collections;
import riskmap.store.FeatureCollection;

/**
 * {@code /ogc/styles/default}: a MapLibre / Mapbox GL style (version 8) over the vector tiles.
 * Risk zones are filled by risk level; hazard points are drawn as clusters at low zoom — the
 * aggregation cells of the tiles, sized by {@code count} and coloured by {@code max_risk_level} —
 * and as single points coloured by category with a ring and size by risk level; shelters as
 * green squares' stand-in, a green circle. No text layers: they would need a glyph server.
 */
public final class MapStyle {
    /** Warning colours of Chinese emergency management, level 1 (blue, lowest) to 4 (red). */
    private static final List<String> LEVEL_COLOURS = List.of("#1f78b4", "#f1c40f", "#f39c12", "#e31a1c");

    public void style(Context ctx) throws Exception {
        Negotiation.Offer offer = Negotiation.choose(ctx, Negotiation.STYLE);
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(build(Links.of(ctx))));
    }

    static ObjectNode build(Links links) {
        ObjectNode style = Json.MAPPER.createObjectNode().put("version", 8).put("name", "riskmap 一张图 default");
        ObjectNode sources = style.putObject("sources");
        for (FeatureCollection c : List.of(Collections.RISK_ZONES, Collections.HAZARDS, Collections.SHELTERS)) {
            sources.putObject(c.id()).put("type", "vector").put("url", links.url("/collections/" + c.id() + "/tiles/" + TilesHandler.TMS_ID + "?f=tilejson"));
        }
        ArrayNode layers = style.putArray("layers");
        layers.addObject().put("id", "background").put("type", "background").putObject("paint").put("background-color", "#f4f1ea");
        ObjectNode zones = layer(layers, "risk-zones-fill", "fill", Collections.RISK_ZONES.id());
        zones.putObject("paint").set("fill-color", byLevel("risk_level"));
        zones.with("paint").put("fill-opacity", 0.35);
        layer(layers, "risk-zones-outline", "line", Collections.RISK_ZONES.id()).putObject("paint").set("line-color", byLevel("risk_level"));
        String hz = Collections.HAZARDS.id();
        ObjectNode clusters = layer(layers, "hazard-clusters", "circle", hz);
        clusters.set("filter", Json.MAPPER.createArrayNode().add("has").add("count"));
        ObjectNode cp = clusters.putObject("paint");
        // radius grows with the log of the number of points the cell stands for
        cp.set("circle-radius", Json.MAPPER.createArrayNode().add("interpolate").add(Json.MAPPER.createArrayNode().add("linear"))
                .add(Json.MAPPER.createArrayNode().add("ln").add(Json.MAPPER.createArrayNode().add("get").add("count"))).add(0).add(6).add(9.2).add(30));
        cp.set("circle-color", byLevel("max_risk_level"));
        cp.put("circle-opacity", 0.75).put("circle-stroke-color", "#ffffff").put("circle-stroke-width", 1.5);
        ObjectNode points = layer(layers, "hazard-points", "circle", hz);
        points.set("filter", Json.MAPPER.createArrayNode().add("!").add(Json.MAPPER.createArrayNode().add("has").add("count")));
        ObjectNode pp = points.putObject("paint");
        pp.set("circle-color", Json.MAPPER.createArrayNode().add("match").add(Json.MAPPER.createArrayNode().add("get").add("category"))
                .add("landslide").add("#8c510a").add("flood").add("#2166ac").add("forest_fire").add("#d7301f").add("#636363"));
        pp.set("circle-radius", Json.MAPPER.createArrayNode().add("+").add(3).add(Json.MAPPER.createArrayNode().add("*").add(1.5)
                .add(Json.MAPPER.createArrayNode().add("to-number").add(Json.MAPPER.createArrayNode().add("get").add("risk_level")).add(1))));
        pp.set("circle-stroke-color", byLevel("risk_level"));
        pp.put("circle-stroke-width", 2);
        ObjectNode shelters = layer(layers, "shelters", "circle", Collections.SHELTERS.id());
        shelters.putObject("paint").put("circle-color", "#1a9850").put("circle-radius", 5).put("circle-stroke-color", "#ffffff").put("circle-stroke-width", 1.5);
        return style;
    }

    private static ObjectNode layer(ArrayNode layers, String id, String type, String collection) {
        return layers.addObject().put("id", id).put("type", type).put("source", collection).put("source-layer", collection);
    }

    /** A colour by risk level 1–4 read from {@code attribute}; grey when missing. */
    private static ArrayNode byLevel(String attribute) {
        ArrayNode m = Json.MAPPER.createArrayNode().add("match").add(Json.MAPPER.createArrayNode().add("to-number")
                .add(Json.MAPPER.createArrayNode().add("get").add(attribute)).add(0));
        for (int level = 1; level <= LEVEL_COLOURS.size(); level++) m.add(level).add(LEVEL_COLOURS.get(level - 1));
        return m.add("#999999");
    }
}
