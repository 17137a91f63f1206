package riskmap.rectification;

import java.util.List;
import java.util.Map;
import riskmap.domain.ApiException;

/** 409: the action is not allowed in the rectification's state; the body lists what is. */
final class IllegalTransition extends ApiException {
    private final List<String> allowed;

    IllegalTransition(Rectification r, Transition refused) {
        this(r.id(), r.state().id() + (r.extensionPending() ? " with an extension request pending" : ""), refused,
                Transition.allowedIn(r.state(), r.extensionPending()));
    }

    private IllegalTransition(String id, String state, Transition refused, List<String> allowed) {
        super(409, "illegal_transition", "rectification " + id + " is " + state + "; '" + refused.id()
                + "' is not allowed there. Allowed: " + (allowed.isEmpty() ? "nothing (it is closed)" : String.join(", ", allowed)));
        this.allowed = allowed;
    }

    @Override
    public Map<String, Object> extra() {
        return Map.of("allowed", allowed);
    }
}
