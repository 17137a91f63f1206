package riskmap;

import javax.sql.DataSource;
import riskmap.auth.Api;
import riskmap.db.Database;

/**
 * Two riskmap servers on the shared write-test database ({@link Api#database}), A and B, each with
 * a pool and a LISTEN connection of its own: to the database they are two processes.
 */
public final class TwoServers implements AutoCloseable {
    private final Database poolOfB;
    public final TestServer a;
    public final TestServer b;

    public TwoServers() {
        DataSource ds = Api.database();
        poolOfB = Database.open(TestDatabase.url(Api.DATABASE), 60_000);
        Api.smallPool(poolOfB.dataSource());
        a = new TestServer(ds);
        b = new TestServer(poolOfB.dataSource());
    }

    /** The database both serve, through A's pool (for the tests' own SQL). */
    public DataSource ds() {
        return Api.database();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        poolOfB.close();
    }
}
