package riskmap.evacuation.allocation;

import java.util.List;

/**
 * Result of {@link ShelterAllocator#allocate}: who goes where, who has no room, the objective
 * (sum of persons × geodesic metres), how many households were split over several shelters,
 * and whether the result is proven minimum-cost.
 */
public record Allocation(List<Assignment> assignments, List<Unplaced> unplaced, double totalPersonMetres,
                         int splitHouseholds, boolean optimal) {}
