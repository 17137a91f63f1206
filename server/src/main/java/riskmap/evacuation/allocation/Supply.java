package riskmap.evacuation.allocation;

/** A shelter with room for {@code capacity} persons (>= 0) at (lon, lat). */
public record Supply(String id, double lon, double lat, int capacity) {}
