package riskmap.edit;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A GeoJSON geometry object as a JTS geometry, for the types riskmap stores: Point, Polygon and
 * MultiPolygon (anything else is read as far as its type and then refused by the validator).
 *
 * <p>Only the structure is checked here (arrays of two or three numbers, closed rings of at least
 * four positions); ranges and validity depend on the CRS and are {@link FeatureValidator}'s job.
 */
public final class GeoJsonGeometry {
    private GeoJsonGeometry() {
    }

    /** @throws IllegalArgumentException with a sentence naming what is wrong */
    public static Geometry read(JsonNode g, int srid) {
        GeometryFactory f = new GeometryFactory(new PrecisionModel(), srid);
        if (g == null || g.isNull()) throw new IllegalArgumentException("the feature has no geometry");
        if (!g.isObject()) throw new IllegalArgumentException("geometry must be a GeoJSON geometry object");
        String type = g.path("type").asText("");
        JsonNode c = g.get("coordinates");
        if (!type.isEmpty() && (c == null || !c.isArray()) && !type.equals("GeometryCollection")) {
            throw new IllegalArgumentException("the " + type + " has no \"coordinates\" array");
        }
        return switch (type) {
            case "Point" -> f.createPoint(position(c, "the point"));
            case "Polygon" -> polygon(f, c, "the polygon");
            case "MultiPolygon" -> {
                if (c.isEmpty()) throw new IllegalArgumentException("the MultiPolygon has no polygons");
                Polygon[] parts = new Polygon[c.size()];
                for (int i = 0; i < parts.length; i++) parts[i] = polygon(f, c.get(i), "polygon " + (i + 1));
                yield f.createMultiPolygon(parts);
            }
            case "" -> throw new IllegalArgumentException("geometry has no \"type\"");
            default -> throw new IllegalArgumentException("geometry type " + type + " is not stored here");
        };
    }

    private static Polygon polygon(GeometryFactory f, JsonNode rings, String which) {
        if (!rings.isArray() || rings.isEmpty()) throw new IllegalArgumentException(which + " has no rings");
        LinearRing[] built = new LinearRing[rings.size()];
        for (int r = 0; r < built.length; r++) {
            String ring = (r == 0 ? "the outer ring" : "hole " + r) + " of " + which;
            JsonNode positions = rings.get(r);
            if (!positions.isArray() || positions.size() < 4) {
                throw new IllegalArgumentException(ring + " has " + (positions.isArray() ? positions.size() : 0)
                        + " positions; a ring needs at least 4, the last repeating the first");
            }
            Coordinate[] coords = new Coordinate[positions.size()];
            for (int i = 0; i < coords.length; i++) coords[i] = position(positions.get(i), "position " + (i + 1) + " of " + ring);
            if (!coords[0].equals2D(coords[coords.length - 1])) {
                throw new IllegalArgumentException(ring + " does not close: repeat its first position at the end");
            }
            built[r] = f.createLinearRing(coords);
        }
        LinearRing[] holes = new LinearRing[built.length - 1];
        System.arraycopy(built, 1, holes, 0, holes.length);
        return f.createPolygon(built[0], holes);
    }

    private static Coordinate position(JsonNode p, String which) {
        if (p == null || !p.isArray() || p.size() < 2 || p.size() > 3 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException(which + " is " + p + "; a position is [x, y] (lon, lat in degrees for WGS84)");
        }
        return new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }
}
