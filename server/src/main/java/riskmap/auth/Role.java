package riskmap.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a token may do: {@code viewer} reads personal data, {@code editor} also writes, {@code admin} everything. */
public enum Role {
    VIEWER, EDITOR, ADMIN;

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
