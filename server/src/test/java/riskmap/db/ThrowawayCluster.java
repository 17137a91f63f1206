package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import riskmap.TestDatabase;
import riskmap.TestServer;
import riskmap.auth.Api;
import riskmap.auth.Role;

/**
 * A riskmap server over a PostgreSQL cluster of its own, which a test may stop hard and start
 * again: the shared test cluster is never stopped. Restarts keep the directory and port, so the
 * server's pool finds the database again by itself.
 */
final class ThrowawayCluster implements AutoCloseable {
    private static final String DATABASE = "fault";

    private final Path dir;
    private final int port;
    private LocalPostgres pg;
    private final Database db;
    final TestServer server;
    final Api api;
    /** An editor's token: may create hazard points anywhere. */
    final String editor;

    private ThrowawayCluster(Path dir, int port) throws Exception {
        this.dir = dir;
        this.port = port;
        pg = LocalPostgres.start(dir, port);
        pg.ensureDatabase(DATABASE);
        db = Database.open(new DbUrl(pg.jdbcUrl(DATABASE), pg.user(), pg.password()), 60_000);
        server = new TestServer(db.dataSource());
        api = new Api(server.port());
        editor = Api.token(db.dataSource(), "编辑", Role.EDITOR, null);
    }

    static ThrowawayCluster start(String prefix) throws Exception {
        return new ThrowawayCluster(Files.createTempDirectory(prefix), TestDatabase.freePort());
    }

    /** {@code pg_ctl stop -m immediate}: the postmaster ends every backend at once, without a checkpoint. */
    void stopImmediately() throws Exception {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(LocalPostgres.findBinDir().resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "stop", "-m", "immediate", "-w"));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pg_ctl stop -m immediate failed");
    }

    /**
     * SIGKILL to the postmaster, as the OOM killer would send it. Its backends notice their parent's
     * death and end by themselves; the cluster can start again only once they are gone (they still
     * hold its shared memory), so this waits for them, and kills any that linger.
     */
    void killPostmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster with pid " + pid));
        List<ProcessHandle> children = postmaster.children().toList();
        assertTrue(postmaster.destroyForcibly(), "kill -9 " + pid + " refused");
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            if (child.isAlive()) child.destroyForcibly();
        }
    }

    /** Starts PostgreSQL again in the same directory, on the same port. */
    void restart() {
        pg = LocalPostgres.start(dir, port);
    }

    /** The server's pool. */
    DataSource pool() {
        return db.dataSource();
    }

    /** A connection of the test's own, past the server and its pool, to check what was stored. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(DATABASE), pg.user(), pg.password());
    }

    @Override
    public void close() {
        server.close();
        db.close();
        pg.close();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
