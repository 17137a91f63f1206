package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import riskmap.TestDatabase;
import riskmap.TestFiles;

/**
 * A primary PostgreSQL cluster of a test's own and a streaming replica of it, made as an operator
 * makes one: {@code pg_basebackup -R -X stream} from the running primary (the shared test
 * cluster holds every test database and is never copied). Both listen on loopback ports; the
 * replica can be stopped and started again on its port.
 */
final class StreamingReplica implements AutoCloseable {
    private final Path primaryDir;
    private final Path replicaDir;
    private final int replicaPort;
    final LocalPostgres primary;
    private LocalPostgres replica;

    private StreamingReplica(Path primaryDir, Path replicaDir, int replicaPort, LocalPostgres primary) {
        this.primaryDir = primaryDir;
        this.replicaDir = replicaDir;
        this.replicaPort = replicaPort;
        this.primary = primary;
    }

    /** Starts a primary holding {@code database}, copies it with pg_basebackup and starts the copy as a standby. */
    static StreamingReplica start(String database) throws Exception {
        Path primaryDir = Files.createTempDirectory("riskmap-primary");
        LocalPostgres primary = LocalPostgres.start(primaryDir, TestDatabase.freePort());
        primary.ensureDatabase(database);
        Path replicaDir = Files.createTempDirectory("riskmap-replica");
        List<String> cmd = new ArrayList<>();
        if (isRoot()) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(LocalPostgres.findBinDir().resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(primary.port()),
                "-U", primary.user(), "-D", replicaDir.resolve("data").toString(), "-R", "-X", "stream", "-c", "fast"));
        if (isRoot()) new ProcessBuilder("chown", "postgres", replicaDir.toString()).inheritIO().start().waitFor();
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("PGPASSWORD", primary.password());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "pg_basebackup failed");
        // the standby's superuser is the primary's (the copy holds its roles); LocalPostgres reads the password from here
        Files.copy(primaryDir.resolve("superuser.password"), replicaDir.resolve("superuser.password"));
        StreamingReplica pair = new StreamingReplica(primaryDir, replicaDir, TestDatabase.freePort(), primary);
        pair.startReplica();
        return pair;
    }

    void startReplica() {
        replica = LocalPostgres.start(replicaDir, replicaPort);
    }

    /** {@code pg_ctl stop -m fast}: the replica's sessions are ended, as when its machine is shut down. */
    void stopReplica() {
        replica.close();
    }

    String primaryUrl(String database) {
        return primary.jdbcUrl(database);
    }

    /** The replica as db_read_url takes it, credentials included. */
    String replicaUrl(String database) {
        return "postgresql://" + primary.user() + ":" + primary.password() + "@127.0.0.1:" + replicaPort + "/" + database;
    }

    /** A connection of the test's own to the replica, past the server and its pools. */
    Connection connectReplica(String database) throws SQLException {
        return DriverManager.getConnection(replica.jdbcUrl(database), primary.user(), primary.password());
    }

    /** Holds the replica's replay where it is (it keeps receiving WAL): the data it serves stops moving. */
    void pauseReplay(String database) throws SQLException {
        replayControl(database, "SELECT pg_wal_replay_pause()");
    }

    void resumeReplay(String database) throws SQLException {
        replayControl(database, "SELECT pg_wal_replay_resume()");
    }

    private void replayControl(String database, String sql) throws SQLException {
        try (Connection c = connectReplica(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        if (replica != null) replica.close();
        primary.close();
        TestFiles.deleteRecursively(replicaDir);
        TestFiles.deleteRecursively(primaryDir);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
