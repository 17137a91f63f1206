package riskmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.auth.Role;
import riskmap.auth.Tokens;

/** The {@code api_token} table of accounts (scope + actions): tokens are found by the SHA-256 of the secret, never by the secret. */
public final class TokenStore {
    static final String INSERT = "INSERT INTO api_token (name, role, actions, region, token_hash) VALUES (?, ?, ?, ?, ?) RETURNING id";
    static final String BY_HASH = "SELECT id, name, role, actions, region, token_hash FROM api_token WHERE token_hash = ? AND revoked_at IS NULL";
    static final String LIST = "SELECT id, name, role, actions, region, created_at, revoked_at FROM api_token ORDER BY id";
    static final String REVOKE = "UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL";

    private final DataSource ds;

    public TokenStore(DataSource ds) {
        this.ds = ds;
    }

    /** One row of {@code riskmap token list}. */
    public record TokenInfo(int id, String name, Role role, Set<Action> actions, String region, Instant createdAt, Instant revokedAt) {
    }

    /** Stores the hash of {@code token} for an account with a preset role; returns the new id. */
    public int create(String name, Role role, String region, String token) throws SQLException {
        return create(name, role, role.actions(), region, token);
    }

    /** Stores the hash of {@code token} for an account with {@code actions} ({@code role} a label, or null); returns the new id. */
    public int create(String name, Role role, Set<Action> actions, String region, String token) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, name);
            ps.setString(2, role == null ? null : role.id());
            ps.setArray(3, c.createArrayOf("text", actions.stream().map(Action::id).sorted().toArray()));
            ps.setString(4, region);
            ps.setBytes(5, Tokens.hash(token));
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
                return Optional.of(new Caller(rs.getInt("id"), rs.getString("name"), role(rs), rs.getString("region"), actions(rs)));
            }
        }
    }

    public List<TokenInfo> list() throws SQLException {
        List<TokenInfo> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LIST); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TokenInfo(rs.getInt("id"), rs.getString("name"), role(rs), actions(rs), rs.getString("region"),
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

    private static Role role(ResultSet rs) throws SQLException {
        String r = rs.getString("role");
        return r == null ? null : Role.parse(r);
    }

    private static Set<Action> actions(ResultSet rs) throws SQLException {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (String a : (String[]) rs.getArray("actions").getArray()) out.add(Action.parse(a));
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
