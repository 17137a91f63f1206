package riskmap.domain;


/**
 * The {@code bbox} parameter: {@code minx,miny,maxx,maxy} in the axis order of {@code bbox-crs}
 * (CRS84 by default). The 6-number form ({@code minx,miny,minz,maxx,maxy,maxz}) is accepted and
 * its heights ignored, since every feature is 2D. Values are stored here as lon/lat (x/y) whatever
 * order they were given in.
 *
 * <p>In a geographic CRS, longitudes must lie in [-180, 180] and latitudes in [-90, 90];
 * {@code minx > maxx} means the box crosses the antimeridian (Part 1, 7.15.3), {@code miny > maxy}
 * is refused.
 */
public record Bbox(double minX, double minY, double maxX, double maxY, Crs crs) {
    public static Bbox parse(String value, Crs crs) {
        if (value == null) return null;
        String[] parts = value.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiException.invalidParameter("bbox", "expected 4 numbers minx,miny,maxx,maxy (or 6 with heights), got " + parts.length
                    + " in '" + value + "'; example: bbox=106.2,29.3,106.8,29.8");
        }
        double[] n = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                n[i] = Double.NaN;
            }
            if (!Double.isFinite(n[i]) || !parts[i].trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw ApiException.invalidParameter("bbox", "'" + parts[i] + "' is not a number; expected minx,miny,maxx,maxy such as 106.2,29.3,106.8,29.8");
            }
        }
        int h = parts.length / 2;
        double a1 = n[0], a2 = n[1], b1 = n[h], b2 = n[h + 1];
        // first and second axis in the CRS's own order; make them x (lon) and y (lat)
        double minX = crs.latLon() ? a2 : a1, minY = crs.latLon() ? a1 : a2;
        double maxX = crs.latLon() ? b2 : b1, maxY = crs.latLon() ? b1 : b2;
        String order = crs.latLon() ? "minlat,minlon,maxlat,maxlon" : "minx,miny,maxx,maxy";
        if (crs.geographic()) {
            if (Math.abs(minX) > 180 || Math.abs(maxX) > 180) throw ApiException.invalidParameter("bbox", "longitudes must be between -180 and 180 (order " + order + "), got '" + value + "'");
            if (Math.abs(minY) > 90 || Math.abs(maxY) > 90) throw ApiException.invalidParameter("bbox", "latitudes must be between -90 and 90 (order " + order + "), got '" + value + "'");
        } else if (minX > maxX) {
            throw ApiException.invalidParameter("bbox", "minx is greater than maxx in '" + value + "'; order is " + order);
        }
        if (minY > maxY) {
            throw ApiException.invalidParameter("bbox", "the lower corner is above the upper corner in '" + value + "'; order is " + order);
        }
        return new Bbox(minX, minY, maxX, maxY, crs);
    }
}
