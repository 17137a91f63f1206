package riskmap.evacuation.allocation;

import java.util.List;

/**
 * Result of {@link ShelterAllocator#allocate}: who goes where, who has no room, the objective
 * (sum of persons × geodesic metres), how many households were split over several shelters,
 * whether the result is proven minimum-cost over all pairs, after how many rounds of the proof and with how
 * many candidate pairs in the last one.
 */
public record Allocation(List<Assignment> assignments, List<Unplaced> unplaced, double totalPersonMetres,
                         int splitHouseholds, boolean optimal, int rounds, long candidatePairs) {}
