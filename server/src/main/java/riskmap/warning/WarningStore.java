package riskmap.warning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.http.Json;
import riskmap.store.ChangeHistory;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * Warnings in PostGIS. Every write is one transaction with its {@code change_history} rows
 * (collection {@code warnings}): a draft is created or patched (optimistic concurrency on its
 * version); issuing assigns the identifier, sets {@code sent} and stores the targets computed from
 * the stored area in the same transaction as the state change; an Update or Cancel is a new
 * message, issued at once, and the message it references turns {@code updated} or {@code cancelled}.
 * The warning row is locked ({@code FOR UPDATE}) while it changes, so two issues of one draft,
 * or two cancels of one warning, cannot both succeed.
 */
public final class WarningStore {
    private final DataSource ds;
    private final IssueHook onIssue;
    private final Clock clock;

    public WarningStore(DataSource ds) {
        this(ds, (c, warningId) -> { }, Clock.systemUTC());
    }

    /**
     * A store whose issues also run {@code onIssue} (delivery enqueues its calls there);
     * {@code clock} is "now" for the issue: its sent time and whether the warning expired first.
     */
    public WarningStore(DataSource ds, IssueHook onIssue, Clock clock) {
        this.ds = ds;
        this.onIssue = onIssue;
        this.clock = clock;
    }

    /**
     * Runs inside the transaction that issues a message, after its targets are stored: what it
     * writes (delivery's durable send and deadline jobs) commits or rolls back with the issue.
     */
    @FunctionalInterface
    public interface IssueHook {
        void issued(Connection c, String warningId) throws SQLException;
    }

    /** Refuses a write (403 outside the caller's scope) given the hazards inside the area; called inside the write's transaction. */
    @FunctionalInterface
    public interface ScopeCheck {
        void check(WarningInput in, List<InsideHazard> inside);
    }

    /** Builds the new fields from the stored warning; throws to refuse. */
    @FunctionalInterface
    public interface Change {
        WarningInput apply(Warning current) throws SQLException, IOException;
    }

    /** What a preview answers: the hazards inside and the people to call. */
    public record Preview(List<InsideHazard> hazards, List<Target> targets) {
    }

    /** A message received from elsewhere (CAP import): its own identifier, sender and sent, and whether it is issued here. */
    public record Received(String identifier, String sender, Instant sent, boolean issued, List<String> referenceIds) {
    }

