package riskmap.evacuation.household;

import java.util.List;

/** A household that passed {@link HouseholdValidator}, ready to be written. */
public record HouseholdInput(String adminCode, String headName, int members, int vulnerable, String vulnerableNote, String phone,
                             String address, double lon, double lat, List<String> hazardIds) {
    public HouseholdInput {
        hazardIds = List.copyOf(hazardIds);
    }
}
