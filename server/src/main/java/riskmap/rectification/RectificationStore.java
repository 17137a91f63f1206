package riskmap.rectification;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.edit.FeatureSchema;
import riskmap.store.EditStore;
import riskmap.store.Sql;

/**
 * Rectifications and their steps in PostgreSQL, all SQL of the workflow in one place. Each write is
 * one transaction that locks the rectification (or the point, when reporting), checks the caller's
 * scope on the point's admin code, records the step (also in the point's change history, as 'rectify') and sets the point's
 * status (with its change history, as an edit). "now" comes from
 * the caller (the App's clock), never from the database.
 */
public final class RectificationStore {
    private static final String POINT = "SELECT admin_code FROM hazard_point WHERE id = ? FOR UPDATE";
    private static final String OPEN_OF_POINT = "SELECT id FROM rectification WHERE hazard_id = ? AND state <> 'closed'";
    private static final String INSERT = "INSERT INTO rectification (hazard_id, state, created_at, created_by) VALUES (?, 'reported', ?, ?) RETURNING id";
    private static final String SELECT = "SELECT r.id, r.hazard_id, h.admin_code, r.state, r.deadline, r.responsible_person_id, r.created_at, r.created_by,"
            + " r.extension_deadline, r.extension_reason, r.extension_requested_by, r.extension_requested_at"
            + " FROM rectification r JOIN hazard_point h ON h.id = r.hazard_id WHERE r.id = ?";
    private static final String STEPS = "SELECT seq, action, from_state, to_state, actor, opinion, reason, deadline, at"
            + " FROM rectification_step WHERE rectification_id = ? ORDER BY seq";
    private static final String INSERT_STEP = "INSERT INTO rectification_step (rectification_id, seq, action, from_state, to_state, actor, opinion, reason, deadline, at)"
            + " VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM rectification_step WHERE rectification_id = ?), ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq";
    // each step is one entry of the point's change history (V31), written from the step row itself
    private static final String HISTORY_INSERT = "INSERT INTO change_history (collection, feature_id, action, actor, new_value)"
            + " SELECT ?, r.hazard_id, ?, s.actor, jsonb_build_object('rectification', jsonb_build_object('id', s.rectification_id,"
            + " 'seq', s.seq, 'action', s.action, 'from_state', s.from_state, 'to_state', s.to_state, 'opinion', s.opinion, 'reason', s.reason,"
            + " 'deadline', s.deadline, 'at', s.at))"
            + " FROM rectification_step s JOIN rectification r ON r.id = s.rectification_id WHERE s.rectification_id = ? AND s.seq = ?";
    // closed_at (V21) is bound only by the write-off: the dashboard counts write-offs by it; the extension columns (V31) hold the pending request
    private static final String UPDATE = "UPDATE rectification SET state = ?, deadline = coalesce(?, deadline),"
            + " responsible_person_id = coalesce(?, responsible_person_id), closed_at = coalesce(?, closed_at),"
            + " extension_deadline = ?, extension_reason = ?, extension_requested_by = ?, extension_requested_at = ? WHERE id = ?";
    private static final String PERSON_EXISTS = "SELECT 1 FROM person WHERE id = ?";

    private final DataSource ds;

    public RectificationStore(DataSource ds) {
        this.ds = ds;
    }