    /** The registered categories with their Chinese names, in their listed order. */
    public Map<String, String> categoryNames() throws SQLException, IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Sql.query(ds, SqlFragment.of("SELECT id, name_zh FROM category ORDER BY builtin DESC, id"), rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** The codes that name no region, for a refusal. */
    public List<String> unknownRegionCodes(List<String> codes) throws SQLException, IOException {
        List<String> out = new ArrayList<>();
        if (codes.isEmpty()) return out;
        Sql.query(ds, SqlFragment.of(WarningSql.UNKNOWN_CODES, (Object) codes.toArray(String[]::new)), rs -> out.add(rs.getString(1)));
        return out;
    }

    /** The hazards inside an area and the people it would call, writing nothing. */
    public Preview preview(WarningArea area, Visibility v) throws SQLException, IOException {
        List<InsideHazard> hazards = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Sql.inSnapshot(ds, c -> {
            Sql.stream(c, WarningSql.hazardsInside(WarningSql.requestArea(area)), rs -> hazards.add(hazard(rs)));
            Sql.stream(c, WarningSql.targetsOf(WarningSql.requestArea(area), v), rs -> targets.add(target(rs)));
        });
        return new Preview(hazards, targets);
    }

    /** The hazards inside the area of a request. */
    public List<InsideHazard> hazardsInside(WarningArea area) throws SQLException, IOException {
        List<InsideHazard> hazards = new ArrayList<>();
        Sql.query(ds, WarningSql.hazardsInside(WarningSql.requestArea(area)), rs -> hazards.add(hazard(rs)));
        return hazards;
    }

    public Optional<Warning> get(String id) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            return read(c, id);
        }
    }

    public List<Warning> list(WarningQuery q, String draftScope) throws SQLException, IOException {
        List<Warning> out = new ArrayList<>();
        Sql.query(ds, WarningSql.list(q, draftScope), rs -> out.add(warning(rs)));
        return out;
    }

    /** A new draft Alert. */
    public Warning createDraft(WarningInput in, String actor) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            String id = insert(c, in, in.senderCode(), List.of(), actor);
            history(c, id, "create", actor, null);
            return read(c, id).orElseThrow();
        });
    }

    /** Changes a draft that still has {@code expectedVersion}: 404, 409 once issued, 412 when stale. */
    public Warning patchDraft(String id, int expectedVersion, String actor, Change change) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            Warning old = locked(c, id);
            if (!old.isDraft()) throw notDraft(old);
            WarningInput in = change.apply(old);
            if (old.version() != expectedVersion) throw ApiException.stale("warning", expectedVersion, old.version());
            String before = document(c, id);
            try (PreparedStatement ps = c.prepareStatement(WarningSql.UPDATE_DRAFT)) {
                int i = 1;
                ps.setString(i++, in.senderCode());
                ps.setString(i++, in.senderName());
                i = bindFields(c, ps, i, in);
                ps.setString(i++, id);
                ps.setInt(i, expectedVersion);
                if (ps.executeUpdate() == 0) throw ApiException.stale("warning", expectedVersion, null);
            }
            history(c, id, "update", actor, before);
            return read(c, id).orElseThrow();
        });
    }

    /** Issues a draft: identifier, sent, state issued and the targets, in one transaction. 409 when it is not a draft. */
    public Warning issue(String id, Integer expectedVersion, String actor, ScopeCheck check) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            Warning w = locked(c, id);
            if (!w.isDraft()) {
                throw new ApiException(409, "conflict", id + " is already " + w.state() + (w.identifier() == null ? "" : " as " + w.identifier())
                        + "; a warning is issued once: change it with POST /api/warnings/" + id + "/update or end it with /cancel. Nothing was written.");
            }
            if (expectedVersion != null && w.version() != expectedVersion) throw ApiException.stale("warning", expectedVersion, w.version());
            check.check(inputOf(w), inside(c, WarningSql.storedArea(id)));
            issueLocked(c, w, null, null, actor);
            return read(c, id).orElseThrow();
        });
    }

    /**
     * A new Update or Cancel message for the issued warning {@code originalId}, issued at once;
     * the original turns {@code updated} or {@code cancelled}. 409 unless the original is issued
     * and not expired.
     */
    public Warning supersede(String originalId, String msgType, String actor, Change change, ScopeCheck check) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            Warning original = locked(c, originalId);
            if (!original.state().equals("issued")) {
                throw new ApiException(409, "conflict", originalId + " is " + original.state() + ", not issued: only an issued warning that has not expired can be "
                        + (msgType.equals("Update") ? "updated" : "cancelled") + (original.isDraft() ? "; change the draft with PATCH, or issue it first" : "")
                        + ". Nothing was written.");
            }
            WarningInput in = change.apply(original);
            check.check(in, inside(c, WarningSql.requestArea(in.area())));
            String id = insert(c, in, in.senderCode(), List.of(originalId), actor);
            history(c, id, "create", actor, null);
            issueLocked(c, read(c, id).orElseThrow(), null, null, actor);
            markSuperseded(c, originalId, msgType, actor);
            return read(c, id).orElseThrow();
        });
    }

    /** Stores a message received as CAP: a draft, or issued with its own identifier (409 when that identifier is here already). */
    public Warning receive(WarningInput in, Received r, String actor, ScopeCheck check) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            if (r.identifier() != null && idByIdentifier(c, r.identifier()).isPresent()) {
                throw new ApiException(409, "conflict", "a message with the identifier " + r.identifier() + " is here already ("
                        + idByIdentifier(c, r.identifier()).get() + "); a CAP message is imported once. Nothing was written.");
            }
            for (String ref : r.referenceIds()) {
                Warning earlier = locked(c, ref);
                if (r.issued() && !earlier.state().equals("issued")) {
                    throw new ApiException(409, "conflict", "the message references " + ref + " (" + earlier.identifier() + "), which is " + earlier.state()
                            + ", not issued; only an issued warning can be updated or cancelled. Nothing was written.");
                }
            }
            check.check(in, inside(c, WarningSql.requestArea(in.area())));
            String id = insert(c, in, r.sender(), r.referenceIds(), actor);
            history(c, id, "create", actor, null);
            if (r.issued()) {
                issueLocked(c, read(c, id).orElseThrow(), r.identifier(), r.sent(), actor);
                for (String ref : r.referenceIds()) markSuperseded(c, ref, in.msgType(), actor);
            }
            return read(c, id).orElseThrow();
        });
    }

    /** The local id of the message with this CAP identifier. */
    public Optional<String> idByIdentifier(String identifier) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return idByIdentifier(c, identifier);
        }
    }

    /** The stored targets, as {@code v} may see them, village first. */
    public List<Target> targets(String id, Visibility v) throws SQLException, IOException {
        List<Target> out = new ArrayList<>();
        Sql.query(ds, WarningSql.storedTargets(id, v), rs -> out.add(target(rs)));
        return out;
    }

    /** What the board shows at {@code now}: exact counts over all targets, and only the first {@code limit} rows. */
    record Board(Map<String, Map<String, Long>> counts, long overdue, List<Target> targets) {
    }

    /** The board's reads on one snapshot, so its counts and rows agree; {@code now} (whole microseconds, as stored) decides overdue. */
    Board board(String id, Visibility v, Instant now, int limit) throws SQLException, IOException {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        long[] overdue = new long[1];
        List<Target> rows = new ArrayList<>();
        Sql.inSnapshot(ds, c -> {
            counts.putAll(counts(c, id));
            Sql.query(c, WarningSql.overdueCount(id, at), rs -> overdue[0] = rs.getLong(1));
            Sql.query(c, WarningSql.boardTargets(id, v, at, limit), rs -> rows.add(target(rs)));
        });
        return new Board(counts, overdue[0], rows);
    }

    /** Target counts per tier and state: tier → state → count. */
    public Map<String, Map<String, Long>> counts(String id) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            return counts(c, id);
        }
    }

    private static Map<String, Map<String, Long>> counts(Connection c, String id) throws SQLException, IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        Sql.query(c, SqlFragment.of(WarningSql.COUNT_BY_TIER_AND_STATE, id),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3)));
        return out;
    }

    public List<riskmap.store.EditStore.HistoryEntry> history(String id) throws SQLException {
        return ChangeHistory.read(ds, "warnings", id);
    }

    private void issueLocked(Connection c, Warning w, String identifier, Instant sent, String actor) throws SQLException, IOException {
        Instant now = clock.instant();
        if (!w.expires().isAfter(now)) {
            throw new ApiException(409, "conflict", w.id() + " expired at " + w.expires() + " before it was issued; PATCH a later expires, then issue. Nothing was written.");
        }
        String before = document(c, w.id());
        Instant at = sent == null ? now.truncatedTo(ChronoUnit.SECONDS) : sent;
        String id = identifier == null ? newIdentifier(c, w.senderCode(), at) : identifier;
        if (identifier == null) at = sentOf(id);
        try (PreparedStatement ps = c.prepareStatement(WarningSql.MARK_ISSUED)) {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, w.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = Sql.prepare(c, WarningSql.insertTargets(w.id()))) {
            ps.executeUpdate();
        }
        onIssue.issued(c, w.id());
        history(c, w.id(), "update", actor, before);
    }

    /** GB/T 35965.1's N: the unit's next number in that second; past 9, the next second. Serialised per unit by an advisory lock. */
    private static String newIdentifier(Connection c, String senderCode, Instant sent) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "warning identifier " + senderCode);
            ps.execute();
        }
        for (Instant at = sent; ; at = at.plusSeconds(1)) {
            long[] used = {0};
            Sql.query(c, SqlFragment.of(WarningSql.SAME_SECOND, WarningIdentifier.prefix(senderCode, at) + "%"), rs -> used[0] = rs.getLong(1));
            if (used[0] < WarningIdentifier.PER_SECOND) return WarningIdentifier.of(senderCode, at, (int) used[0]);
        }
    }

    /** The time an identifier names (a later second when the unit's ten of the first were used). */
    private static Instant sentOf(String identifier) {
        String time = identifier.substring(15, 29);
        return java.time.LocalDateTime.parse(time, java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                .atOffset(java.time.ZoneOffset.ofHours(8)).toInstant();
    }

    private static void markSuperseded(Connection c, String id, String msgType, String actor) throws SQLException {
        String before = document(c, id);
        try (PreparedStatement ps = c.prepareStatement(WarningSql.MARK_SUPERSEDED)) {
            ps.setString(1, msgType.equals("Cancel") ? "cancelled" : "updated");
            ps.setString(2, id);
            ps.executeUpdate();
        }
        history(c, id, "update", actor, before);
    }

    private static String insert(Connection c, WarningInput in, String sender, List<String> references, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WarningSql.INSERT)) {
            int i = 1;
            ps.setString(i++, sender);
            ps.setString(i++, in.senderCode());
            ps.setString(i++, in.senderName());
            ps.setString(i++, in.msgType());
            ps.setArray(i++, c.createArrayOf("text", references.toArray()));
            i = bindFields(c, ps, i, in);
            ps.setString(i, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Binds status … area_codes from index {@code i}; returns the next index. */
    private static int bindFields(Connection c, PreparedStatement ps, int i, WarningInput in) throws SQLException {
        ps.setString(i++, in.status());
        ps.setInt(i++, in.level().number());
        ps.setString(i++, in.category());
        ps.setString(i++, in.event());
        ps.setString(i++, in.urgency());
        ps.setString(i++, in.certainty());
        ps.setString(i++, in.headline());
        ps.setString(i++, in.description());
        ps.setString(i++, in.instruction());
        ps.setTimestamp(i++, Timestamp.from(in.effective()));
        ps.setTimestamp(i++, Timestamp.from(in.expires()));
        ps.setString(i++, in.area().description());
        ps.setString(i++, in.area().polygonsJson());
        ps.setString(i++, in.area().circlesJson());
        ps.setArray(i++, c.createArrayOf("text", in.area().regionCodes().toArray()));
        return i;
    }

    private static List<InsideHazard> inside(Connection c, SqlFragment area) throws SQLException, IOException {
        List<InsideHazard> out = new ArrayList<>();
        Sql.query(c, WarningSql.hazardsInside(area), rs -> out.add(hazard(rs)));
        return out;
    }

    private static Optional<String> idByIdentifier(Connection c, String identifier) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WarningSql.BY_IDENTIFIER)) {
            ps.setString(1, identifier);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Warning locked(Connection c, String id) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(WarningSql.LOCK)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ApiException.notFound("there is no warning with the id '" + id + "'; list them with GET /api/warnings");
            }
        }
        return read(c, id).orElseThrow();
    }

    private static Optional<Warning> read(Connection c, String id) throws SQLException, IOException {
        List<Warning> found = new ArrayList<>();
        Sql.query(c, SqlFragment.of(WarningSql.ONE, id), rs -> found.add(warning(rs)));
        return found.stream().findFirst();
    }

    private static String document(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WarningSql.DOCUMENT)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void history(Connection c, String id, String action, String actor, String oldJson) throws SQLException {
        ChangeHistory.record(c, WarningSql.HISTORY_INSERT, id, action, actor, oldJson);
    }

    /** The stored fields as an input, for checks that need them (the scope check of an issue). */
    static WarningInput inputOf(Warning w) {
        return new WarningInput(w.msgType(), w.status(), w.level(), w.category(), w.event(), w.urgency(), w.certainty(), w.headline(),
                w.description(), w.instruction(), w.effective(), w.expires(),
                new WarningArea(w.areaDesc(), List.of(), List.of(), w.regionCodes()), w.senderCode(), w.senderName());
    }

    private static ApiException notDraft(Warning w) {
        return new ApiException(409, "conflict", w.id() + " is " + w.state() + ", no longer a draft: an issued warning is changed by a new message,"
                + " POST /api/warnings/" + w.id() + "/update (or /cancel). Nothing was written.");
    }

    private static Warning warning(ResultSet rs) throws SQLException, IOException {
        List<Warning.Reference> refs = new ArrayList<>();
        for (JsonNode r : Json.MAPPER.readTree(rs.getString("refs"))) {
            refs.add(new Warning.Reference(r.get("id").asText(), r.get("sender").asText(), r.path("identifier").isNull() ? null : r.get("identifier").asText(),
                    r.path("sent").isNull() ? null : OffsetDateTime.parse(r.get("sent").asText()).toInstant()));
        }
        return new Warning(rs.getString("id"), rs.getString("identifier"), rs.getString("sender"), rs.getString("sender_code"), rs.getString("sender_name"),
                rs.getString("msg_type"), refs, rs.getString("status"), rs.getString("state"), WarningLevel.of(rs.getInt("level")), rs.getString("category"),
                rs.getString("event"), rs.getString("urgency"), rs.getString("certainty"), rs.getString("headline"), rs.getString("description"),
                rs.getString("instruction"), instant(rs, "effective"), instant(rs, "expires"), rs.getString("area_desc"), rs.getString("polygons"),
                rs.getString("circles"), Arrays.asList((String[]) rs.getArray("area_codes").getArray()), rs.getString("geometry"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "sent"), instant(rs, "updated_at"), rs.getInt("version"));
    }

    private static InsideHazard hazard(ResultSet rs) throws SQLException {
        return new InsideHazard(rs.getString("id"), rs.getString("collection"), rs.getString("name"), rs.getString("category"), rs.getInt("risk_level"),
                rs.getString("admin_code"), rs.getString("responsible_person_id"));
    }

    private static Target target(ResultSet rs) throws SQLException {
        return new Target(rs.getString("id"), rs.getString("name"), rs.getString("phone"), rs.getString("unit"), rs.getString("tier"),
                rs.getString("admin_code"), Arrays.asList((String[]) rs.getArray("hazard_ids").getArray()),
                Arrays.asList((String[]) rs.getArray("reasons").getArray()), rs.getString("state"), instant(rs, "deadline"),
                instant(rs, "answered_at"), rs.getString("answer"), rs.getString("end_reason"), rs.getString("end_detail"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
