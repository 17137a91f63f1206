package riskmap.evacuation.allocation;

/** {@code people} persons of one household sent to one shelter, {@code distanceM} geodesic metres away. */
public record Assignment(String demandId, String supplyId, int people, double distanceM) {}
