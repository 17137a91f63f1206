package riskmap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SqlTest {
    /** A connection whose database went away: its rollback fails as pgjdbc's does then. */
    private static Connection closedConnection() {
        return (Connection) Proxy.newProxyInstance(SqlTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("rollback")) throw new SQLException("Connection is closed", "08003");
            return null;
        });
    }

    private static DataSource handingOut(Connection c) {
        return (DataSource) Proxy.newProxyInstance(SqlTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? c : null);
    }

    @Test
    void aFailedRollbackNeverHidesTheFailureThatCausedIt() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        Sql.rollbackKeeping(closedConnection(), lost);
        assertEquals(1, lost.getSuppressed().length);
        assertEquals("08003", ((SQLException) lost.getSuppressed()[0]).getSQLState());

        SQLException thrown = assertThrows(SQLException.class, () -> Sql.inWriteTransaction(
                handingOut(closedConnection()), c -> {
                    throw lost;
                }));
        assertSame(lost, thrown, "the caller sees the first failure (08006 → 503), not the rollback's");
    }
}
