package riskmap.query;

import java.util.List;

/**
 * Hazard points within {@code radiusMetres} (geodesic, WGS84 spheroid) of a centre, nearest first.
 *
 * @param categories categories to keep; empty keeps all
 * @param minLevel   lowest risk level to keep (1 keeps all)
 * @param limit      most features returned; {@code numberMatched} still counts all
 */
public record NearQuery(double lon, double lat, double radiusMetres, List<String> categories, int minLevel, int limit) {
}
