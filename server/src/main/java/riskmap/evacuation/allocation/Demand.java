package riskmap.evacuation.allocation;

/** A household that has to move: {@code people} persons at (lon, lat), people >= 1. */
public record Demand(String id, double lon, double lat, int people) {}
