package riskmap.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Visibility;
import riskmap.config.AppConfig;
import riskmap.domain.ApiException;
import riskmap.geo.AreaReader;
import riskmap.geojson.GeoJsonWriter;
import riskmap.domain.Bbox;
import riskmap.domain.Crs;
import riskmap.http.param.HazardFilterParam;
import riskmap.http.param.QueryParams;
import riskmap.query.AreaQuery;
import riskmap.query.NearQuery;
import riskmap.query.NearestSheltersQuery;
import riskmap.query.StatsQuery;
import riskmap.region.RegionLevel;
import riskmap.store.CategoryStore;
import riskmap.store.SpatialStore;

/**
 * The spatial API for evacuation teams and planners (api.md §3): radius, area, nearest shelters,
 * statistics. Each method validates every parameter, then streams the answer.
 */
public final class SpatialHandler {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    static final int MAX_SHELTERS = 100;
    private static final String GEOJSON = "application/geo+json; charset=utf-8";

    private final SpatialStore store;
    private final CategoryStore categories;
    private final double maxRadiusMetres;

    public SpatialHandler(SpatialStore store, CategoryStore categories, AppConfig cfg) {
        this.store = store;
        this.categories = categories;
        this.maxRadiusMetres = cfg.maxRadiusMetres();
    }

    /** {@code GET /api/hazards/near?lon&lat&radius[&category][&min_level][&status][&admin_code][&limit]} */
    public void near(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        double lon = p.requiredDouble("lon", -180, 180, " (degrees east)");
        double lat = p.requiredDouble("lat", -90, 90, " (degrees north)");
        double radius = p.requiredPositive("radius", maxRadiusMetres, " metres");
        NearQuery q = new NearQuery(lon, lat, radius, HazardFilterParam.parse(p, categories.ids()),
                p.intOr("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        ctx.contentType(GEOJSON);
        try (GeoJsonWriter out = new GeoJsonWriter(ctx.outputStream())) {
            out.startCollection();
            writeCentre(out.json(), lon, lat);
            out.json().writeNumberField("radius_m", radius);
            out.startFeatures();
            long[] matched = {0};
            Visibility v = Auth.visibility(ctx);
            List<GeoJsonWriter.Text> texts = SpatialStore.nearTexts(v);
            store.near(q, v, rs -> {
                matched[0] = rs.getLong("_number_matched");
                out.writeFeatureText(rs, texts);
            });
            out.endFeatures();
            out.json().writeNumberField("numberMatched", matched[0]);
            out.json().writeNumberField("numberReturned", out.featuresWritten());
            out.endCollection();
        }
    }

    /** {@code POST /api/hazards/within} with a Polygon, MultiPolygon or Feature body. */
    public void within(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        AreaQuery q = new AreaQuery(AreaReader.read(Json.readBody(ctx.body(), "a GeoJSON Polygon, MultiPolygon or a Feature holding one")), HazardFilterParam.parse(p, categories.ids()),
                p.intOr("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        ctx.contentType(GEOJSON);
        Visibility v = Auth.visibility(ctx);
        List<GeoJsonWriter.Text> texts = SpatialStore.withinTexts(v);
        try (GeoJsonWriter out = new GeoJsonWriter(ctx.outputStream())) {
            out.startCollection();
            long[] count = {0};
            store.within(q, v, summary -> {
                try {
                    out.json().writeFieldName("summary");
                    out.json().writeRawValue(summary);
                    count[0] = Json.MAPPER.readTree(summary).get("count").asLong();
                    out.startFeatures();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, rs -> out.writeFeatureText(rs, texts));
            out.endFeatures();
            out.json().writeNumberField("numberMatched", count[0]);
            out.json().writeNumberField("numberReturned", out.featuresWritten());
            out.endCollection();
        }
    }

    /** {@code GET /api/shelters/nearest?lon&lat[&k][&min_capacity]} */
    public void nearestShelters(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        double lon = p.requiredDouble("lon", -180, 180, " (degrees east)");
        double lat = p.requiredDouble("lat", -90, 90, " (degrees north)");
        NearestSheltersQuery q = new NearestSheltersQuery(lon, lat, p.intOr("k", 5, 1, MAX_SHELTERS),
                p.intOr("min_capacity", 0, 0, Integer.MAX_VALUE));
        ctx.contentType(GEOJSON);
        try (GeoJsonWriter out = new GeoJsonWriter(ctx.outputStream())) {
            out.startCollection();
            writeCentre(out.json(), lon, lat);
            out.startFeatures();
            store.nearestShelters(q, Auth.visibility(ctx), out::writeFeature);
            out.endFeatures();
            out.json().writeNumberField("numberReturned", out.featuresWritten());
            out.endCollection();
        }
    }

    /** {@code GET /api/stats?group_by[&level][&bbox][&category][&min_level][&status][&admin_code]}, over the rows the caller may read */
    public void stats(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        StatsQuery.GroupBy groupBy = StatsQuery.GroupBy.valueOf(p.oneOf("group_by",
                Arrays.stream(StatsQuery.GroupBy.values()).map(Enum::name).toList()));
        StatsQuery q = new StatsQuery(groupBy, regionLevel(p, groupBy), Bbox.parse(p.raw("bbox"), Crs.CRS84),
                HazardFilterParam.parse(p, categories.ids()));
        String labelName = groupBy == StatsQuery.GroupBy.admin_code ? "county" : "name";
        List<Map<String, Object>> rows = store.stats(q, Auth.visibility(ctx)).stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", r.key());
            if (r.label() != null) row.put(labelName, r.label());
            row.put("count", r.count());
            row.put("threatened_people", r.threatenedPeople());
            return row;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("group_by", groupBy.name());
        if (q.level() != null) body.put("level", q.level().name());
        body.put("rows", rows);
        ctx.json(body);
    }

    /** {@code level} is required with group_by=region and refused with the others. */
    private static RegionLevel regionLevel(QueryParams p, StatsQuery.GroupBy groupBy) {
        String level = p.raw("level");
        if (groupBy != StatsQuery.GroupBy.region) {
            if (level != null) throw ApiException.invalidParameter("level", "applies only to group_by=region; leave it out or use group_by=region");
            return null;
        }
        if (level == null) throw ApiException.invalidParameter("level", "is required with group_by=region; use one of " + String.join(", ", RegionLevel.names()));
        return RegionLevel.parse("level", level);
    }

    private static void writeCentre(JsonGenerator json, double lon, double lat) throws IOException {
        json.writeArrayFieldStart("center");
        json.writeNumber(lon);
        json.writeNumber(lat);
        json.writeEndArray();
    }
}
