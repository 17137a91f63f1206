package riskmap.evacuation.household;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.evacuation.ScopeLock;
import riskmap.http.Json;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/** The households in PostGIS: reads as one caller may see them; each write with its hazard links in one transaction. */
public final class HouseholdStore {
    private final DataSource ds;

    public HouseholdStore(DataSource ds) {
        this.ds = ds;
    }

    public List<Household> search(HouseholdQuery q, Visibility v) throws SQLException, IOException {
        List<Household> found = new ArrayList<>();
        Sql.query(ds, HouseholdSql.search(q, v), rs -> found.add(household(rs)));
        return found;
    }

    /** The household, when it exists and {@code v} may read it. */
    public Optional<Household> get(String id, Visibility v) throws SQLException, IOException {
        List<Household> found = new ArrayList<>();
        Sql.query(ds, HouseholdSql.one(id, v), rs -> found.add(household(rs)));
        return found.stream().findFirst();
    }

    public Household create(HouseholdInput in, Visibility v) throws SQLException, IOException {
        String id = Sql.inWriteTransaction(ds, c -> insert(c, in));
        return get(id, v).orElseThrow();
    }

    /** Creates every household in one transaction (all or none); returns how many. */
    public long importAll(List<HouseholdInput> households) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            for (HouseholdInput in : households) insert(c, in);
            return (long) households.size();
        });
    }

    /** Replaces the household; {@code check} sees the stored admin code first and may refuse (e.g. outside the caller's scope). */
    public Household update(String id, HouseholdInput in, Consumer<String> check, Visibility v) throws SQLException, IOException {
        Sql.inWriteTransaction(ds, c -> {
            check.accept(ScopeLock.HOUSEHOLD.adminCode(c, id));
            try (PreparedStatement ps = c.prepareStatement(HouseholdSql.UPDATE)) {
                int i = bind(ps, in);
                ps.setString(i, id);
                ps.executeUpdate();
            }
            linkHazards(c, id, in.hazardIds());
            return null;
        });
        return get(id, v).orElseThrow();
    }

    /** Deletes the household (its hazard links and plan places go with it); {@code check} may refuse first. */
    public void delete(String id, Consumer<String> check) throws SQLException, IOException {
        Sql.inWriteTransaction(ds, c -> {
            check.accept(ScopeLock.HOUSEHOLD.adminCode(c, id));
            try (PreparedStatement ps = c.prepareStatement(HouseholdSql.DELETE)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The household's cards (one per plan it is in, or one without a plan); empty when it does not exist or {@code v} may not read it. */
    public List<Card> householdCards(String id, Visibility v) throws SQLException, IOException {
        return cards(HouseholdSql.householdCards(id, v));
    }

    /** The name of the plan, when it exists and {@code v} may read it. */
    public Optional<String> planName(String planId, Visibility v) throws SQLException, IOException {
        List<String> name = new ArrayList<>();
        Sql.query(ds, HouseholdSql.plan(planId, v), rs -> name.add(rs.getString("name")));
        return name.stream().findFirst();
    }

    /** The cards of the plan's households that {@code v} may read. */
    public List<Card> planCards(String planId, Visibility v) throws SQLException, IOException {
        return cards(HouseholdSql.planCards(planId, v));
    }

    private List<Card> cards(SqlFragment query) throws SQLException, IOException {
        List<Card> cards = new ArrayList<>();
        Sql.query(ds, query, rs -> {
            List<Card.Hazard> hazards = new ArrayList<>();
            String json = rs.getString("hazards");
            if (json != null) {
                for (JsonNode h : Json.MAPPER.readTree(json)) hazards.add(new Card.Hazard(h.get("name").asText(), h.get("level").isNumber() ? h.get("level").intValue() : null));
            }
            double distance = rs.getDouble("distance_m");
            cards.add(new Card(rs.getString("id"), rs.getString("head_name"), rs.getInt("members"), rs.getInt("vulnerable"), rs.getString("vulnerable_note"),
                    rs.getString("address"), rs.getString("plan_name"), rs.getString("signal"), rs.wasNull() ? null : distance, rs.getString("shelter_name"),
                    rs.getString("shelter_address"), rs.getString("leader_name"), rs.getString("leader_phone"), hazards));
        });
        return cards;
    }

    private static String insert(Connection c, HouseholdInput in) throws SQLException {
        String id;
        try (PreparedStatement ps = c.prepareStatement(HouseholdSql.INSERT)) {
            bind(ps, in);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getString(1);
            }
        }
        linkHazards(c, id, in.hazardIds());
        return id;
    }

    /** Replaces the household's hazard links; unknown hazard ids refuse the whole write. */
    private static void linkHazards(Connection c, String id, List<String> hazardIds) throws SQLException {
        if (!hazardIds.isEmpty()) {
            List<String> unknown = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(HouseholdSql.UNKNOWN_HAZARDS)) {
                ps.setArray(1, c.createArrayOf("text", hazardIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) unknown.add(rs.getString(1));
                }
            }
            if (!unknown.isEmpty()) throw new HouseholdValidator.Invalid("hazard_ids: no hazard point has the id " + String.join(", ", unknown)
                    + "; give ids of GET /api/hazards");
        }
        try (PreparedStatement clear = c.prepareStatement(HouseholdSql.CLEAR_HAZARDS); PreparedStatement add = c.prepareStatement(HouseholdSql.ADD_HAZARD)) {
            clear.setString(1, id);
            clear.executeUpdate();
            for (String h : hazardIds) {
                add.setString(1, id);
                add.setString(2, h);
                add.addBatch();
            }
            add.executeBatch();
        }
    }

    private static int bind(PreparedStatement ps, HouseholdInput in) throws SQLException {
        ps.setString(1, in.adminCode());
        ps.setString(2, in.headName());
        ps.setInt(3, in.members());
        ps.setInt(4, in.vulnerable());
        ps.setString(5, in.vulnerableNote());
        ps.setString(6, in.phone());
        ps.setString(7, in.address());
        ps.setDouble(8, in.lon());
        ps.setDouble(9, in.lat());
        return 10;
    }

    private static Household household(ResultSet rs) throws SQLException {
        return new Household(rs.getString("id"), rs.getString("admin_code"), rs.getString("head_name"), rs.getInt("members"), rs.getInt("vulnerable"),
                rs.getString("vulnerable_note"), rs.getString("phone"), rs.getString("address"), rs.getDouble("lon"), rs.getDouble("lat"),
                Arrays.asList((String[]) rs.getArray("hazard_ids").getArray()));
    }
}
