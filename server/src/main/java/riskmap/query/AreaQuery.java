package riskmap.query;

import org.locationtech.jts.geom.Geometry;

/**
 * Hazard points inside (or on the edge of) an area, with the summary a targeted warning needs.
 *
 * @param area       a valid Polygon or MultiPolygon in WGS84 lon/lat
 * @param filter     which hazard points count
 * @param limit      most features listed; the summary covers every match
 */
public record AreaQuery(Geometry area, HazardFilter filter, int limit) {
}
