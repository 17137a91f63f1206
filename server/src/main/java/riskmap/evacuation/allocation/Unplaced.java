package riskmap.evacuation.allocation;

/** Persons of a household for whom no shelter has room. */
public record Unplaced(String demandId, int people) {}
