package riskmap.dualcontrol;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.http.Json;
import riskmap.store.ChangeHistory;
import riskmap.store.EditStore;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * Links between risk zones and hazard points, the suggestions for new ones and the checks, in
 * PostgreSQL. A link write is one transaction holding the zone's row lock, with its
 * {@code change_history} row; "now" comes from the caller (the App's clock).
 */
public final class ZoneHazardStore {
    /** The change-history collection of link changes; the feature id is the zone's. */
    static final String HISTORY_COLLECTION = "zone_hazards";

    private final DataSource ds;

    public ZoneHazardStore(DataSource ds) {
        this.ds = ds;
    }

    /** A link write's answer: the link, and whether this request made it (false: it was there already). */
    record Confirmed(ZoneHazard link, boolean created) {
    }

    /** The points linked to the zone that {@code v} may read; 404 when the zone is unknown or not readable. */
    List<ZoneHazard> linked(String zoneId, Visibility v) throws SQLException, IOException {
        List<ZoneHazard> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            readableZone(c, zoneId, v);
            Sql.query(c, SqlFragment.of(DualControlSql.LINKED, zoneId, v.rows() + "%"), rs -> out.add(ZoneHazard.read(rs, true)));
        }
        return out;
    }

    /** Unlinked points within {@code distanceMetres} of the zone (inside it: 0 m), nearest first. */
    List<ZoneHazard> suggestions(String zoneId, double distanceMetres, int limit, Visibility v) throws SQLException, IOException {
        List<ZoneHazard> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            readableZone(c, zoneId, v);
            Sql.query(c, SqlFragment.of(DualControlSql.SUGGESTIONS, distanceMetres, distanceMetres, zoneId, v.rows() + "%", limit),
                    rs -> out.add(ZoneHazard.read(rs, false)));
        }
        return out;
    }

    /**
     * Confirms the link (idempotent: an existing link is answered as it is). {@code scope} gets the
     * zone's and the point's admin codes and throws to refuse; the source is {@code suggested} when
     * the point is within {@code distanceMetres} of the zone, {@code manual} otherwise.
     */
    Confirmed link(String zoneId, String hazardId, double distanceMetres, String actor, Instant now, BiConsumer<String, String> scope)
            throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            ZoneHazard point = lockedPair(c, zoneId, hazardId, scope);
            Optional<ZoneHazard> existing = link(c, zoneId, hazardId);
            if (existing.isPresent()) return new Confirmed(existing.get(), false);
            String source = point.distanceMetres() <= distanceMetres ? "suggested" : "manual";
            execute(c, SqlFragment.of(DualControlSql.INSERT_LINK, zoneId, hazardId, source, actor, Timestamp.from(now)));
            ZoneHazard made = link(c, zoneId, hazardId).orElseThrow();
            history(c, zoneId, "create", actor, null, made);
            return new Confirmed(made, true);
        });
    }

    /** Removes the link; 404 when the zone, the point or the link does not exist. */
    void unlink(String zoneId, String hazardId, String actor, BiConsumer<String, String> scope) throws SQLException, IOException {
        Sql.inWriteTransaction(ds, c -> {
            lockedPair(c, zoneId, hazardId, scope);
            ZoneHazard old = link(c, zoneId, hazardId).orElseThrow(() -> ApiException.notFound("risk zone " + zoneId + " is not linked to hazard point "
                    + hazardId + "; GET /api/risk_zones/" + zoneId + "/hazards lists its links"));
            execute(c, SqlFragment.of(DualControlSql.DELETE_LINK, zoneId, hazardId));
            history(c, zoneId, "delete", actor, old, null);
            return null;
        });
    }

    /** A zone as the link endpoints need it: its admin code (null: none). */
    record Zone(String adminCode) {
    }

    /** The zone's link changes, oldest first. */
    List<EditStore.HistoryEntry> history(String zoneId) throws SQLException {
        return ChangeHistory.read(ds, HISTORY_COLLECTION, zoneId);
    }

    /** The zone, when it exists and lies in the readable rows of {@code v}. */
    Optional<Zone> zone(String zoneId, Visibility v) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            return zone(c, zoneId, v);
        }
    }

    /** Every check over the region (prefix, "" for the whole country), all on one snapshot. */
    List<Check.Result> checks(String region, double distanceMetres, int limit) throws SQLException, IOException {
        List<Check.Result> out = new ArrayList<>();
        Sql.inSnapshot(ds, c -> {
            for (Check check : Check.values()) {
                List<Object> binds = new ArrayList<>(List.of(region + "%"));
                if (check.usesDistance) binds.add(distanceMetres);
                binds.add(limit);
                List<Check.Finding> items = new ArrayList<>();
                long[] total = {0};
                Sql.query(c, new SqlFragment(check.sql, binds), rs -> {
                    double d = rs.getDouble(4);
                    Double metres = rs.wasNull() ? null : Math.round(d * 10) / 10.0; // before the next read: wasNull is about the last one
                    items.add(new Check.Finding(rs.getString(1), rs.getString(2), rs.getString(3), metres));
                    total[0] = rs.getLong(5);
                });
                out.add(new Check.Result(check, total[0], items));
            }
        });
        return out;
    }

    /** Locks the zone, reads the point's distance from it, and lets {@code scope} judge both codes; 404 for an unknown id. */
    private static ZoneHazard lockedPair(Connection c, String zoneId, String hazardId, BiConsumer<String, String> scope) throws SQLException, IOException {
        List<String> zone = new ArrayList<>();
        Sql.query(c, SqlFragment.of(DualControlSql.ZONE_FOR_UPDATE, zoneId), rs -> zone.add(rs.getString(1)));
        if (zone.isEmpty()) throw unknownZone(zoneId);
        List<ZoneHazard> point = new ArrayList<>();
        Sql.query(c, SqlFragment.of(DualControlSql.POINT_NEAR_ZONE, hazardId, zoneId), rs -> point.add(ZoneHazard.read(rs, false)));
        if (point.isEmpty()) throw ApiException.notFound("hazards has no feature with id '" + hazardId + "'");
        scope.accept(zone.get(0), point.get(0).adminCode());
        return point.get(0);
    }

    private static Optional<ZoneHazard> link(Connection c, String zoneId, String hazardId) throws SQLException, IOException {
        List<ZoneHazard> out = new ArrayList<>();
        Sql.query(c, SqlFragment.of(DualControlSql.LINK, zoneId, hazardId), rs -> out.add(ZoneHazard.read(rs, true)));
        return out.stream().findFirst();
    }

    private static Optional<Zone> zone(Connection c, String zoneId, Visibility v) throws SQLException, IOException {
        List<Zone> out = new ArrayList<>();
        Sql.query(c, SqlFragment.of(DualControlSql.ZONE, zoneId, v.rows() + "%"), rs -> out.add(new Zone(rs.getString(1))));
        return out.stream().findFirst();
    }

    private static void readableZone(Connection c, String zoneId, Visibility v) throws SQLException, IOException {
        if (zone(c, zoneId, v).isEmpty()) throw unknownZone(zoneId);
    }

    static ApiException unknownZone(String zoneId) {
        return ApiException.notFound("risk_zones has no feature with id '" + zoneId + "'");
    }

    private static void execute(Connection c, SqlFragment statement) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, statement)) {
            ps.executeUpdate();
        }
    }

    private static void history(Connection c, String zoneId, String action, String actor, ZoneHazard old, ZoneHazard now)
            throws SQLException, IOException {
        ChangeHistory.write(c, HISTORY_COLLECTION, zoneId, action, actor, document(zoneId, old), document(zoneId, now));
    }

    /** The link as the history keeps it: both ids, how and by whom it was made, and the point's distance then. */
    private static String document(String zoneId, ZoneHazard h) throws JsonProcessingException {
        if (h == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone_id", zoneId);
        m.put("hazard_id", h.id());
        m.put("hazard_admin_code", h.adminCode());
        m.put("source", h.link().source());
        m.put("confirmed_by", h.link().confirmedBy());
        m.put("confirmed_at", h.link().confirmedAt().toString());
        m.put("distance_m", h.distanceMetres());
        return Json.MAPPER.writeValueAsString(m);
    }
}
