package riskmap.evacuation.household;

import java.util.List;

/**
 * One 明白卡 (understanding card): what a household must know to evacuate — who it is, what
 * threatens it, the signal, where to go and how far, and who leads. Plan fields are null when the
 * household is in no plan yet; {@code leaderPhone} is null for callers who may not read it.
 */
public record Card(String householdId, String headName, int members, int vulnerable, String vulnerableNote, String address, String planName,
                   String signal, Double distanceMetres, String shelterName, String shelterAddress, String leaderName, String leaderPhone,
                   List<Hazard> hazards) {
    public Card {
        hazards = List.copyOf(hazards);
    }

    /** A hazard point threatening the household. */
    public record Hazard(String name, Integer level) {
    }
}
