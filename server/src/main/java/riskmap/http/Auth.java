package riskmap.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.auth.Tokens;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.store.TokenStore;

/**
 * Resolves the {@link Caller} of every API request once, in a before-handler, from
 * {@code Authorization: Bearer <token>}; handlers ask {@link #caller(Context)}.
 *
 * <p>A request that sends a token must send a live one (401 otherwise, even for reads). Without a
 * token the caller is anonymous: reads stay open (without personal data) unless
 * {@code public_read=false}, which makes every read under /api, /ogc and /tiles answer 401. The map
 * page itself and {@code /health} are never closed. Tokens are never logged or echoed.
 */
public final class Auth {
    private static final String ATTRIBUTE = "riskmap.caller";
    private static final String VISIBILITY = "riskmap.visibility";
    private static final List<String> GUARDED = List.of("/api/", "/ogc", "/tiles/");

    private final TokenStore tokens;
    private final boolean publicRead;

    public Auth(TokenStore tokens, boolean publicRead) {
        this.tokens = tokens;
        this.publicRead = publicRead;
    }

    /** The before-handler: sets the caller, or refuses a bad token / a closed read. */
    public void resolve(Context ctx) throws Exception {
        String path = ctx.path();
        if (GUARDED.stream().noneMatch(path::startsWith) || ctx.method().name().equals("OPTIONS")) return;
        // What a response holds depends on the account (rows, phones), and an ETag such as a feature's
        // version does not: without Vary a browser would revalidate an anonymous copy with a token and
        // be handed back the copy without phones (or keep a signed-in copy after sign-out).
        ctx.res().addHeader("Vary", "Authorization");
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.attribute(ATTRIBUTE, Caller.ANONYMOUS);
            ctx.attribute(VISIBILITY, Caller.ANONYMOUS.visibility(publicRead));
            if (!publicRead) throw unauthorized(ctx, "this server needs a token for every read: send Authorization: Bearer <token>");
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized(ctx, "the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(7).trim();
        Caller caller = Tokens.wellFormed(token) ? tokens.find(token).orElse(null) : null;
        if (caller == null) throw unauthorized(ctx, "the token is unknown or revoked; ask an administrator for a new one (riskmap token create)");
        ctx.attribute(ATTRIBUTE, caller);
        ctx.attribute(VISIBILITY, caller.visibility(publicRead));
    }

    /** The caller of this request; anonymous when no token was sent. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        return c == null ? Caller.ANONYMOUS : c;
    }

    /** What the caller of this request may read (rows and personal data), by the server's public_read setting. */
    public static Visibility visibility(Context ctx) {
        Visibility v = ctx.attribute(VISIBILITY);
        return v == null ? Visibility.PUBLIC : v;
    }

    /** {@code GET /api/me}: the signed-in account — name, scope and actions — for the map page's sign-in. */
    public void me(Context ctx) {
        Caller c = requireToken(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.accountId());
        body.put("name", c.name());
        body.put("role", c.role() == null ? null : c.role().id());
        body.put("scope", c.scope());
        body.put("actions", c.actions().stream().sorted().map(Action::id).toList());
        body.put("public_read", publicRead);
        ctx.json(body);
    }

    /** The caller, who must hold a token of any role. */
    public static Caller requireToken(Context ctx) {
        Caller c = caller(ctx);
        if (c.isAnonymous()) throw unauthorized(ctx, "this needs a token: send Authorization: Bearer <token>");
        return c;
    }

    /** The caller, who must hold an account allowed to edit. */
    public static Caller requireWriter(Context ctx) {
        return require(ctx, Action.EDIT, "writing");
    }

    /** The caller, who must hold an account with {@code action} (somewhere: the scope is checked per record). */
    public static Caller require(Context ctx, Action action, String what) {
        Caller c = caller(ctx);
        if (c.isAnonymous()) throw unauthorized(ctx, what + " needs a token with the action " + action.id() + ": send Authorization: Bearer <token>");
        requireAction(c, action, what);
        return c;
    }

    /** 403 unless the signed-in {@code c} holds {@code action}; {@code what} names the request in the message. */
    public static void requireAction(Caller c, Action action, String what) {
        if (!c.can(action)) {
            throw new ApiException(403, "forbidden", what + " needs the action " + action.id() + "; this account may "
                    + (c.actions().isEmpty() ? "only read public data" : Action.ids(c.actions())) + " (ask an administrator for an account with " + action.id() + ")");
        }
    }

    /** 403 unless {@code adminCode} lies in the caller's scope; {@code whose} names the record in the message. */
    public static void requireInScope(Caller c, String adminCode, String whose) {
        if (!c.covers(adminCode)) {
            throw new ApiException(403, "forbidden", "this account acts only in " + c.scopeName() + "; " + whose + " admin_code is "
                    + (adminCode == null ? "empty" : adminCode));
        }
    }

    /** 401 with the challenge header RFC 6750 asks for. */
    private static ApiException unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"riskmap\"");
        return new ApiException(401, "unauthorized", detail);
    }
}
