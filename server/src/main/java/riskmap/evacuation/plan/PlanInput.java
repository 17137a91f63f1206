package riskmap.evacuation.plan;

import java.util.List;

/** An evacuation plan that passed {@link PlanValidator}; each household with its shelter or null (to be allocated). */
public record PlanInput(String name, String adminCode, String leaderPersonId, Integer prepareLevel, Integer evacuateLevel, String signal,
                        List<String> hazardIds, List<String> zoneIds, List<Member> households) {
    public PlanInput {
        hazardIds = List.copyOf(hazardIds);
        zoneIds = List.copyOf(zoneIds);
        households = List.copyOf(households);
    }

    /** A household of the plan and the shelter it goes to. */
    public record Member(String householdId, String shelterId) {
    }
}
