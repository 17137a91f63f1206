package riskmap.http;

import io.javalin.http.Context;
import java.util.List;
import riskmap.auth.Caller;
import riskmap.auth.Tokens;
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
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.attribute(ATTRIBUTE, Caller.ANONYMOUS);
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
    }

    /** The caller of this request; anonymous when no token was sent. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        return c == null ? Caller.ANONYMOUS : c;
    }

    /** The caller, who must hold a token of any role. */
    public static Caller requireToken(Context ctx) {
        Caller c = caller(ctx);
        if (c.isAnonymous()) throw unauthorized(ctx, "this needs a token: send Authorization: Bearer <token>");
        return c;
    }

    /** The caller, who must hold an editor or admin token. */
    public static Caller requireWriter(Context ctx) {
        Caller c = caller(ctx);
        if (c.isAnonymous()) throw unauthorized(ctx, "writing needs an editor or admin token: send Authorization: Bearer <token>");
        if (!c.canWrite()) throw new ApiException(403, "forbidden", "a " + c.role().id() + " token may read but not write; writing needs an editor or admin token");
        return c;
    }

    /** 401 with the challenge header RFC 6750 asks for. */
    private static ApiException unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"riskmap\"");
        return new ApiException(401, "unauthorized", detail);
    }
}