    /** Opens a rectification on point {@code hazardId}; {@code access} refuses points outside the caller's scope. */
    Rectification report(String hazardId, String actor, Instant now, Access access) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            String adminCode = single(c, POINT, hazardId).orElseThrow(() -> ApiException.notFound("no hazard point " + hazardId));
            access.inScope(adminCode);
            Optional<String> open = single(c, OPEN_OF_POINT, hazardId);
            if (open.isPresent()) {
                throw new ApiException(409, "conflict", "hazard point " + hazardId + " already has the open rectification " + open.get()
                        + "; continue that one (POST /api/rectifications/" + open.get() + "/transitions)");
            }
            String id = single(c, INSERT, hazardId, Timestamp.from(now), actor).orElseThrow();
            step(c, id, "report", null, State.REPORTED, actor, new StepInput(null, null, null, null, null), now);
            pointStatus(c, hazardId, State.REPORTED, now, actor);
            return read(c, id).orElseThrow();
        });
    }

    Optional<Rectification> get(String id) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            return read(c, id);
        }
    }

    /**
     * Takes {@code action} if the table allows it in the current state (409 listing the allowed ones
     * otherwise); {@code access} checks the point's admin code first and the action the step needs
     * after, and only then is the rest of the body read ({@code body}, 400 when wrong).
     */
    Rectification apply(String id, Transition action, Supplier<StepInput> body, String actor, Instant now, Access access)
            throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            Rectification r = lock(c, id);
            access.inScope(r.adminCode());
            State to = action.target(r.state(), r.extensionPending()).orElseThrow(() -> new IllegalTransition(r, action));
            access.holds(action.needs(r.state()));
            StepInput in = body.get();
            if (in.action() == Transition.REQUEST_EXTENSION && !in.deadline().isAfter(r.deadline())) {
                throw ApiException.invalidParameter("deadline", "an extension must move the deadline later than " + r.deadline());
            }
            if (in.responsiblePersonId() != null && single(c, PERSON_EXISTS, in.responsiblePersonId()).isEmpty()) {
                throw ApiException.invalidParameter("responsible_person_id", "no person " + in.responsiblePersonId() + "; pick one from GET /api/people");
            }
            StepEffect effect = StepEffect.of(r, to, in, actor, now);
            update(c, id, to, in, effect, now);
            step(c, id, in.action().id(), r.state(), to, actor, effect.recorded(), now);
            pointStatus(c, r.hazardId(), to, now, actor);
            return read(c, id).orElseThrow();
        });
    }

    private static Rectification lock(Connection c, String id) throws SQLException {
        single(c, "SELECT id FROM rectification WHERE id = ? FOR UPDATE", id).orElseThrow(() -> ApiException.notFound("no rectification " + id));
        return read(c, id).orElseThrow();
    }

    private static void update(Connection c, String id, State to, StepInput in, StepEffect effect, Instant now) throws SQLException {
        Rectification.Extension ext = effect.extension();
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, to.id());
            ps.setTimestamp(2, timestamp(effect.deadline()));
            ps.setString(3, in.responsiblePersonId());
            ps.setTimestamp(4, to == State.CLOSED ? Timestamp.from(now) : null);
            ps.setTimestamp(5, ext == null ? null : timestamp(ext.deadline()));
            ps.setString(6, ext == null ? null : ext.reason());
            ps.setString(7, ext == null ? null : ext.requestedBy());
            ps.setTimestamp(8, ext == null ? null : timestamp(ext.requestedAt()));
            ps.setString(9, id);
            ps.executeUpdate();
        }
    }

    private static void step(Connection c, String id, String action, State from, State to, String actor, StepInput in, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_STEP)) {
            ps.setString(1, id);
            ps.setString(2, id);
            ps.setString(3, action);
            ps.setString(4, from == null ? null : from.id());
            ps.setString(5, to.id());
            ps.setString(6, actor);
            ps.setString(7, in.opinion());
            ps.setString(8, in.reason());
            ps.setTimestamp(9, timestamp(in.deadline()));
            ps.setTimestamp(10, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                history(c, id, rs.getInt(1));
            }
        }
    }

    private static void history(Connection c, String id, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HISTORY_INSERT)) {
            ps.setString(1, FeatureSchema.HAZARDS.id());
            ps.setString(2, EditStore.RECTIFY);
            ps.setString(3, id);
            ps.setInt(4, seq);
            ps.executeUpdate();
        }
    }

    /** The point's status follows the step through the editing path, so the point's history shows it. */
    private static void pointStatus(Connection c, String hazardId, State state, Instant now, String actor) throws SQLException {
        EditStore.setStatus(c, FeatureSchema.HAZARDS, hazardId, state.pointStatus(), now, actor);
    }

    private static Optional<Rectification> read(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Rectification.Extension ext = rs.getTimestamp(9) == null ? null
                        : new Rectification.Extension(instant(rs.getTimestamp(9)), rs.getString(10), rs.getString(11), instant(rs.getTimestamp(12)));
                return Optional.of(new Rectification(rs.getString(1), rs.getString(2), rs.getString(3), State.parse(rs.getString(4)),
                        instant(rs.getTimestamp(5)), rs.getString(6), ext, instant(rs.getTimestamp(7)), rs.getString(8), steps(c, id)));
            }
        }
    }

    private static List<Rectification.Step> steps(Connection c, String id) throws SQLException {
        List<Rectification.Step> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(STEPS)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(3);
                    out.add(new Rectification.Step(rs.getInt(1), rs.getString(2), from == null ? null : State.parse(from), State.parse(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))));
                }
            }
        }
        return out;
    }

    /** The first column of the first row, if any. */
    private static Optional<String> single(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
