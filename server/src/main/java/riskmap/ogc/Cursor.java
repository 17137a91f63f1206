package riskmap.ogc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;

/**
 * The opaque {@code cursor} of {@code next}/{@code prev} links: a direction and the id the page
 * starts after (or ends before). Keyset paging on the id means that walking the links visits each
 * feature exactly once even while features are inserted or deleted between pages.
 *
 * @param forward true for "the features after {@code id}", false for "the features before it"
 */
public record Cursor(boolean forward, String id) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public static Cursor after(String id) {
        return new Cursor(true, id);
    }

    public static Cursor before(String id) {
        return new Cursor(false, id);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(((forward ? "a" : "b") + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        if (token == null) return null;
        String s;
        try {
            s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            s = "";
        }
        if (s.length() < 2 || (s.charAt(0) != 'a' && s.charAt(0) != 'b') || !ID.matcher(s.substring(1)).matches()) {
            throw ApiException.invalidParameter("cursor", "'" + token + "' is not a cursor this server issued; follow the next/prev links unchanged, or drop cursor to start at the first page");
        }
        return new Cursor(s.charAt(0) == 'a', s.substring(1));
    }
}
