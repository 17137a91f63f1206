package riskmap.http.param;

import riskmap.domain.ApiException;
import riskmap.domain.Bbox;

/** {@code bbox=minLon,minLat,maxLon,maxLat} in WGS84 degrees; minLon > maxLon crosses the antimeridian. */
public final class BboxParam {
    private BboxParam() {
    }

    /** The box, or null when the parameter is absent. */
    public static Bbox parse(QueryParams params, String name) {
        String v = params.raw(name);
        if (v == null) return null;
        String[] parts = v.split(",", -1);
        if (parts.length != 4) {
            throw ApiException.invalidParameter(name, "must be four numbers minLon,minLat,maxLon,maxLat, got '" + v + "'");
        }
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i].trim();
            n[i] = QueryParams.DECIMAL.matcher(p).matches() ? Double.parseDouble(p) : Double.NaN;
            boolean lon = i % 2 == 0;
            if (Double.isNaN(n[i]) || Math.abs(n[i]) > (lon ? 180 : 90)) {
                throw ApiException.invalidParameter(name, "'" + p + "' is not a " + (lon ? "longitude (-180…180)" : "latitude (-90…90)")
                        + "; write minLon,minLat,maxLon,maxLat in degrees");
            }
        }
        if (n[1] > n[3]) {
            throw ApiException.invalidParameter(name, "minLat " + n[1] + " is north of maxLat " + n[3] + "; write minLon,minLat,maxLon,maxLat");
        }
        return new Bbox(n[0], n[1], n[2], n[3]);
    }
}
