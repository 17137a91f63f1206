package riskmap.http.param;

import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;
import riskmap.query.HazardFilter;
import riskmap.store.FeatureCollection;
import riskmap.store.TileSql;

/**
 * The parameters of {@code GET /tiles/{collectionId}/{z}/{x}/{y}.mvt}: the tile address and the
 * row filters {@code category}, {@code min_level}, {@code status}, {@code admin_code}, {@code datetime}.
 *
 * <p>z must be 0–22 and x, y within 0 … 2^z − 1 (XYZ scheme, y from the north). A filter on an
 * attribute the layer does not have (e.g. {@code status} on shelters) is refused rather than
 * silently ignored, so a misconfigured client notices.
 */
public final class TileParams {
    public static final int MAX_ZOOM = 22;
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

    private TileParams() {
    }

    /** The tile address from the path; {@code yFile} is the last segment, {@code 12.mvt}. */
    public static TileSql.TileCoord coord(String zText, String xText, String yFile) {
        String yText = yFile.endsWith(".mvt") ? yFile.substring(0, yFile.length() - 4) : yFile;
        int z = whole("z", zText, MAX_ZOOM);
        int max = (1 << z) - 1;
        int x = whole("x", xText, max);
        int y = whole("y", yText, max);
        return new TileSql.TileCoord(z, x, y);
    }

    private static int whole(String name, String text, int max) {
        if (text != null && WHOLE.matcher(text).matches()) {
            long v = Long.parseLong(text);
            if (v <= max) return (int) v;
        }
        String range = name.equals("z") ? "0 to " + MAX_ZOOM : "0 to " + max + " (2^z − 1) at this zoom";
        throw ApiException.invalidParameter(name, "tile " + name + " must be a whole number from " + range + ", got '" + text + "'");
    }

    /** The row filters of the request, checked against the attributes collection {@code c} has. */
    /** The filters a tile takes; anything else is refused, as /ogc refuses unknown parameters, so a typo never silently shows everything. */
    public static final List<String> PARAMETERS = List.of("category", "min_level", "status", "admin_code", "datetime");

    public static HazardFilter filters(Context ctx, FeatureCollection c, List<String> categoryIds) {
        List<String> unknown = ctx.queryParamMap().keySet().stream().filter(n -> !PARAMETERS.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalidParameter(String.join(", ", unknown), "unknown parameter for a tile; use " + String.join(", ", PARAMETERS));
        }
        HazardFilter f = HazardFilterParam.parse(new QueryParams(ctx), categoryIds);
        requireColumn(c, "category", !f.categories().isEmpty());
        requireColumn(c, "risk_level", f.minLevel() > 1 || ctx.queryParam("min_level") != null);
        requireColumn(c, "status", !f.statuses().isEmpty());
        requireColumn(c, "admin_code", f.adminCodePrefix() != null);
        return f;
    }

    private static void requireColumn(FeatureCollection c, String column, boolean used) {
        if (used && c.column(column).isEmpty()) {
            String param = column.equals("risk_level") ? "min_level" : column;
            throw ApiException.invalidParameter(param, "collection '" + c.id() + "' has no attribute " + column + "; leave the filter out for this layer");
        }
    }

}
