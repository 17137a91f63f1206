package riskmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import riskmap.auth.Caller;
import riskmap.auth.Role;
import riskmap.auth.Tokens;

/** The {@code api_token} table: tokens are found by the SHA-256 of the secret, never by the secret. */
public final class TokenStore {
    static final String INSERT = "INSERT INTO api_token (name, role, region, token_hash) VALUES (?, ?, ?, ?) RETURNING id";
    static final String BY_HASH = "SELECT id, name, role, region, token_hash FROM api_token WHERE token_hash = ? AND revoked_at IS NULL";
    static final String LIST = "SELECT id, name, role, region, created_at, revoked_at FROM api_token ORDER BY id";
    static final String REVOKE = "UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL";

    private final DataSource ds;

    public TokenStore(DataSource ds) {
        this.ds = ds;
    }

    /** One row of {@code riskmap token list}. */
    public record TokenInfo(int id, String name, Role role, String region, Instant createdAt, Instant revokedAt) {
    }

    /** Stores the hash of {@code token}; returns the new id. */
    public int create(String name, Role role, String region, String token) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, name);
            ps.setString(2, role.id());
            ps.setString(3, region);
            ps.setBytes(4, Tokens.hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The caller a live (not revoked) token stands for. */
    public Optional<Caller> find(String token) throws SQLException {
        byte[] hash = Tokens.hash(token);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(BY_HASH)) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !Tokens.sameHash(hash, rs.getBytes("token_hash"))) return Optional.empty();
                return Optional.of(new Caller(rs.getInt("id"), rs.getString("name"), Role.parse(rs.getString("role")), rs.getString("region")));
            }
        }
    }

    public List<TokenInfo> list() throws SQLException {
        List<TokenInfo> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LIST); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TokenInfo(rs.getInt("id"), rs.getString("name"), Role.parse(rs.getString("role")), rs.getString("region"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("revoked_at"))));
            }
        }
        return out;
    }

    /** @return false when no live token has this id */
    public boolean revoke(int id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(REVOKE)) {
            ps.setInt(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
