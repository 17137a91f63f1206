package riskmap.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import riskmap.auth.Action;
import riskmap.auth.Role;
import riskmap.auth.Tokens;
import riskmap.store.TokenStore;

/**
 * {@code riskmap token create --role viewer|editor|admin|county_reviewer|city_reviewer | --actions edit,review,… [--region CODE] [--name NOTE]},
 * {@code riskmap token list}, {@code riskmap token revoke ID}.
 *
 * <p>{@code create} prints the new token alone on standard output (so {@code TOKEN=$(riskmap token create …)}
 * works) and its description on standard error; the token is never shown again, only its hash is kept.
 */
public final class TokenCommand implements Command {
    static final String USAGE = "riskmap token create --role " + Role.allIds().replace(", ", "|") + " (or --actions " + Action.allIds().replace(", ", ",")
            + ") [--region 500101] [--name 张三] | token list | token revoke ID";

    @Override
    public Set<String> valueOptions() {
        return Set.of("role", "actions", "region", "name");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Args a, DataSource ds, PrintStream out, PrintStream err) throws Exception {
        List<String> pos = a.positional();
        if (pos.isEmpty()) throw new UsageException("which token command? " + USAGE);
        TokenStore tokens = new TokenStore(ds);
        switch (pos.get(0)) {
            case "create" -> {
                Role role = role(a);
                Set<Action> actions = actions(a, role);
                String region = a.value("region");
                if (region != null && !region.matches("[0-9]{2,12}")) {
                    throw new UsageException("--region must be a GB/T 2260 code or its prefix (2 to 12 digits), e.g. 500101; got '" + region + "'");
                }
                String label = role != null ? role.id() : Action.ids(actions);
                String name = a.value("name") != null ? a.value("name").strip() : label + (region == null ? "" : "@" + region);
                if (name.isEmpty() || name.length() > 200) throw new UsageException("--name must be 1 to 200 characters");
                String token = Tokens.newToken();
                int id = tokens.create(name, role, actions, region, token);
                err.println("token " + id + " created: " + name + (role == null ? "" : ", role " + role.id()) + ", actions " + Action.ids(actions)
                        + (region == null ? "" : ", region " + region)
                        + ". It is shown only now; keep it secret:");
                out.println(token);
                return 0;
            }
            case "list" -> {
                out.printf("%-4s %-15s %-12s %-26s %-17s %-17s %s%n", "id", "role", "region", "actions", "created", "revoked", "name");
                for (TokenStore.TokenInfo t : tokens.list()) {
                    out.printf("%-4d %-15s %-12s %-26s %-17s %-17s %s%n", t.id(), t.role() == null ? "-" : t.role().id(), t.region() == null ? "-" : t.region(),
                            Action.ids(t.actions()), minute(t.createdAt()), t.revokedAt() == null ? "-" : minute(t.revokedAt()), t.name());
                }
                return 0;
            }
            case "revoke" -> {
                if (pos.size() != 2 || !pos.get(1).matches("[0-9]{1,9}")) throw new UsageException("riskmap token revoke ID (the id that token list shows)");
                int id = Integer.parseInt(pos.get(1));
                if (!tokens.revoke(id)) {
                    err.println("riskmap: no live token with id " + id + " (see riskmap token list)");
                    return 1;
                }
                err.println("token " + id + " revoked: requests with it now get 401");
                return 0;
            }
            default -> throw new UsageException("unknown token command '" + pos.get(0) + "'; " + USAGE);
        }
    }

    /** --role names a preset; without it --actions is required. */
    private static Role role(Args a) {
        if (a.value("role") == null) {
            if (a.value("actions") == null) throw new UsageException("give --role (" + Role.allIds() + ") or --actions (any of " + Action.allIds() + ")");
            return null;
        }
        try {
            return Role.parse(a.value("role"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--role: " + e.getMessage());
        }
    }

    /** The role's actions, or the --actions list (which replaces them when both are given). */
    private static Set<Action> actions(Args a, Role role) {
        if (a.value("actions") == null) return role.actions();
        try {
            Set<Action> actions = Action.parseList(a.value("actions"));
            if (actions.isEmpty()) throw new UsageException("--actions: name at least one of " + Action.allIds());
            return actions;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--actions: " + e.getMessage());
        }
    }

    private static String minute(java.time.Instant t) {
        return t.toString().substring(0, 16).replace('T', ' ');
    }
}
