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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import riskmap.auth.Action;

/**
 * The one table of what may happen to a rectification: each action, the states it is allowed in
 * with the state it leads to and the account action it needs there, and whether it needs an
 * extension request to be pending (or none to be). Nothing else decides legality.
 */
public enum Transition {
    /** 下达整改: needs a deadline and the 包保 responsible person */
    ORDER(Pending.EITHER, leg(REPORTED, ORDERED, Action.EDIT)),
    START(Pending.EITHER, leg(ORDERED, RECTIFYING, Action.EDIT)),
    /** 申请延期: a later deadline with a reason, for the county to decide; at most one waits at a time */
    REQUEST_EXTENSION(Pending.NONE, leg(ORDERED, ORDERED, Action.EDIT), leg(RECTIFYING, RECTIFYING, Action.EDIT)),
    /** 批准延期: the requested deadline becomes the deadline */
    GRANT_EXTENSION(Pending.ONE, leg(ORDERED, ORDERED, Action.REVIEW), leg(RECTIFYING, RECTIFYING, Action.REVIEW)),
    /** 不予延期: the deadline stays */
    REFUSE_EXTENSION(Pending.ONE, leg(ORDERED, ORDERED, Action.REVIEW), leg(RECTIFYING, RECTIFYING, Action.REVIEW)),
    SUBMIT(Pending.EITHER, leg(RECTIFYING, SUBMITTED, Action.EDIT)),
    COUNTY_ACCEPT(Pending.EITHER, leg(SUBMITTED, COUNTY_ACCEPTED, Action.REVIEW)),
    /** the county refuses a submission, or the city refuses what the county accepted */
    REJECT(Pending.EITHER, leg(SUBMITTED, REJECTED, Action.REVIEW), leg(COUNTY_ACCEPTED, REJECTED, Action.REVIEW_CITY)),
    REWORK(Pending.EITHER, leg(REJECTED, RECTIFYING, Action.EDIT)),
    /** only after the county accepted: the two-level review */
    CITY_ACCEPT(Pending.EITHER, leg(COUNTY_ACCEPTED, ACCEPTED, Action.REVIEW_CITY)),
    /** 销号 */
    CLOSE(Pending.EITHER, leg(ACCEPTED, CLOSED, Action.REVIEW_CITY));

    /** What an action asks of the rectification's extension request. */
    private enum Pending { EITHER, NONE, ONE }

    /** From one state: the state after the step and the account action it needs there. */
    private record Leg(State from, State to, Action needs) {
    }

    /** The states in which an extension may wait; leaving them lets a pending request lapse. */
    static final Set<State> EXTENSIBLE = EnumSet.of(ORDERED, RECTIFYING);

    private final Pending pending;
    private final Map<State, Leg> legs;

    Transition(Pending pending, Leg... legs) {
        this.pending = pending;
        this.legs = Arrays.stream(legs).collect(Collectors.toUnmodifiableMap(Leg::from, Function.identity()));
    }

    private static Leg leg(State from, State to, Action needs) {
        return new Leg(from, to, needs);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state this step leads to from {@code from}, empty when it is not allowed there. */
    public Optional<State> target(State from, boolean extensionPending) {
        Leg leg = legs.get(from);
        boolean fits = pending == Pending.EITHER || (pending == Pending.ONE) == extensionPending;
        return leg == null || !fits ? Optional.empty() : Optional.of(leg.to());
    }

    /** The account action this step needs, in the point's scope, when taken from {@code from}. */
    public Action needs(State from) {
        return legs.get(from).needs();
    }

    /** True for a reviewer's step (county or city): the timeline marks it as a review. */
    public boolean review() {
        return legs.values().stream().anyMatch(l -> l.needs() == Action.REVIEW || l.needs() == Action.REVIEW_CITY);
    }

    /** The actions allowed in {@code s}, in declaration order. */
    public static List<String> allowedIn(State s, boolean extensionPending) {
        return Arrays.stream(values()).filter(t -> t.target(s, extensionPending).isPresent()).map(Transition::id).toList();
    }

    public static Optional<Transition> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Transition::id).toList();
    }
}
