package riskmap.ogc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;
import riskmap.store.PageOrder.Key;

/**
 * The opaque {@code cursor} of {@code next}/{@code prev} links: a direction and the key of the
 * feature the page starts after (or ends before), its id or, for a page in geohash order, its
 * geohash and id ({@link riskmap.store.PageOrder}). Keyset paging means that walking the links
 * visits each feature exactly once even while features are inserted or deleted between pages.
 *
 * @param forward true for "the features after {@code key}", false for "the features before it"
 */
public record Cursor(boolean forward, Key key) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern GEOHASH = Pattern.compile("[0-9b-hjkmnp-z]{12}");

    public static Cursor after(Key key) {
        return new Cursor(true, key);
    }

    public static Cursor before(Key key) {
        return new Cursor(false, key);
    }

    /** a/b: after/before an id; c/d: after/before a geohash and id. */
    public String encode() {
        String s = key.geohash() == null ? (forward ? "a" : "b") + key.id() : (forward ? "c" : "d") + key.geohash() + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        if (token == null) return null;
        String s;
        try {
            s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            s = "";
        }
        char kind = s.isEmpty() ? ' ' : s.charAt(0);
        int idFrom = kind == 'c' || kind == 'd' ? 13 : 1;
        boolean known = kind >= 'a' && kind <= 'd' && s.length() > idFrom && ID.matcher(s.substring(idFrom)).matches()
                && (idFrom == 1 || GEOHASH.matcher(s.substring(1, idFrom)).matches());
        if (!known) {
            throw ApiException.invalidParameter("cursor", "'" + token + "' is not a cursor this server issued; follow the next/prev links unchanged, or drop cursor to start at the first page");
        }
        return new Cursor(kind == 'a' || kind == 'c', new Key(idFrom == 1 ? null : s.substring(1, idFrom), s.substring(idFrom)));
    }
}
