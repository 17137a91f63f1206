package riskmap.evacuation.event;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.http.Json;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * Evacuation events in PostgreSQL (SQL in {@link EventSql}). Opening snapshots the plan's
 * households in the same transaction; every state change locks its event, so changes of one event
 * are serialised, the counts each reports are exact, and a closed event takes no more. Each change
 * is recorded in {@code event_household_change} and announced by NOTIFY at commit. "now" comes
 * from the caller (the App's clock), never from the database.
 */
public final class EventStore {
    private final DataSource ds;

    public EventStore(DataSource ds) {
        this.ds = ds;
    }

    /** The warning-trigger job's effect, in its completion transaction: the events it opened or raised to evacuate. */
    List<String> openForWarning(Connection c, String warningId, Instant now) throws SQLException, IOException {
        List<String[]> plans = new ArrayList<>();
        Sql.query(c, bind(EventSql.TRIGGERED_PLANS, warningId), rs -> plans.add(new String[] {rs.getString(1), rs.getString(2)}));
        List<String> touched = new ArrayList<>();
        for (String[] p : plans) {
            Optional<String> opened = open(c, p[0], warningId, p[1], "warning " + warningId, now);
            if (opened.isPresent()) {
                touched.add(opened.get());
            } else if (p[1].equals("evacuate")) {
                Optional<String> raised = single(c, EventSql.RAISE_STAGE, p[0]);
                if (raised.isPresent()) notify(c, payload(raised.get(), null).put("stage", "evacuate"));
                raised.ifPresent(touched::add);
            }
        }
        return touched;
    }

    /** Opens the plan's event by hand; 404 without the plan, 409 while it has an open event. */
    EvacuationEvent openByHand(String planId, String stage, String actor, Instant now, Consumer<String> scope) throws SQLException, IOException {
        String id = Sql.inWriteTransaction(ds, c -> {
            String adminCode = single(c, EventSql.PLAN, planId).orElseThrow(() -> ApiException.notFound("no evacuation plan " + planId));
            scope.accept(adminCode);
            Optional<String> opened = open(c, planId, null, stage, actor, now);
            if (opened.isPresent()) return opened.get();
            String open = single(c, EventSql.OPEN_OF_PLAN, planId).orElseThrow();
            throw new ApiException(409, "conflict", "plan " + planId + " already has the open event " + open
                    + "; work in that one (GET /api/evacuation/events/" + open + ") or close it first. Nothing was written.");
        });
        return get(id).orElseThrow();
    }

    private static Optional<String> open(Connection c, String planId, String warningId, String stage, String actor, Instant now) throws SQLException, IOException {
        Optional<String> id = single(c, EventSql.OPEN, warningId, stage, actor, Timestamp.from(now), planId);
        if (id.isPresent()) {
            try (PreparedStatement ps = Sql.prepare(c, bind(EventSql.SNAPSHOT, id.get(), Timestamp.from(now), actor, planId))) {
                ps.executeUpdate();
            }
        }
        return id;
    }

    List<EvacuationEvent> list(String scope, boolean open, boolean closed, int limit) throws SQLException, IOException {
        List<EvacuationEvent> out = new ArrayList<>();
        Sql.query(ds, bind(EventSql.LIST, scope, open, closed, limit), rs -> out.add(event(rs)));
        return out;
    }

    Optional<EvacuationEvent> get(String id) throws SQLException, IOException {
        List<EvacuationEvent> out = new ArrayList<>();
        Sql.query(ds, bind(EventSql.EVENT, id), rs -> out.add(event(rs)));
        return out.stream().findFirst();
    }

    /** The event with its counts per state and its shelters, read on one snapshot. */
    Map<String, Object> detail(EvacuationEvent e) throws SQLException, IOException {
        Map<String, Object> m = new LinkedHashMap<>(e.toJson());
        Sql.inSnapshot(ds, c -> {
            m.put("counts", counts(c, e.id()).toJson());
            m.put("shelters", occupancy(c, e.id(), null).stream().map(Occupancy::toJson).toList());
        });
        return m;
    }

    /** The event's households as GeoJSON features; names and phones only under {@code personalPrefix} (null: none). */
    List<Map<String, Object>> households(String eventId, String householdId, String personalPrefix) throws SQLException, IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        Sql.query(ds, bind(EventSql.HOUSEHOLDS, personalPrefix, personalPrefix, eventId, householdId, householdId), rs -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("state", rs.getString(2));
            p.put("next", HouseholdState.parse(rs.getString(2)).orElseThrow().next().stream().map(HouseholdState::id).toList()); // for the page's buttons
            p.put("people", rs.getInt(3));
            p.put("shelter_id", rs.getString(4));
            p.put("updated_at", rs.getTimestamp(5).toInstant().toString());
            p.put("updated_by", rs.getString(6));
            p.put("note", rs.getString(7));
            p.put("admin_code", rs.getString(8));
            p.put("vulnerable", rs.getObject(9));
            if (personalPrefix != null && rs.getString(8).startsWith(personalPrefix)) {
                p.put("head_name", rs.getString(10));
                p.put("phone", rs.getString(11));
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", rs.getString(1));
            f.put("geometry", Map.of("type", "Point", "coordinates", List.of(rs.getDouble(12), rs.getDouble(13))));
            f.put("properties", p);
            out.add(f);
        });
        return out;
    }

    /** One household's state changes, oldest first. */
    List<Map<String, Object>> changes(String eventId, String householdId) throws SQLException, IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        Sql.query(ds, bind(EventSql.CHANGES, eventId, householdId), rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", rs.getString(1));
            m.put("to", rs.getString(2));
            m.put("shelter_id", rs.getString(3));
            m.put("by", rs.getString(4));
            m.put("at", rs.getTimestamp(5).toInstant().toString());
            m.put("note", rs.getString(6));
            out.add(m);
        });
        return out;
    }

    /**
     * Moves one household on: 404 without the event or the household in it, 403 outside
     * {@code scope}, 409 when the event is closed or the state machine refuses, 400 for an unknown
     * shelter. Returns the change as announced: the household, from, to, counts and its shelter.
     */
    Map<String, Object> changeState(String eventId, String householdId, StateChange change, String actor, Instant now, Consumer<String> scope)
            throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            String adminCode = lockOpen(c, eventId, scope, "change a household's state");
            List<Object[]> rows = new ArrayList<>();
            Sql.query(c, bind(EventSql.HOUSEHOLD_STATE, eventId, householdId), rs -> rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)}));
            if (rows.isEmpty()) throw ApiException.notFound("event " + eventId + " has no household " + householdId + " (an event holds its plan's households as they were when it opened)");
            HouseholdState from = HouseholdState.parse((String) rows.get(0)[0]).orElseThrow();
            if (!from.mayBecome(change.state())) throw new IllegalStateChange(householdId, from, change.state());
            if (change.shelterId() != null && single(c, EventSql.SHELTER_EXISTS, change.shelterId()).isEmpty()) {
                throw ApiException.invalidParameter("shelter_id", "there is no shelter " + change.shelterId() + "; leave it out to keep the planned one");
            }
            String shelter = change.shelterId() != null ? change.shelterId() : (String) rows.get(0)[1];
            Timestamp at = Timestamp.from(now);
            update(c, EventSql.SET_STATE, change.state().id(), change.shelterId(), change.note(), at, actor, eventId, householdId);
            update(c, EventSql.RECORD_CHANGE, eventId, householdId, from.id(), change.state().id(), shelter, actor, at, change.note());
            var payload = payload(eventId, adminCode).put("household", householdId).put("from", from.id()).put("state", change.state().id())
                    .put("people", (Integer) rows.get(0)[2]).put("shelter_id", shelter);
            payload.set("counts", Json.MAPPER.valueToTree(counts(c, eventId).toJson()));
            List<Occupancy> occ = shelter == null ? List.of() : occupancy(c, eventId, shelter);
            payload.set("shelter", occ.isEmpty() ? null : Json.MAPPER.valueToTree(occ.get(0).toJson()));
            notify(c, payload);
            Map<String, Object> answer = Json.MAPPER.convertValue(payload, Map.class);
            answer.remove("admin_code");
            return answer;
        });
    }

    /** Closes the event: its households keep their states; 409 when it is closed already. */
    EvacuationEvent close(String eventId, String actor, Instant now, Consumer<String> scope) throws SQLException, IOException {
        Sql.inWriteTransaction(ds, c -> {
            lockOpen(c, eventId, scope, "close it");
            update(c, EventSql.CLOSE, actor, Timestamp.from(now), eventId);
            notify(c, payload(eventId, null).put("closed", true));
            return null;
        });
        return get(eventId).orElseThrow();
    }

    /** Locks the open event {@code eventId} in {@code scope}; its admin code. */
    private static String lockOpen(Connection c, String eventId, Consumer<String> scope, String what) throws SQLException, IOException {
        List<Object[]> row = new ArrayList<>();
        Sql.query(c, bind(EventSql.LOCK_EVENT, eventId), rs -> row.add(new Object[] {rs.getString(1), rs.getBoolean(2)}));
        if (row.isEmpty()) throw ApiException.notFound("no evacuation event " + eventId);
        scope.accept((String) row.get(0)[0]);
        if ((Boolean) row.get(0)[1]) throw new ApiException(409, "conflict", "event " + eventId + " is closed; a closed event cannot " + what + ". Nothing was written.");
        return (String) row.get(0)[0];
    }

    private static StateCounts counts(Connection c, String eventId) throws SQLException, IOException {
        StateCounts counts = StateCounts.empty();
        Sql.query(c, bind(EventSql.COUNTS, eventId), rs -> counts.add(HouseholdState.parse(rs.getString(1)).orElseThrow(), rs.getLong(2), rs.getLong(3)));
        return counts;
    }

    private static List<Occupancy> occupancy(Connection c, String eventId, String shelterId) throws SQLException, IOException {
        List<Occupancy> out = new ArrayList<>();
        Sql.query(c, bind(EventSql.OCCUPANCY, eventId, shelterId, shelterId),
                rs -> out.add(new Occupancy(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
        return out;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode payload(String eventId, String adminCode) {
        var n = Json.MAPPER.createObjectNode().put("event", eventId);
        if (adminCode != null) n.put("admin_code", adminCode);
        return n;
    }

    private static void notify(Connection c, com.fasterxml.jackson.databind.JsonNode payload) throws SQLException {
        update(c, EventSql.NOTIFY, payload.toString());
    }

    private static void update(Connection c, String sql, Object... binds) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, bind(sql, binds))) {
            ps.execute();
        }
    }

    private static Optional<String> single(Connection c, String sql, Object... binds) throws SQLException, IOException {
        List<String> out = new ArrayList<>();
        Sql.query(c, bind(sql, binds), rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    /** Like {@link SqlFragment#of}, with NULL binds allowed ("no warning", "every shelter", "no personal data"). */
    private static SqlFragment bind(String sql, Object... binds) {
        return new SqlFragment(sql, java.util.Arrays.asList(binds));
    }

    private static EvacuationEvent event(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp(10);
        return new EvacuationEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), closed == null ? null : closed.toInstant(), rs.getLong(11));
    }
}
