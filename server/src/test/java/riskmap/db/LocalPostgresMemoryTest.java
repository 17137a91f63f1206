package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestFiles;

/** The private cluster's memory settings follow the machine's RAM, and an operator's ALTER SYSTEM still wins. */
class LocalPostgresMemoryTest {
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void settings_are_fractions_of_the_ram_within_bounds() {
        // 24 GB: a quarter, three quarters, 1/16 capped at 1 GB, 24576/400 = 61
        assertEquals(List.of("shared_buffers = 6144MB", "effective_cache_size = 18432MB", "maintenance_work_mem = 1024MB",
                "work_mem = 61MB"), LocalPostgres.memorySettings(24 * GB));
        // 1 GB: 256, 768, 64, and 1024/400 = 2 raised to PostgreSQL's default of 4
        assertEquals(List.of("shared_buffers = 256MB", "effective_cache_size = 768MB", "maintenance_work_mem = 64MB",
                "work_mem = 4MB"), LocalPostgres.memorySettings(GB));
        // 256 GB: shared buffers capped at 8 GB, work_mem at 64 MB
        assertEquals(List.of("shared_buffers = 8192MB", "effective_cache_size = 196608MB", "maintenance_work_mem = 1024MB",
                "work_mem = 64MB"), LocalPostgres.memorySettings(256 * GB));
        // 256 MB: never below PostgreSQL's own 128 MB of shared buffers
        assertEquals("shared_buffers = 128MB", LocalPostgres.memorySettings(GB / 4).get(0));
    }

    @Test
    void a_new_and_an_older_cluster_run_with_them_and_alter_system_overrides_them() throws Exception {
        long buffersMb = Math.max(128, Math.min(8192, LocalPostgres.meminfo("MemTotal") / 1024 / 4));
        String sharedBuffers = buffersMb + "MB";
        Path dir = Files.createTempDirectory("riskmap-memory-pg");
        int port = TestDatabase.freePort();
        Path conf = dir.resolve("data/postgresql.conf");
        try {
            try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
                assertEquals(List.of(sharedBuffers, "riskmap-memory.conf"), setting(pg, "shared_buffers"));
                alterSystem(pg, "ALTER SYSTEM SET work_mem = '5MB'");
            }
            // a cluster made before riskmap wrote these settings: no include, no file
            Files.write(conf, Files.readAllLines(conf).stream().filter(l -> !l.contains("riskmap-memory.conf")).toList());
            Files.delete(dir.resolve("data/riskmap-memory.conf"));
            try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
                assertEquals(List.of(sharedBuffers, "riskmap-memory.conf"), setting(pg, "shared_buffers"));
                assertEquals(List.of("5MB", "postgresql.auto.conf"), setting(pg, "work_mem"));
            }
            LocalPostgres stopped;
            try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
                assertEquals(List.of(sharedBuffers, "riskmap-memory.conf"), setting(pg, "shared_buffers"));
                stopped = pg;
            }
            // what RISKMAP_HUGE_PAGES reserves: the shared buffers and PostgreSQL's other shared memory, in the kernel's huge pages
            long hugePageMb = LocalPostgres.meminfo("Hugepagesize") / 1024;
            long neededMb = stopped.hugePagesNeeded() * hugePageMb;
            assertTrue(neededMb >= buffersMb && neededMb <= buffersMb * 11 / 10 + 256, neededMb + " MB of huge pages for " + buffersMb + " MB of shared buffers");
            assertEquals(1, Files.readAllLines(conf).stream().filter(l -> l.equals("include_if_exists = 'riskmap-memory.conf'")).count(),
                    "postgresql.conf includes the file once, however often the cluster starts");
        } finally {
            TestFiles.deleteRecursively(dir);
        }
    }

    @Test
    void huge_pages_reserved_at_start_go_back_to_the_kernel_at_stop() throws Exception {
        Path pool = Path.of("/proc/sys/vm/nr_hugepages");
        assumeTrue(Files.isWritable(pool), "only root, outside a read-only /proc/sys, may change vm.nr_hugepages");
        Path dir = Files.createTempDirectory("riskmap-hugepages-pg");
        int port = TestDatabase.freePort();
        long before = LocalPostgres.meminfo("HugePages_Total"); // the pool, as the kernel reports it (no surplus pages here)
        try {
            LocalPostgres stopped;
            try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
                alterSystem(pg, "ALTER SYSTEM SET shared_buffers = '16MB'"); // a few pages, not a quarter of the machine
                stopped = pg;
            }
            long needed = stopped.hugePagesNeeded();
            Files.writeString(pool, Long.toString(before + needed));
            assumeTrue(LocalPostgres.meminfo("HugePages_Total") == before + needed, "the kernel cannot find " + needed + " more huge pages here");
            // a pool with some free pages already, of two digits: the cluster uses them and reserves the rest
            long prefilled = before + needed - 2;
            Files.writeString(pool, Long.toString(prefilled));
            long free = LocalPostgres.meminfo("HugePages_Free");
            try (LocalPostgres pg = LocalPostgres.start(dir, port, true)) {
                assertEquals(prefilled + needed - free, LocalPostgres.meminfo("HugePages_Total"), "the pool grows by what the cluster lacked");
                long inUse = LocalPostgres.meminfo("HugePages_Total") - LocalPostgres.meminfo("HugePages_Free") + LocalPostgres.meminfo("HugePages_Rsvd");
                assertTrue(inUse >= needed, inUse + " huge pages taken or reserved, for " + needed + " needed by PostgreSQL");
            }
            assertEquals(prefilled, LocalPostgres.meminfo("HugePages_Total"), "the pages it added are given back when the cluster stops, and only those");
        } finally {
            Files.writeString(pool, Long.toString(before));
            TestFiles.deleteRecursively(dir);
        }
    }

    /** The value as SHOW prints it, and the name of the file it came from. */
    private static List<String> setting(LocalPostgres pg, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "'), sourcefile FROM pg_settings WHERE name = '" + name + "'")) {
            assertTrue(rs.next());
            return List.of(rs.getString(1), Path.of(rs.getString(2)).getFileName().toString());
        }
    }

    private static void alterSystem(LocalPostgres pg, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
