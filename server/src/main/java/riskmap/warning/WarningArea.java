package riskmap.warning;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Polygon;
import riskmap.http.Json;

/**
 * Where a warning applies, as CAP 1.2 describes an area: a description ({@code areaDesc}),
 * polygons (outer rings only: CAP has no holes), circles and GB/T 2260 region codes, any mix of
 * them and at least one. Hazards and people are found inside the polygons, the circles'
 * geodesic buffers and the regions (by admin-code prefix).
 */
public record WarningArea(String description, List<Polygon> polygons, List<Circle> circles, List<String> regionCodes) {
    public WarningArea {
        polygons = List.copyOf(polygons);
        circles = List.copyOf(circles);
        regionCodes = List.copyOf(regionCodes);
    }

    public boolean hasGeometry() {
        return !polygons.isEmpty() || !circles.isEmpty();
    }

    /** The polygons as a JSON array of GeoJSON Polygons, lon/lat. */
    public String polygonsJson() {
        return Json.text(polygons.stream().map(WarningArea::geoJson).toList());
    }

    /** The circles as a JSON array of {@code {"center":[lon,lat],"radius_m":r}}. */
    public String circlesJson() {
        return Json.text(circles.stream().map(Circle::toJson).toList());
    }

    static Map<String, Object> geoJson(Polygon p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("type", "Polygon");
        m.put("coordinates", List.of(java.util.Arrays.stream(p.getExteriorRing().getCoordinates()).map(c -> List.of(c.x, c.y)).toList()));
        return m;
    }
}
