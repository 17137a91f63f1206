package riskmap.evacuation.event;

import java.util.List;
import java.util.Map;
import riskmap.domain.ApiException;

/** 409: the household's state does not allow the one asked for; the body lists the states that may follow. */
final class IllegalStateChange extends ApiException {
    private final List<String> allowed;

    IllegalStateChange(String householdId, HouseholdState from, HouseholdState to) {
        super(409, "illegal_transition", "household " + householdId + " is " + from.id() + "; it cannot become " + to.id() + ". Allowed: "
                + (from.next().isEmpty() ? "nothing (" + from.id() + " is final)" : String.join(", ", ids(from.next()))) + ". Nothing was written.");
        this.allowed = ids(from.next());
    }

    private static List<String> ids(List<HouseholdState> states) {
        return states.stream().map(HouseholdState::id).toList();
    }

    @Override
    public Map<String, Object> extra() {
        return Map.of("allowed", allowed);
    }
}
