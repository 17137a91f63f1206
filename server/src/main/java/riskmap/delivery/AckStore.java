package riskmap.delivery;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.store.Sql;

/**
 * Answers: through a one-time link (found by its token's hash) or recorded by the duty desk.
 * The first answer counts: it spends the link, records answer, note, time and channel on the
 * target and moves its state, in one transaction. A second answer is refused (409), as is any
 * link of a target that has answered, and nothing is written.
 */
public final class AckStore {
    /** Binds: token hash. */
    private static final String LINK = """
            SELECT l.warning_id, l.person_id, l.used_at, t.answered_at, t.answer, t.state, w.level, w.headline, w.instruction, w.state AS warning_state,
                   w.expires <= now() AS expired, p.name
            FROM ack_link l JOIN warning_target t USING (warning_id, person_id) JOIN warning w ON w.id = l.warning_id JOIN person p ON p.id = l.person_id
            WHERE l.token_hash = ?""";
    private static final String LOCK_TARGET = "SELECT t.answered_at, p.admin_code FROM warning_target t JOIN person p ON p.id = t.person_id"
            + " WHERE t.warning_id = ? AND t.person_id = ? FOR UPDATE OF t";
    private static final String ANSWER = "UPDATE warning_target SET state = ?, answer = ?, note = ?, answered_via = ?, answered_at = now(), updated_at = now()"
            + " WHERE warning_id = ? AND person_id = ? AND answered_at IS NULL RETURNING answered_at";
    /** Binds: warning id. Whether answers may still be recorded: not after a Cancel, not after it expired. */
    private static final String WARNING_OPEN = "SELECT state, expires <= now() AS expired FROM warning WHERE id = ?";
    private static final String SPEND = "UPDATE ack_link SET used_at = now() WHERE token_hash = ? AND used_at IS NULL";

    private final DataSource ds;

    public AckStore(DataSource ds) {
        this.ds = ds;
    }

    /** What a valid link shows: the warning's headline for the person it was sent to. */
    public record Link(String warningId, String personId, String personName, int level, String headline, String instruction, boolean used,
                       Instant answeredAt, String answer, Closed closed) {
        /** True when the link can still answer. */
        public boolean open() {
            return !used && answeredAt == null;
        }
    }

    /** Why a warning takes no more answers; {@code null} on a {@link Link} while it does. */
    public enum Closed { CANCELLED, EXPIRED }

    /** The link of {@code token}; empty for a token that is malformed or was never issued. */
    public Optional<Link> link(String token) throws SQLException, IOException {
        if (!AckTokens.wellFormed(token)) return Optional.empty();
        Link[] found = {null};
        Sql.query(ds, riskmap.store.SqlFragment.of(LINK, (Object) AckTokens.hash(token)), rs -> found[0] = new Link(rs.getString("warning_id"),
                rs.getString("person_id"), rs.getString("name"), rs.getInt("level"), rs.getString("headline"), rs.getString("instruction"),
                rs.getTimestamp("used_at") != null, instant(rs, "answered_at"), rs.getString("answer"),
                "cancelled".equals(rs.getString("warning_state")) ? Closed.CANCELLED : rs.getBoolean("expired") ? Closed.EXPIRED : null));
        return Optional.ofNullable(found[0]);
    }

    /** Records an answer through the link; refuses a link that is unknown, spent or whose target has answered. */
    public Instant answerByLink(String token, Answer answer, String note) throws SQLException, IOException {
        Link link = link(token).orElseThrow(AckStore::invalidLink);
        return Sql.inWriteTransaction(ds, c -> {
            requireOpen(c, link.warningId());
            byte[] hash = AckTokens.hash(token);
            try (PreparedStatement ps = c.prepareStatement(SPEND)) {
                ps.setBytes(1, hash);
                if (ps.executeUpdate() == 0) throw linkUsed();
            }
            return record(c, link.warningId(), link.personId(), answer, note, "link").orElseThrow(AckStore::linkUsed);
        });
    }

    /**
     * Records an answer taken by the duty desk ({@code via} phone or desk). {@code scopeCheck}
     * gets the person's admin code and throws to refuse.
     */
    public Instant answerByDesk(String warningId, String personId, Answer answer, String note, String via,
                                java.util.function.Consumer<String> scopeCheck) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(LOCK_TARGET)) {
                ps.setString(1, warningId);
                ps.setString(2, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ApiException.notFound("the warning " + warningId + " has no target " + personId
                            + "; GET /api/warnings/" + warningId + "/board lists its targets");
                    scopeCheck.accept(rs.getString("admin_code"));
                }
            }
            requireOpen(c, warningId);
            return record(c, warningId, personId, answer, note, via).orElseThrow(() -> new ApiException(409, "already_answered",
                    personId + " has already answered warning " + warningId + "; the first answer counts (see the board). Nothing was written."));
        });
    }

    /** 409 for a warning that was cancelled or has expired: nobody is being called any more. */
    private static void requireOpen(Connection c, String warningId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WARNING_OPEN)) {
            ps.setString(1, warningId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return; // the target lookup already refused an unknown warning
                String why = "cancelled".equals(rs.getString("state")) ? "was cancelled" : rs.getBoolean("expired") ? "has expired" : null;
                if (why != null) {
                    throw new ApiException(409, "warning_closed", "warning " + warningId + " " + why + ", so answers to it are no longer recorded;"
                            + " nothing was written. No answer is needed.");
                }
            }
        }
    }

    private static Optional<Instant> record(Connection c, String warningId, String personId, Answer answer, String note, String via) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ANSWER)) {
            ps.setString(1, answer.state());
            ps.setString(2, answer.id());
            ps.setString(3, note);
            ps.setString(4, via);
            ps.setString(5, warningId);
            ps.setString(6, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** 404 that says nothing about any warning. */
    static ApiException invalidLink() {
        return new ApiException(404, "invalid_link", "this answer link is not valid; use the link exactly as it arrived, or call the duty desk");
    }

    /** 410 that says nothing about any warning. */
    static ApiException linkUsed() {
        return new ApiException(410, "link_used", "this answer link has already been used, and only the first answer counts; call the duty desk to change it");
    }
}
