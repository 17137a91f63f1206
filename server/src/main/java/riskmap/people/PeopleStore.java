package riskmap.people;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.domain.ApiException;
import riskmap.store.ChangeHistory;
import riskmap.store.EditStore;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * The people registry in PostGIS: reads as one caller may see them, and writes with optimistic
 * concurrency, each in one transaction with its {@code change_history} row (collection
 * {@code people}), like {@link EditStore} does for features: the update names the version the
 * client read ({@code WHERE id = ? AND version = ?}), so of two writers of the same version one
 * wins and the other gets 412 with nothing written.
 */
public final class PeopleStore {
    /** Linked features named in the refusal to delete a person, per collection. */
    private static final int NAMED_LINKS = 5;

    private final DataSource ds;
    private volatile List<DutyRole> roles;

    public PeopleStore(DataSource ds) {
        this.ds = ds;
    }

    /** Builds the new value from the stored person (phone included); throws to refuse. */
    @FunctionalInterface
    public interface Change {
        PersonInput apply(Person current);
    }

    /** One page of a search and the number of all matches. */
    public record Page(List<Person> people, long numberMatched) {
    }

    /** The duty roles, in their listed order; they change only with a migration, so they are read once. */
    public List<DutyRole> roles() throws SQLException, IOException {
        List<DutyRole> current = roles;
        if (current == null) {
            List<DutyRole> read = new ArrayList<>();
            Sql.query(ds, SqlFragment.of(PeopleSql.ROLES), rs -> read.add(new DutyRole(rs.getString(1), rs.getString(2), rs.getString(3))));
            roles = current = List.copyOf(read);
        }
        return current;
    }

    public Page search(PeopleQuery q, Visibility v) throws SQLException, IOException {
        List<Person> people = new ArrayList<>();
        long[] matched = {0};
        Sql.inSnapshot(ds, c -> {
            Sql.stream(c, PeopleSql.page(q, v), rs -> people.add(person(rs)));
            Sql.stream(c, PeopleSql.count(q, v), rs -> matched[0] = rs.getLong(1));
        });
        return new Page(people, matched[0]);
    }

