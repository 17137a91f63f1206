package riskmap.geo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import riskmap.domain.ApiException;

/**
 * Reads an area sent by a client — a GeoJSON Polygon or MultiPolygon, or a Feature holding one —
 * into a JTS geometry in WGS84 lon/lat, refusing anything that is not a valid area.
 *
 * <p>Refused, each with a message naming the ring and position: a missing or wrong {@code type},
 * positions that are not two or three numbers, coordinates out of range, rings with fewer than
 * four positions, rings that do not close, and geometries JTS finds invalid (self-intersections,
 * holes outside their shell, overlapping parts).
 */
public final class AreaReader {
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private AreaReader() {
    }

    public static Geometry read(JsonNode root) {
        if (root == null || !root.isObject()) throw invalid("the body must be a GeoJSON object: a Polygon, a MultiPolygon or a Feature holding one");
        String type = root.path("type").asText("");
        if (type.equals("Feature")) {
            JsonNode geometry = root.get("geometry");
            if (geometry == null || geometry.isNull()) throw invalid("the Feature has no geometry; give it a Polygon or MultiPolygon");
            return read(geometry);
        }
        Geometry g = switch (type) {
            case "Polygon" -> polygon(coordinates(root), "the polygon");
            case "MultiPolygon" -> multiPolygon(coordinates(root));
            case "" -> throw invalid("the body has no \"type\"; send {\"type\":\"Polygon\",\"coordinates\":[[[lon,lat],…]]}");
            default -> throw invalid("type '" + type + "' is not an area; send a Polygon, a MultiPolygon or a Feature holding one");
        };
        TopologyValidationError err = new IsValidOp(g).getValidationError();
        if (err != null) {
            Coordinate at = err.getCoordinate();
            throw invalid("the geometry is not valid: " + err.getMessage()
                    + (at == null ? "" : " at or near [" + at.x + ", " + at.y + "]") + "; redraw it without crossing edges or overlapping parts");
        }
        return g;
    }

    private static JsonNode coordinates(JsonNode root) {
        JsonNode c = root.get("coordinates");
        if (c == null || !c.isArray()) throw invalid("\"coordinates\" is missing or not an array");
        return c;
    }

    private static Geometry multiPolygon(JsonNode polygons) {
        if (polygons.isEmpty()) throw invalid("the MultiPolygon has no polygons");
        Polygon[] parts = new Polygon[polygons.size()];
        for (int i = 0; i < parts.length; i++) parts[i] = polygon(polygons.get(i), "polygon " + (i + 1));
        return FACTORY.createMultiPolygon(parts);
    }

    private static Polygon polygon(JsonNode rings, String which) {
        if (!rings.isArray() || rings.isEmpty()) throw invalid(which + " has no rings; give it at least an outer ring of positions");
        List<LinearRing> built = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            built.add(ring(rings.get(r), (r == 0 ? "the outer ring" : "hole " + r) + " of " + which));
        }
        return FACTORY.createPolygon(built.get(0), built.subList(1, built.size()).toArray(new LinearRing[0]));
    }

    private static LinearRing ring(JsonNode positions, String which) {
        if (!positions.isArray() || positions.size() < 4) {
            throw invalid(which + " has " + (positions.isArray() ? positions.size() : 0)
                    + " positions; a ring needs at least 4, the last repeating the first");
        }
        Coordinate[] coords = new Coordinate[positions.size()];
        for (int i = 0; i < coords.length; i++) coords[i] = position(positions.get(i), which, i + 1);
        if (!coords[0].equals2D(coords[coords.length - 1])) {
            throw invalid(which + " does not close: its first position [" + coords[0].x + ", " + coords[0].y + "] differs from its last ["
                    + coords[coords.length - 1].x + ", " + coords[coords.length - 1].y + "]; repeat the first position at the end");
        }
        return FACTORY.createLinearRing(coords);
    }

    private static Coordinate position(JsonNode p, String which, int n) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw invalid("position " + n + " of " + which + " is " + p + "; a position is [lon, lat] in degrees");
        }
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            throw invalid("position " + n + " of " + which + " is [" + lon + ", " + lat + "], outside lon -180…180 / lat -90…90; "
                    + "coordinates are WGS84 longitude, latitude (in that order)");
        }
        return new Coordinate(lon, lat);
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid_geometry", detail);
    }
}
