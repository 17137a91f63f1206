package riskmap.rectification;

import java.util.List;
import java.util.Map;
import riskmap.domain.ApiException;

/** 409: the action is not allowed in the rectification's state; the body lists what is. */
final class IllegalTransition extends ApiException {
    private final List<String> allowed;

    IllegalTransition(String id, State state, Transition refused) {
        this(id, state, refused, Transition.allowedIn(state));
    }

    private IllegalTransition(String id, State state, Transition refused, List<String> allowed) {
        super(409, "illegal_transition", "rectification " + id + " is " + state.id() + "; '" + refused.id()
                + "' is not allowed there. Allowed: " + (allowed.isEmpty() ? "nothing (it is closed)" : String.join(", ", allowed)));
        this.allowed = allowed;
    }

    @Override
    public Map<String, Object> extra() {
        return Map.of("allowed", allowed);
    }
}
