package riskmap.db;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.config.StartupException;

/**
 * A private PostgreSQL + PostGIS cluster that riskmap runs itself, from the system's packages.
 *
 * <p>The cluster lives in one directory ({@code data/} for PGDATA, {@code log/}, a generated
 * superuser password) and is kept across restarts. It listens on 127.0.0.1 only, with password
 * authentication, and no Unix socket (so it needs no write access to /var/run/postgresql).
 *
 * <p>PostgreSQL refuses to run as root: when riskmap runs as root, the cluster's files belong to
 * the {@code postgres} system user (created by the Debian package) and every PostgreSQL program
 * runs through {@code runuser}. The server is started in its own session ({@code setsid}) so a
 * Ctrl-C in the terminal reaches riskmap, which then stops the cluster after the HTTP server.
 *
 * <p>Its memory settings follow the machine's RAM (see {@link #memorySettings}): they are written at
 * every start to {@code data/riskmap-memory.conf}, which {@code postgresql.conf} includes, so a
 * cluster made by an older riskmap gets them too and {@code ALTER SYSTEM} still overrides them.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final String RUN_AS = "postgres";
    private static final String MEMORY_CONF = "riskmap-memory.conf";
    private static final Path HUGE_PAGE_POOL = Path.of("/proc/sys/vm/nr_hugepages");
    private static final long MB = 1024 * 1024;

    private final Path dir;
    private final Path binDir;
    private final int port;
    private final boolean root;
    /** Huge pages this server added to the kernel's pool at start, to give back at stop. */
    private long hugePagesAdded;
    private final String password;
    private volatile boolean running;

    private LocalPostgres(Path dir, Path binDir, int port, boolean root, String password) {
        this.dir = dir;
        this.binDir = binDir;
        this.port = port;
        this.root = root;
        this.password = password;
    }

    /** Creates the cluster in {@code dir} if it is new, then starts it on {@code port}. */
    public static LocalPostgres start(Path dir, int port) {
        return start(dir, port, false);
    }

    /** The same, with {@code hugePages}: the kernel's huge pages reserved for its shared memory first ({@link #reserveHugePages}). */
    public static LocalPostgres start(Path dir, int port, boolean hugePages) {
        Path binDir = findBinDir();
        boolean root = isRoot();
        try {
            Files.createDirectories(dir.resolve("log"));
            Path pwFile = dir.resolve("superuser.password");
            boolean fresh = !Files.exists(dir.resolve("data/PG_VERSION"));
            if (fresh) writeNewPassword(pwFile);
            LocalPostgres pg = new LocalPostgres(dir, binDir, port, root, Files.readString(pwFile).trim());
            if (root) pg.handOverToPostgresUser();
            if (fresh) pg.initdb(pwFile);
            pg.writeMemorySettings(totalMemory());
            if (hugePages) pg.reserveHugePages();
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new StartupException("cannot prepare the database directory " + dir + ": " + e.getMessage());
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /**
     * The URL of database {@code database} on a server already running in {@code dir} (its port
     * read from postmaster.pid) when that server answers; otherwise null. Lets the command line
     * work beside a running riskmap instead of restarting its cluster.
     */
    public static DbUrl attach(Path dir, String database) {
        try {
            List<String> pid = Files.readAllLines(dir.resolve("data/postmaster.pid"));
            String password = Files.readString(dir.resolve("superuser.password")).trim();
            DbUrl url = new DbUrl("jdbc:postgresql://127.0.0.1:" + Integer.parseInt(pid.get(3).trim()) + "/" + database, SUPERUSER, password);
            try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
                return url;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return null; // not running, or not reachable
        }
    }

    /** Sessions a riskmap server holds open (its pool names itself "riskmap"). */
    private static int riskmapSessions(DbUrl url) {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'riskmap'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Creates database {@code name} unless it exists. */
    public void ensureDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'")) {
                if (rs.next()) return;
            }
            // byte-order collation: for UTF-8 the order of C.UTF-8 (code points), but PostgreSQL then
            // compares text with memcmp and sorts with abbreviated keys, which it does for no other
            // locale: a large items page (id sort, primary-key lookups) took 16 ms in PostgreSQL, not 22
            st.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\" ENCODING 'UTF8' LC_COLLATE 'C' TEMPLATE template0");
            LOG.info("created database {}", name);
        } catch (SQLException e) {
            throw new StartupException("cannot create database " + name + " in the private cluster: " + e.getMessage());
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended, data is flushed). */
    @Override
    public synchronized void close() {
        if (!running) return;
        running = false;
        runPg(60, pgCtl("stop", "-m", "fast", "-w"));
        LOG.info("PostgreSQL cluster in {} stopped", dir);
        releaseHugePages();
    }

    /**
     * PostgreSQL's memory settings for a machine with {@code ramBytes} of RAM, as postgresql.conf
     * lines: a quarter of it for shared buffers (at least PostgreSQL's default of 128 MB, at most
     * 8 GB), three quarters as the planner's estimate of the cache (shared buffers plus the
     * kernel's page cache), 1/16 for maintenance (index builds, VACUUM; 64 MB to 1 GB), and
     * 1/400 per sort or hash (4 MB, PostgreSQL's default, to 64 MB: a quarter of the RAM over
     * 100 connections).
     */
    static List<String> memorySettings(long ramBytes) {
        long mb = ramBytes / MB;
        return List.of(
                "shared_buffers = " + clamp(mb / 4, 128, 8192) + "MB",
                "effective_cache_size = " + Math.max(mb * 3 / 4, 128) + "MB",
                "maintenance_work_mem = " + clamp(mb / 16, 64, 1024) + "MB",
                "work_mem = " + clamp(mb / 400, 4, 64) + "MB");
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    /** The RAM this process may use: the machine's, or its container's limit. */
    private static long totalMemory() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }

    /** Writes {@link #memorySettings} to data/riskmap-memory.conf, and includes it in postgresql.conf once. */
    private void writeMemorySettings(long ramBytes) throws IOException {
        Path data = dir.resolve("data");
        List<String> lines = new ArrayList<>(List.of("# written by riskmap at every start from the machine's RAM ("
                + ramBytes / MB + " MB); ALTER SYSTEM overrides it"));
        lines.addAll(memorySettings(ramBytes));
        Files.write(data.resolve(MEMORY_CONF), lines, StandardCharsets.UTF_8);
        Path conf = data.resolve("postgresql.conf");
        String include = "include_if_exists = '" + MEMORY_CONF + "'";
        if (!Files.readAllLines(conf, StandardCharsets.UTF_8).contains(include)) {
            Files.writeString(conf, "\n# riskmap's memory settings\n" + include + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * Raises the kernel's pool of huge pages (vm.nr_hugepages) so that the cluster's shared memory
     * fits in it, as PostgreSQL's manual describes (the size from {@code postgres -C
     * shared_memory_size_in_huge_pages}); PostgreSQL's default {@code huge_pages = try} then maps
     * its shared buffers on them. With 4 KB pages, reaching rows spread over gigabytes of buffers
     * costs a page-table walk nearly every row: at 10 million points a small bbox answered 18–29% and
     * the radius 3–27% more requests in two paired runs (README "Configuration"). What it adds is
     * given back when the cluster stops ({@link #releaseHugePages}); pages that were free already
     * are used and left. Without root, or when the kernel cannot find the memory, the cluster starts
     * on ordinary pages and the log says why.
     */
    void reserveHugePages() {
        try {
            long needed = hugePagesNeeded();
            long free = meminfo("HugePages_Free"), total = hugePagePool();
            if (needed <= 0 || free >= needed) {
                LOG.info("huge pages: {} needed for PostgreSQL's shared memory, {} free", needed, free);
                return;
            }
            if (!root) {
                LOG.warn("huge pages: {} needed, {} free, and only root may reserve more (sysctl vm.nr_hugepages={}); starting on ordinary pages", needed, free, total + needed - free);
                return;
            }
            Files.writeString(HUGE_PAGE_POOL, Long.toString(total + needed - free));
            long now = meminfo("HugePages_Free");
            if (now >= needed) {
                hugePagesAdded = needed - free;
                LOG.info("huge pages: reserved {} more for PostgreSQL's shared memory, until it stops", hugePagesAdded);
            } else {
                Files.writeString(HUGE_PAGE_POOL, Long.toString(total)); // too few to be used: none kept from other programs
                LOG.warn("huge pages: the kernel found {} free of the {} needed (memory too fragmented); starting on ordinary pages", now, needed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("huge pages: not reserved ({}); starting on ordinary pages", e.getMessage());
        }
    }

    /** Lowers the kernel's pool by what {@link #reserveHugePages} added, once the stopped cluster has let go of the pages. */
    private void releaseHugePages() {
        if (hugePagesAdded == 0) return;
        try {
            long total = hugePagePool();
            Files.writeString(HUGE_PAGE_POOL, Long.toString(Math.max(0, total - hugePagesAdded)));
            LOG.info("huge pages: gave {} back to the kernel", hugePagesAdded);
            hugePagesAdded = 0;
        } catch (IOException | RuntimeException e) {
            LOG.warn("huge pages: {} not given back ({}); sysctl vm.nr_hugepages lowers the pool", hugePagesAdded, e.getMessage());
        }
    }

    /**
     * vm.nr_hugepages. Read as lines: procfs reports a size of 0, and {@code Files.readString}
     * then returns the first byte only ("3" of 3091).
     */
    static long hugePagePool() throws IOException {
        return Long.parseLong(Files.readAllLines(HUGE_PAGE_POOL).get(0).strip());
    }

    /** The huge pages the stopped cluster's shared memory takes, as PostgreSQL computes them from its settings. */
    long hugePagesNeeded() throws IOException {
        return Long.parseLong(runPgOutput(binDir.resolve("postgres").toString(), "-D", dir.resolve("data").toString(), "-C", "shared_memory_size_in_huge_pages").strip());
    }

    /** A /proc/meminfo figure, e.g. HugePages_Free (a count) or MemTotal (in kB). */
    static long meminfo(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) return Long.parseLong(line.substring(key.length() + 1).strip().split("\\s+")[0]);
        }
        throw new IOException("no " + key + " in /proc/meminfo");
    }

    private void initdb(Path pwFile) {
        LOG.info("creating a new PostgreSQL cluster in {}", dir.resolve("data"));
        runOrFail(120, "initdb failed", List.of(binDir.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-U", SUPERUSER, "--pwfile=" + pwFile, "-A", "scram-sha-256",
                "--encoding=UTF8", "--locale=C.UTF-8"));
    }

    private void startServer() {
        // A previous riskmap that was killed may have left its server running: stop it first so
        // this one comes up with the current port and settings.
        if (runPg(10, pgCtl("status")) == 0) {
            DbUrl running = attach(dir, "postgres");
            if (running != null && riskmapSessions(running) > 0) {
                throw new StartupException("another riskmap is using the database in " + dir + " (" + running.jdbcUrl()
                        + "); stop it first, or give this one its own RISKMAP_DATA_DIR");
            }
            LOG.warn("a PostgreSQL server from an earlier run is still up in {}; restarting it", dir);
            runPg(60, pgCtl("stop", "-m", "fast", "-w"));
        }
        Path log = dir.resolve("log/postgresql.log");
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(pgCtl("start", "-w", "-t", "60", "-l", log.toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"));
        int rc = runPg(90, cmd);
        if (rc != 0) {
            String tail = tail(log, 5);
            String hint = tail.contains("Address already in use")
                    ? "port " + port + " is taken; choose another with RISKMAP_LOCAL_PG_PORT"
                    : "see " + log;
            throw new StartupException("the private PostgreSQL server did not start (" + hint + "): " + tail.strip());
        }
        running = true;
        LOG.info("PostgreSQL {} running on 127.0.0.1:{} with data in {}", binDir.getParent().getFileName(), port, dir.resolve("data"));
    }

    private List<String> pgCtl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void handOverToPostgresUser() throws IOException {
        if (run(10, List.of("id", "-u", RUN_AS)) != 0) {
            throw new StartupException("riskmap runs as root, and PostgreSQL refuses to; the '" + RUN_AS
                    + "' system user it would use instead does not exist: reinstall the postgresql package or run riskmap as a normal user");
        }
        if (run(30, List.of("chown", "-R", RUN_AS, dir.toString())) != 0) {
            throw new StartupException("cannot give " + dir + " to the postgres user (chown failed); see " + dir.resolve("log/commands.log"));
        }
        if (runPg(10, List.of("test", "-w", dir.toString())) != 0) {
            throw new StartupException("the postgres system user cannot reach " + dir
                    + " (a parent directory is closed to other users); set RISKMAP_DATA_DIR to a directory it can reach, e.g. /var/lib/riskmap");
        }
    }

    /** Runs a PostgreSQL program as the cluster's owner: through runuser when we are root. */
    private int runPg(int timeoutSeconds, List<String> command) {
        return run(timeoutSeconds, asOwner(command));
    }

    /** The same for a program that prints its answer and exits (reading its output waits for that), the output returned; fails unless it exits 0. */
    private String runPgOutput(String... command) throws IOException {
        Process p = new ProcessBuilder(asOwner(List.of(command)))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("log/commands.log").toFile())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException(command[0] + " failed; see " + dir.resolve("log/commands.log"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0]);
        }
        return out;
    }

    private List<String> asOwner(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (root) cmd.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        cmd.addAll(command);
        return cmd;
    }

    private int run(int timeoutSeconds, List<String> cmd) {
        List<String> command = cmd;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/commands.log").toFile()))
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StartupException("'" + String.join(" ", command) + "' did not finish within " + timeoutSeconds + " s; see " + dir.resolve("log"));
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new StartupException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while running " + command.get(0));
        }
    }

    private void runOrFail(int timeoutSeconds, String what, List<String> command) {
        if (runPg(timeoutSeconds, command) != 0) {
            throw new StartupException(what + "; the command's output is in " + dir.resolve("log/commands.log"));
        }
    }

    /** The newest installed PostgreSQL that has PostGIS, e.g. /usr/lib/postgresql/15/bin. */
    static Path findBinDir() {
        Path lib = Path.of("/usr/lib/postgresql");
        List<Path> versions;
        try (Stream<Path> s = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            versions = s.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .sorted(Comparator.comparing((Path v) -> versionNumber(v)).reversed()).toList();
        } catch (IOException e) {
            versions = List.of();
        }
        if (versions.isEmpty()) {
            throw new StartupException("PostgreSQL is not installed: run 'sudo apt-get install postgresql postgresql-15-postgis-3' "
                    + "(./riskmap does this itself when run as root), or point RISKMAP_DB_URL at an existing PostGIS database");
        }
        for (Path v : versions) {
            if (Files.exists(Path.of("/usr/share/postgresql", v.getFileName().toString(), "extension/postgis.control"))) {
                return v.resolve("bin");
            }
        }
        String major = versions.get(0).getFileName().toString();
        throw new StartupException("PostGIS is not installed for PostgreSQL " + major + ": run 'sudo apt-get install postgresql-"
                + major + "-postgis-3'");
    }

    private static int versionNumber(Path v) {
        try {
            return Integer.parseInt(v.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void writeNewPassword(Path pwFile) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        Files.writeString(pwFile, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-------"));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
