package riskmap.delivery;

import java.security.SecureRandom;
import java.util.Base64;
import riskmap.auth.Tokens;

/**
 * The tokens of answer links: 32 random bytes in base64url (43 characters, 256 bits), of which
 * only the SHA-256 is stored ({@link Tokens#hash}), so the table cannot be turned back into links.
 * Anything not of that form is refused before any query.
 */
final class AckTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int LENGTH = 43;

    private AckTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean wellFormed(String token) {
        return token != null && token.length() == LENGTH
                && token.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_'));
    }

    static byte[] hash(String token) {
        return Tokens.hash(token);
    }
}
