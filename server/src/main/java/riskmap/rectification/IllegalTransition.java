package riskmap.rectification;

import java.util.List;
import java.util.Map;
import riskmap.domain.ApiException;

/** 409: the action is not allowed in the rectification's state; the body lists what is. */
final class IllegalTransition extends ApiException {
    private final List<String> allowed;

    IllegalTransition(String id, State state, Transition refused) {
        super(409, "illegal_transition", "rectification " + id + " is " + state.id() + "; '" + refused.id()
                + "' is not allowed there. Allowed: " + (Transition.allowedIn(state).isEmpty() ? "nothing (it is closed)" : String.join(", ", Transition.allowedIn(state))));
        this.allowed = Transition.allowedIn(state);
    }

    @Override
    public Map<String, Object> extra() {
        return Map.of("allowed", allowed);
    }
}
