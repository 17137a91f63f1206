package riskmap.query;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * Hazard points inside (or on the edge of) an area, with the summary a targeted warning needs.
 *
 * @param area       a valid Polygon or MultiPolygon in WGS84 lon/lat
 * @param categories categories to keep; empty keeps all
 * @param minLevel   lowest risk level to keep (1 keeps all)
 * @param limit      most features listed; the summary covers every match
 */
public record AreaQuery(Geometry area, List<String> categories, int minLevel, int limit) {
}
