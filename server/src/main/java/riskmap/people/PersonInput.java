package riskmap.people;

import java.util.List;

/**
 * A person that passed validation, ready to be written: text stripped, the phone normalised
 * ({@link Phone}), the e-mail address as written, duty roles as ids, the tier given or implied by the code.
 */
public record PersonInput(String name, String phone, String email, String unit, List<String> dutyRoles, String tier, String adminCode, String note) {
    public PersonInput {
        dutyRoles = List.copyOf(dutyRoles);
    }
}
