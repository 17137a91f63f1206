package riskmap.query;

/**
 * Hazard points within {@code radiusMetres} (geodesic, WGS84 spheroid) of a centre, nearest first.
 *
 * @param filter     which hazard points count
 * @param limit      most features returned; {@code numberMatched} still counts all
 */
public record NearQuery(double lon, double lat, double radiusMetres, HazardFilter filter, int limit) {
}
