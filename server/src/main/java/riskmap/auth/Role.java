package riskmap.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The presets of api.md §4, each a set of {@link Action}s: {@code viewer} reads personal data,
 * {@code editor} also writes, {@code admin} does everything; the reviewers of the hidden-danger
 * workflow (issue 11) read and review at one level, {@code county_reviewer} (县级审核员, given a
 * county's region) and {@code city_reviewer} (市级审核员, given a city's). An account may hold any
 * other combination of actions; its role is then only a label.
 */
public enum Role {
    VIEWER(EnumSet.of(Action.READ_PERSONAL)),
    EDITOR(EnumSet.of(Action.READ_PERSONAL, Action.EDIT)),
    ADMIN(EnumSet.allOf(Action.class)),
    COUNTY_REVIEWER(EnumSet.of(Action.READ_PERSONAL, Action.REVIEW)),
    CITY_REVIEWER(EnumSet.of(Action.READ_PERSONAL, Action.REVIEW_CITY));

    private final Set<Action> actions;

    Role(Set<Action> actions) {
        this.actions = actions;
    }

    public Set<Action> actions() {
        return EnumSet.copyOf(actions);
    }

    /** The name used in the database, the CLI and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.id().equals(s)) return r;
        }
        throw new IllegalArgumentException("unknown role '" + s + "'; use one of " + allIds());
    }

    public static String allIds() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
