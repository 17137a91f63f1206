package riskmap.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One thing an account may do inside its scope. Reading public data needs no action; everything
 * else is granted explicitly, so a duty-office viewer, a county editor and a warning officer are
 * different accounts with the same rule behind them.
 */
public enum Action {
    /** read phones and other personal data of the records in the scope */
    READ_PERSONAL,
    /** create, change, delete and import records in the scope */
    EDIT,
    /** review rectifications at county level: accept or reject a submission, grant or refuse an extension */
    REVIEW,
    /** review rectifications at city level: accept or reject what the county accepted, write off (销号) */
    REVIEW_CITY,
    /** record inspections (三查) of hazard points in the scope, with photos */
    INSPECT,
    /** issue, update and cancel warnings for areas in the scope */
    ISSUE_WARNING,
    /** acknowledge warnings addressed to the account's people */
    ACKNOWLEDGE,
    /** everything, everywhere in the scope, including accounts */
    ADMIN;

    /** The name used in the database, the CLI, the API and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action parse(String s) {
        for (Action a : values()) {
            if (a.id().equals(s)) return a;
        }
        throw new IllegalArgumentException("unknown action '" + s + "'; use any of " + allIds());
    }

    /** A comma list such as {@code edit,review}; empty entries are ignored. */
    public static Set<Action> parseList(String commaList) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (String s : commaList.split(",")) {
            if (!s.isBlank()) out.add(parse(s.strip()));
        }
        return out;
    }

    public static String allIds() {
        return Arrays.stream(values()).map(Action::id).collect(Collectors.joining(", "));
    }

    /** A comma list in declaration order. */
    public static String ids(Set<Action> actions) {
        return actions.stream().sorted().map(Action::id).collect(Collectors.joining(","));
    }
}