    /** The person, when it exists and {@code v} may read it. */
    public Optional<Person> get(String id, Visibility v) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            return read(c, id, v);
        }
    }

    public Person create(PersonInput in, String actor, Visibility v) throws SQLException, IOException {
        return inTransaction(c -> {
            String id = insert(c, in);
            history(c, id, "create", actor, null);
            return read(c, id, v).orElseThrow();
        });
    }

    /** Creates every person in one transaction, each with an {@code import} history row; returns how many. */
    public long importAll(List<PersonInput> people, String actor) throws SQLException, IOException {
        return inTransaction(c -> {
            for (PersonInput in : people) history(c, insert(c, in), "import", actor, null);
            return (long) people.size();
        });
    }

    /** Replaces the person, when it still has {@code expectedVersion}: 404 when it does not exist, 412 when stale. */
    public Person update(String id, int expectedVersion, String actor, Visibility v, Change change) throws SQLException, IOException {
        return inTransaction(c -> {
            Current old = existing(c, id);
            PersonInput in = change.apply(old.person());
            checkVersion(old.person(), expectedVersion);
            try (PreparedStatement ps = c.prepareStatement(PeopleSql.UPDATE)) {
                int i = bind(c, ps, in);
                ps.setString(i++, id);
                ps.setInt(i, expectedVersion);
                if (ps.executeUpdate() == 0) throw stale(expectedVersion, null);
            }
            history(c, id, "update", actor, old.documentJson());
            return read(c, id, v).orElseThrow();
        });
    }

    /**
     * Deletes the person, when it still has {@code expectedVersion} and no feature links to it
     * (409 naming them otherwise); {@code check} may refuse first (e.g. outside the caller's scope).
     */
    public void delete(String id, int expectedVersion, String actor, Consumer<Person> check) throws SQLException, IOException {
        inTransaction(c -> {
            Current old = existing(c, id);
            check.accept(old.person());
            checkVersion(old.person(), expectedVersion);
            refuseIfLinked(c, id);
            try (PreparedStatement ps = c.prepareStatement(PeopleSql.DELETE)) {
                ps.setString(1, id);
                ps.setInt(2, expectedVersion);
                if (ps.executeUpdate() == 0) throw stale(expectedVersion, null);
            } catch (SQLException e) {
                if (!"23503".equals(e.getSQLState())) throw e;
                // a feature linked the person after the check above: the foreign key refused
                throw new ApiException(409, "conflict", "a feature was linked to " + id + " just now; GET /api/people/" + id
                        + "/features, link those features to someone else, then delete again. Nothing was deleted.");
            }
            history(c, id, "delete", actor, old.documentJson());
            return null;
        });
    }

    public List<EditStore.HistoryEntry> history(String id) throws SQLException {
        return ChangeHistory.read(ds, "people", id);
    }

    /** The admin code whose scope the person's history lies in: the current one, or the last recorded one once deleted. */
    public Optional<String> historyAdminCode(String id) throws SQLException, IOException {
        List<String> code = new ArrayList<>();
        Sql.query(ds, SqlFragment.of(PeopleSql.HISTORY_ADMIN_CODE, id, id), rs -> code.add(rs.getString(1)));
        return code.stream().findFirst();
    }

    /** Streams the features linked to the person that {@code v} may read, rows in GeoJsonWriter's layout. */
    public void linked(String personId, Visibility v, Sql.RowHandler handler) throws SQLException, IOException {
        Sql.stream(ds, PeopleSql.linked(personId, v), handler);
    }

    private record Current(Person person, String documentJson) {
    }

    private static void refuseIfLinked(Connection c, String id) throws SQLException, IOException {
        Map<String, List<String>> links = new LinkedHashMap<>();
        Sql.stream(c, PeopleSql.linked(id, Visibility.PUBLIC), rs -> links.computeIfAbsent(rs.getString("collection"), k -> new ArrayList<>()).add(rs.getString(1)));
        if (links.isEmpty()) return;
        List<String> named = new ArrayList<>();
        links.forEach((collection, ids) -> named.add(ids.size() + " " + collection + " (" + String.join(", ", ids.subList(0, Math.min(NAMED_LINKS, ids.size())))
                + (ids.size() > NAMED_LINKS ? ", …" : "") + ")"));
        throw new ApiException(409, "conflict", id + " is the responsible person of " + String.join(", ", named)
                + ": link those to someone else (or to nobody) with PATCH responsible_person_id, then delete again"
                + " (GET /api/people/" + id + "/features lists them). Nothing was deleted.");
    }

    private static String insert(Connection c, PersonInput in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PeopleSql.INSERT)) {
            bind(c, ps, in);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static int bind(Connection c, PreparedStatement ps, PersonInput in) throws SQLException {
        ps.setString(1, in.name());
        ps.setString(2, in.phone());
        ps.setString(3, in.email());
        ps.setString(4, in.unit());
        ps.setArray(5, c.createArrayOf("text", in.dutyRoles().toArray()));
        ps.setString(6, in.tier());
        ps.setString(7, in.adminCode());
        ps.setString(8, in.note());
        return 9;
    }

    private static void history(Connection c, String id, String action, String actor, String oldJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PeopleSql.HISTORY_INSERT)) {
            ps.setString(1, id);
            ps.setString(2, action);
            ps.setString(3, actor);
            ps.setString(4, oldJson);
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    private static Current existing(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PeopleSql.CURRENT)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ApiException.notFound("there is no person with the id '" + id + "'");
                return new Current(person(rs), rs.getString("doc"));
            }
        }
    }

    private static Optional<Person> read(Connection c, String id, Visibility v) throws SQLException, IOException {
        List<Person> found = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, PeopleSql.one(id, v)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) found.add(person(rs));
        }
        return found.stream().findFirst();
    }

    private static Person person(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("duty_roles");
        return new Person(rs.getString("id"), rs.getString("name"), rs.getString("phone"), rs.getString("email"), rs.getString("unit"),
                Arrays.asList((String[]) roles.getArray()), rs.getString("tier"), rs.getString("admin_code"), rs.getString("note"),
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }

    private static void checkVersion(Person old, int expectedVersion) {
        if (old.version() != expectedVersion) throw stale(expectedVersion, old.version());
    }

    private static ApiException stale(int sent, Integer now) {
        return ApiException.stale("person", sent, now);
    }

    private <T> T inTransaction(Sql.Work<T> work) throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, work);
    }
}
