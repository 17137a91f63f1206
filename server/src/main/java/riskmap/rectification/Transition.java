package riskmap.rectification;

import static riskmap.rectification.State.ACCEPTED;
import static riskmap.rectification.State.CLOSED;
import static riskmap.rectification.State.COUNTY_ACCEPTED;
import static riskmap.rectification.State.ORDERED;
import static riskmap.rectification.State.RECTIFYING;
import static riskmap.rectification.State.REJECTED;
import static riskmap.rectification.State.REPORTED;
import static riskmap.rectification.State.SUBMITTED;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import riskmap.auth.Action;

/**
 * The one table of what may happen to a rectification: each action, the account action it needs,
 * and the state it leads to from each state it is allowed in. Nothing else decides legality.
 */
public enum Transition {
    /** 下达整改: needs a deadline and the 包保 responsible person */
    ORDER(Action.EDIT, Map.of(REPORTED, ORDERED)),
    START(Action.EDIT, Map.of(ORDERED, RECTIFYING)),
    /** a later deadline with a reason; the state stays */
    EXTEND(Action.EDIT, Map.of(ORDERED, ORDERED, RECTIFYING, RECTIFYING)),
    SUBMIT(Action.EDIT, Map.of(RECTIFYING, SUBMITTED)),
    COUNTY_ACCEPT(Action.REVIEW, Map.of(SUBMITTED, COUNTY_ACCEPTED)),
    /** the county refuses a submission, or the city refuses what the county accepted */
    REJECT(Action.REVIEW, Map.of(SUBMITTED, REJECTED, COUNTY_ACCEPTED, REJECTED)),
    REWORK(Action.EDIT, Map.of(REJECTED, RECTIFYING)),
    /** only after the county accepted: the two-level review */
    CITY_ACCEPT(Action.REVIEW, Map.of(COUNTY_ACCEPTED, ACCEPTED)),
    /** 销号 */
    CLOSE(Action.REVIEW, Map.of(ACCEPTED, CLOSED));

    private final Action needs;
    private final Map<State, State> targets;

    Transition(Action needs, Map<State, State> targets) {
        this.needs = needs;
        this.targets = targets;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The account action this step needs in the point's scope. */
    public Action needs() {
        return needs;
    }

    /** The state this step leads to from {@code from}, empty when it is not allowed there. */
    public Optional<State> target(State from) {
        return Optional.ofNullable(targets.get(from));
    }

    /** The actions allowed in {@code s}, in declaration order. */
    public static List<String> allowedIn(State s) {
        return Arrays.stream(values()).filter(t -> t.targets.containsKey(s)).map(Transition::id).toList();
    }

    public static Optional<Transition> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Transition::id).toList();
    }
}
