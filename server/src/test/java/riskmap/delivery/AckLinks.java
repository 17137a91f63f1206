package riskmap.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import javax.sql.DataSource;

/** Answer links made the way delivery makes them, for tests that open the phone page without sending. */
public final class AckLinks {
    private AckLinks() {
    }

    /** A link as delivery makes one: 32 random bytes in base64url; the table keeps only their SHA-256. */
    public static String create(DataSource ds, String warningId, String personId) throws Exception {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ack_link (token_hash, warning_id, person_id, message_key) VALUES (?, ?, ?, 'test-link')")) {
            ps.setBytes(1, MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
            ps.setString(2, warningId);
            ps.setString(3, personId);
            ps.executeUpdate();
        }
        return token;
    }
}
