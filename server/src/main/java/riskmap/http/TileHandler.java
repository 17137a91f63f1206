package riskmap.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import riskmap.domain.ApiException;
import riskmap.http.param.TileParams;
import riskmap.query.HazardFilter;
import riskmap.store.CategoryStore;
import riskmap.store.Collections;
import riskmap.store.FeatureCollection;
import riskmap.store.TileCache;
import riskmap.store.TileSql;

/**
 * {@code GET /tiles/{collectionId}/{z}/{x}/{y}.mvt}: a Mapbox Vector Tile of a collection.
 *
 * <p>The answer is always a tile: an empty body (200) where there is no data, never an error.
 * Caching: the {@code ETag} is a digest of the tile itself together with the request's filters,
 * so it changes exactly when what the tile shows changes — an edited, inserted, moved or deleted
 * point, also by plain SQL that does not touch {@code updated_at} — and never leaves a stale tile
 * behind. {@code Cache-Control: no-cache} makes browsers revalidate every time; a matching
 * {@code If-None-Match} gets 304 without a body. {@code Last-Modified} (the newest
 * {@code updated_at} drawn) is informative only: a deletion does not advance it, so
 * {@code If-Modified-Since} is deliberately not honoured.
 */
public final class TileHandler {
    public static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final TileCache cache;
    private final CategoryStore categories;

    public TileHandler(TileCache cache, CategoryStore categories) {
        this.cache = cache;
        this.categories = categories;
    }

    public void tile(Context ctx) throws Exception {
        FeatureCollection c = Collections.byId(ctx.pathParam("collectionId"))
                .orElseThrow(() -> ApiException.notFound("no collection '" + ctx.pathParam("collectionId")
                        + "'; tiles exist for hazards, landslide, flood, forest_fire, risk_zones, shelters"));
        TileSql.TileCoord coord = TileParams.coord(ctx.pathParam("z"), ctx.pathParam("x"), ctx.pathParam("y"));
        HazardFilter filters = TileParams.filters(ctx, c, categories.ids()).readableBy(Auth.visibility(ctx));
        TileCache.Lookup found = filters == null ? TileCache.Lookup.NOTHING_READABLE : cache.tile(c, coord, filters);
        TileSql.Tile tile = found.tile();

        String etag = "W/\"" + digest(tile.mvt(), ctx.queryString()) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (tile.lastModified() != null) ctx.header("Last-Modified", HTTP_DATE.format(tile.lastModified()));
        ctx.header("X-Tile-Features", Integer.toString(tile.features()));
        ctx.header("X-Tile-Cache", found.hit() ? "hit" : "miss");
        if (tile.aggregated()) ctx.header("X-Tile-Aggregated", "true");
        if (tile.limited()) ctx.header("X-Tile-Limited", "more than " + TileSql.FEATURE_LIMIT + " features; the least severe were left out");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.result(tile.mvt());
        // binary: no charset parameter (Jetty adds one when the response has a character encoding)
        ctx.res().setCharacterEncoding(null);
        ctx.res().setContentType(MVT);
    }

    /** Weak comparison, as RFC 9110 prescribes for If-None-Match. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        String opaque = etag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) return true;
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals(opaque)) return true;
        }
        return false;
    }

    private static String digest(byte[] mvt, String query) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(mvt);
            md.update((byte) 0);
            if (query != null) md.update(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
