package riskmap.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The party behind one request, resolved once from its token (or its lack of one): an account
 * with a scope and the actions it may take there.
 *
 * <p>The scope is a region code (GB/T 2260 or its statistical extension: 2 digits a province, 4 a
 * city, 6 a county, 9 a township, 12 a village) and covers that region and everything below it,
 * i.e. every record whose {@code admin_code} starts with it; null covers the whole country. Every
 * action holds only inside the scope: a county editor writes in its county, a township viewer
 * reads phones in its township. {@link Action#ADMIN} implies every other action.
 *
 * @param accountId account (token) id, or 0 when anonymous
 * @param name      the account's name: the actor recorded in the change history
 * @param role      the preset the account was made from (a label), null when anonymous
 * @param scope     region code prefix the account acts in, or null for everywhere
 * @param actions   what the account may do in its scope; empty when anonymous
 */
public record Caller(int accountId, String name, Role role, String scope, Set<Action> actions) {
    public static final Caller ANONYMOUS = new Caller(0, "anonymous", null, null, Set.of());

    public Caller {
        actions = actions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(actions));
    }

    /** An account holding the actions of a preset role. */
    public Caller(int accountId, String name, Role role, String scope) {
        this(accountId, name, role, scope, role.actions());
    }

    public boolean isAnonymous() {
        return accountId == 0;
    }

    public boolean can(Action a) {
        return actions.contains(a) || actions.contains(Action.ADMIN);
    }

    /** True when {@code adminCode} lies in the scope; a record without a code lies only in the whole-country scope. */
    public boolean covers(String adminCode) {
        return scope == null || adminCode != null && adminCode.startsWith(scope);
    }

    /** True when this caller may write a record with {@code adminCode} (null: a record without one). */
    public boolean mayWriteIn(String adminCode) {
        return can(Action.EDIT) && covers(adminCode);
    }

    /** True when this caller may read the personal data of a record with {@code adminCode}. */
    public boolean seesPersonalDataOf(String adminCode) {
        return can(Action.READ_PERSONAL) && covers(adminCode);
    }

    /** What this caller may read; {@code publicRead} is the server's setting. */
    public Visibility visibility(boolean publicRead) {
        String rows = publicRead ? null : scopeOrAll();
        return can(Action.READ_PERSONAL) ? Visibility.withPersonal(rows, scopeOrAll()) : Visibility.publicOnly(rows);
    }

    /** The scope for a description: the code, or "the whole country". */
    public String scopeName() {
        return scope == null ? "the whole country" : "region " + scope;
    }

    private String scopeOrAll() {
        return scope == null ? Visibility.ALL : scope;
    }
}
