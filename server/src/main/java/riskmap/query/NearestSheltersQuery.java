package riskmap.query;

/**
 * The {@code k} shelters nearest a point (geodesic distance), optionally only those that can take
 * at least {@code minCapacity} people.
 */
public record NearestSheltersQuery(double lon, double lat, int k, int minCapacity) {
}
