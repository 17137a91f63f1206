package riskmap.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.locationtech.jts.io.WKTWriter;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.edit.FeatureInput;
import riskmap.edit.FeatureSchema;
import riskmap.edit.FeatureValidator;
import riskmap.geojson.GeoJsonWriter;

/**
 * Single-feature writes with optimistic concurrency, each in one transaction with its
 * {@code change_history} row.
 *
 * <p>A write names the version it was based on (the ETag the client read). The row is updated
 * with {@code WHERE id = ? AND version = ?}: when another writer got there first, no row matches,
 * nothing is written and the caller gets 412 — even when both read the same version at the same
 * moment, because PostgreSQL re-checks the WHERE clause against the row the other transaction
 * committed.
 */
public final class EditStore {
    private final DataSource ds;

    public EditStore(DataSource ds) {
        this.ds = ds;
    }

    /** A feature as sent to clients (GeoJSON text) and its version. */
    public record Stored(String id, String featureJson, int version) {
    }

    /** The stored row before a change: the whole feature as JSON (personal data included), its version and admin code. */
    public record Current(String id, int version, String documentJson, String adminCode) {
    }

    /** Builds the new value from the current one (merging, validating, checking rights); throws to refuse. */
    @FunctionalInterface
    public interface Change {
        FeatureInput apply(Current current);
    }

    /** The history action of an inspection of a hazard point (riskmap.inspection): its document is the inspection's, not the point's. */
    public static final String INSPECT = "inspect";
    /** The history action of a rectification step of a hazard point (riskmap.rectification): its document is the step's. */
    public static final String RECTIFY = "rectify";

    /** True for an entry whose documents are the feature's (not an inspection's or a rectification step's). */
    public static boolean holdsFeature(HistoryEntry e) {
        return !INSPECT.equals(e.action()) && !RECTIFY.equals(e.action());
    }

    /** One entry of a feature's history. */
    public record HistoryEntry(long id, String action, String actor, Instant changedAt, String oldJson, String newJson) {
    }

