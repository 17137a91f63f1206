package riskmap.evacuation.plan;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.evacuation.ScopeLock;
import riskmap.evacuation.allocation.Demand;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/** The evacuation plans in PostGIS: each write with its hazards, zones and households in one transaction. */
public final class PlanStore {
    private final DataSource ds;

    public PlanStore(DataSource ds) {
        this.ds = ds;
    }

    /** A plan as a JSON document, when it exists and {@code v} may read it. */
    public Optional<String> get(String id, Visibility v) throws SQLException, IOException {
        return documents(PlanSql.one(id, v)).stream().findFirst();
    }

    public List<String> search(String adminCode, Visibility v) throws SQLException, IOException {
        return documents(PlanSql.search(adminCode, v));
    }

    public String create(PlanInput in) throws SQLException, IOException {
        return write(c -> {
            String id;
            try (PreparedStatement ps = c.prepareStatement(PlanSql.INSERT)) {
                bind(ps, in);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getString(1);
                }
            }
            links(c, id, in);
            return id;
        });
    }

    /** Replaces the plan; {@code check} sees the stored admin code first and may refuse. */
    public void update(String id, PlanInput in, Consumer<String> check) throws SQLException, IOException {
        write(c -> {
            check.accept(ScopeLock.PLAN.adminCode(c, id));
            try (PreparedStatement ps = c.prepareStatement(PlanSql.UPDATE)) {
                ps.setString(bind(ps, in), id);
                ps.executeUpdate();
            }
            for (String clear : List.of(PlanSql.CLEAR_HAZARDS, PlanSql.CLEAR_ZONES, PlanSql.CLEAR_HOUSEHOLDS)) execute(c, clear, id);
            links(c, id, in);
            return id;
        });
    }

    /** Deletes the plan; 409 while an evacuation event uses it. */
    public void delete(String id, Consumer<String> check) throws SQLException, IOException {
        write(c -> {
            check.accept(ScopeLock.PLAN.adminCode(c, id));
            execute(c, PlanSql.DELETE, id);
            return id;
        });
    }

    /** The plan's households as the allocator's demands; {@code check} sees the plan's admin code first. */
    public List<Demand> members(String id, Consumer<String> check) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            check.accept(ScopeLock.PLAN.adminCode(c, id));
            List<Demand> out = new ArrayList<>();
            Sql.query(c, SqlFragment.of(PlanSql.MEMBERS, id), rs -> out.add(new Demand(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4))));
            return out;
        });
    }

    /** Writes each household's shelter (null: none) and distance, with the straight route, in one transaction. */
    public void place(String planId, Map<String, String> shelterOf, Map<String, Double> distanceOf) throws SQLException, IOException {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(PlanSql.PLACE)) {
                for (Map.Entry<String, String> e : shelterOf.entrySet()) {
                    ps.setString(1, e.getValue());
                    if (e.getValue() == null) ps.setNull(2, Types.DOUBLE);
                    else ps.setDouble(2, distanceOf.get(e.getKey()));
                    ps.setString(3, e.getValue());
                    ps.setString(4, planId);
                    ps.setString(5, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return planId;
        });
    }

    private List<String> documents(SqlFragment q) throws SQLException, IOException {
        List<String> docs = new ArrayList<>();
        Sql.query(ds, q, rs -> docs.add(rs.getString(1)));
        return docs;
    }

    /** A write whose unknown ids (foreign keys) become a 400 naming the id; everything is rolled back. */
    private String write(Sql.Work<String> work) throws SQLException, IOException {
        try {
            return Sql.inWriteTransaction(ds, work);
        } catch (SQLException e) {
            // a batch reports the server's error as its next exception
            PSQLException p = e instanceof PSQLException pe ? pe : e.getNextException() instanceof PSQLException pe ? pe : null;
            if (p == null || !"23503".equals(p.getSQLState())) throw e;
            String detail = p.getServerErrorMessage() == null ? "" : p.getServerErrorMessage().getDetail();
            if (detail != null && detail.contains("is still referenced")) {
                throw new ApiException(409, "conflict", "an evacuation event uses this plan; close and delete the event first. Nothing was deleted.");
            }
            throw new PlanValidator.Invalid("an id names nothing stored (" + detail + "); give ids of existing people, hazard points, risk zones,"
                    + " households and shelters. Nothing was written.");
        }
    }

    private static void links(Connection c, String id, PlanInput in) throws SQLException {
        pairs(c, PlanSql.ADD_HAZARD, id, in.hazardIds());
        pairs(c, PlanSql.ADD_ZONE, id, in.zoneIds());
        try (PreparedStatement ps = c.prepareStatement(PlanSql.ADD_HOUSEHOLD)) {
            for (PlanInput.Member m : in.households()) {
                ps.setString(1, id);
                ps.setString(2, m.shelterId());
                ps.setString(3, m.householdId());
                if (ps.executeUpdate() == 0) throw new PlanValidator.Invalid("households: there is no household with the id '" + m.householdId() + "'. Nothing was written.");
            }
        }
        // a named shelter that does not exist joined as NULL: refuse it rather than drop it
        for (PlanInput.Member m : in.households()) {
            if (m.shelterId() != null && !exists(c, m.shelterId())) throw new PlanValidator.Invalid("households: there is no shelter with the id '" + m.shelterId() + "'");
        }
    }

    private static boolean exists(Connection c, String shelterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM shelter WHERE id = ?")) {
            ps.setString(1, shelterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void pairs(Connection c, String sql, String id, List<String> others) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String o : others) {
                ps.setString(1, id);
                ps.setString(2, o);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void execute(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static int bind(PreparedStatement ps, PlanInput in) throws SQLException {
        ps.setString(1, in.name());
        ps.setString(2, in.adminCode());
        ps.setString(3, in.leaderPersonId());
        ps.setObject(4, in.prepareLevel(), Types.INTEGER);
        ps.setObject(5, in.evacuateLevel(), Types.INTEGER);
        ps.setString(6, in.signal());
        return 7;
    }
}
