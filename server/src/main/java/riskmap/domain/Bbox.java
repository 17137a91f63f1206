package riskmap.domain;

/**
 * A lon/lat box in WGS84 degrees. {@code minLon > maxLon} means the box crosses the antimeridian
 * (as OGC API – Features allows), e.g. 170,-10,-170,10.
 */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {
    public boolean crossesAntimeridian() {
        return minLon > maxLon;
    }
}