    public Optional<Stored> get(FeatureSchema s, String id, Visibility v) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            return read(c, s, id, v);
        }
    }

    public Stored create(FeatureSchema s, FeatureInput in, String actor, Visibility v) throws SQLException, IOException {
        return inTransaction(c -> {
            String id;
            try (PreparedStatement ps = c.prepareStatement(EditSql.insert(s, in.id() != null))) {
                int i = 1;
                if (in.id() != null) ps.setString(i++, in.id());
                i = bindValues(ps, i, in);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getString(1);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ApiException(409, "conflict", in.id() == null
                            ? "the id the database chose is taken by an imported feature; send the request again"
                            : s.id() + " already has a feature with id '" + in.id() + "'; choose another id or leave it out");
                }
                throw unknownPerson(e, s, in);
            }
            history(c, s, id, "create", actor, null, current(c, s, id).documentJson());
            return read(c, s, id, v).orElseThrow();
        });
    }

    /** Replaces the feature, when it still has {@code expectedVersion}. 404 when it does not exist, 412 when stale. */
    public Stored update(FeatureSchema s, String id, int expectedVersion, String actor, Visibility v, Change change)
            throws SQLException, IOException {
        return inTransaction(c -> {
            Current old = existing(c, s, id);
            FeatureInput in = change.apply(old);
            checkVersion(old, expectedVersion);
            try (PreparedStatement ps = c.prepareStatement(EditSql.update(s))) {
                int i = bindValues(ps, 1, in);
                ps.setString(i++, id);
                ps.setInt(i, expectedVersion);
                if (ps.executeUpdate() == 0) throw stale(expectedVersion, null);
            } catch (SQLException e) {
                throw unknownPerson(e, s, in);
            }
            history(c, s, id, "update", actor, old.documentJson(), current(c, s, id).documentJson());
            return read(c, s, id, v).orElseThrow();
        });
    }

    /** Deletes the feature, when it still has {@code expectedVersion}; {@code check} may refuse (e.g. outside the caller's region). */
    public void delete(FeatureSchema s, String id, int expectedVersion, String actor, Change check) throws SQLException, IOException {
        inTransaction(c -> {
            Current old = existing(c, s, id);
            check.apply(old);
            checkVersion(old, expectedVersion);
            try (PreparedStatement ps = c.prepareStatement(EditSql.delete(s))) {
                ps.setString(1, id);
                ps.setInt(2, expectedVersion);
                if (ps.executeUpdate() == 0) throw stale(expectedVersion, null);
            }
            history(c, s, id, "delete", actor, old.documentJson(), null);
            return null;
        });
    }

    /**
     * Sets a feature's {@code status} on behalf of another workflow (a rectification step), inside
     * that workflow's transaction {@code c}, with the same {@code change_history} row an edit
     * writes; the version moves so ETags read before stay honest. Nothing when it has that status.
     */
    public static void setStatus(Connection c, FeatureSchema s, String id, String status, Instant now, String actor) throws SQLException {
        Current old = existing(c, s, id);
        try (PreparedStatement ps = c.prepareStatement(EditSql.setStatus(s))) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            ps.setString(4, status);
            if (ps.executeUpdate() == 0) return;
        }
        history(c, s, id, "update", actor, old.documentJson(), current(c, s, id).documentJson());
    }

    public List<HistoryEntry> history(FeatureSchema s, String id) throws SQLException {
        return ChangeHistory.read(ds, s.id(), id);
    }

    private static int bindValues(PreparedStatement ps, int i, FeatureInput in) throws SQLException {
        for (Object v : in.values().values()) ps.setObject(i++, v);
        ps.setString(i++, new WKTWriter().write(in.geometry()));
        ps.setInt(i++, in.geometry().getSRID());
        return i;
    }

    /**
     * A link to a person who does not exist breaks a foreign key: refused with 400 naming the links
     * sent (a zone has three), not a 500. Other failures pass.
     */
    private static SQLException unknownPerson(SQLException e, FeatureSchema s, FeatureInput in) {
        if (!"23503".equals(e.getSQLState())) return e;
        String sent = s.personLinks().stream().filter(f -> in.values().get(f.name()) != null)
                .map(f -> f.name() + " '" + in.values().get(f.name()) + "'").collect(Collectors.joining(", "));
        throw new FeatureValidator.Invalid(sent + ": there is no person with such an id; give the id of a person in /api/people, or null for none");
    }

    private static void checkVersion(Current old, int expectedVersion) {
        if (old.version() != expectedVersion) throw stale(expectedVersion, old.version());
    }

    private static ApiException stale(int sent, Integer now) {
        return ApiException.stale("feature", sent, now);
    }

    private static Current existing(Connection c, FeatureSchema s, String id) throws SQLException {
        Current cur = current(c, s, id);
        if (cur == null) throw ApiException.notFound(s.id() + " has no feature with id '" + id + "'");
        return cur;
    }

    private static Current current(Connection c, FeatureSchema s, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EditSql.readDocument(s))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Current(id, rs.getInt("version"), rs.getString("doc"), rs.getString("admin_code")) : null;
            }
        }
    }

    private static Optional<Stored> read(Connection c, FeatureSchema s, String id, Visibility v) throws SQLException, IOException {
        try (PreparedStatement ps = Sql.prepare(c, EditSql.readFeature(s, id, v))) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (GeoJsonWriter out = new GeoJsonWriter(bytes)) {
                    out.writeFeature(rs);
                }
                return Optional.of(new Stored(id, bytes.toString(StandardCharsets.UTF_8), rs.getInt("_version")));
            }
        }
    }

    private static void history(Connection c, FeatureSchema s, String id, String action, String actor, String oldJson, String newJson)
            throws SQLException {
        ChangeHistory.write(c, s.id(), id, action, actor, oldJson, newJson);
    }

    private <T> T inTransaction(Sql.Work<T> work) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, work);
    }
}
