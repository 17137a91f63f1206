package riskmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestFiles;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.auth.Role;
import riskmap.db.DbUrl;
import riskmap.store.TokenStore;

/** The command line's database commands, run as Main runs them (options, settings, database), against a real PostGIS. */
class CliTest {
    private static DataSource ds;
    private static Map<String, String> env;

    @BeforeAll
    static void open() {
        ds = riskmap.auth.Api.database();
        DbUrl url = TestDatabase.url(riskmap.auth.Api.DATABASE);
        env = Map.of("RISKMAP_DB_URL", url.jdbcUrl() + "?user=" + url.user() + "&password=" + url.password());
    }

    private record Run(int code, String out, String err) {
    }

    /** Through {@link Cli}, as Main runs it: options, settings (RISKMAP_DB_URL) and its own connection to the database. */
    private static Run run(Command c, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(c, args, TestDatabase.home(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Straight over the test pool (each Cli run opens a pool of its own, and the test cluster's connections are few). */
    private static Run direct(Command c, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = c.run(Args.parse(args, c.valueOptions(), c.flagOptions()), ds, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (UsageException e) {
            code = 2;
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void token_create_list_and_revoke() throws Exception {
        Run created = run(new TokenCommand(), "create", "--role", "editor", "--region", "500101", "--name", "张三");
        assertEquals(0, created.code(), created.err());
        String token = created.out().strip();
        assertTrue(token.matches("rm_[A-Za-z0-9_-]{43}"), token);
        assertTrue(created.err().contains("张三") && !created.err().contains(token));
        Caller caller = new TokenStore(ds).find(token).orElseThrow();
        assertEquals(Role.EDITOR, caller.role());
        assertEquals("500101", caller.scope());
        assertEquals("张三", caller.name());

        Run list = run(new TokenCommand(), "list");
        assertEquals(0, list.code());
        String line = list.out().lines().filter(l -> l.contains("张三")).findFirst().orElseThrow();
        assertTrue(line.startsWith(caller.accountId() + " ") && line.contains("editor") && line.contains("500101"), line);
        assertTrue(!list.out().contains(token), "list never shows tokens");

        assertEquals(0, direct(new TokenCommand(), "revoke", Integer.toString(caller.accountId())).code());
        assertTrue(new TokenStore(ds).find(token).isEmpty());
        assertEquals(1, direct(new TokenCommand(), "revoke", Integer.toString(caller.accountId())).code(), "already revoked");
        assertEquals(2, direct(new TokenCommand(), "create", "--role", "boss").code());
        assertEquals(2, direct(new TokenCommand(), "create", "--role", "viewer", "--region", "50A").code());
    }

    @Test
    void the_reviewer_presets_give_one_review_level_each() throws Exception {
        Caller county = new TokenStore(ds).find(run(new TokenCommand(), "create", "--role", "county_reviewer", "--region", "500101", "--name", "县级审核员")
                .out().strip()).orElseThrow();
        Caller city = new TokenStore(ds).find(run(new TokenCommand(), "create", "--role", "city_reviewer", "--region", "5001", "--name", "市级审核员")
                .out().strip()).orElseThrow();
        assertEquals(java.util.Set.of(Action.READ_PERSONAL, Action.REVIEW), county.actions());
        assertEquals(java.util.Set.of(Action.READ_PERSONAL, Action.REVIEW_CITY), city.actions());
        assertEquals(Role.COUNTY_REVIEWER, county.role());
        assertTrue(run(new TokenCommand(), "list").out().lines().anyMatch(l -> l.contains("city_reviewer") && l.contains("read_personal,review_city")));
    }

    @Test
    void token_create_with_its_own_actions_instead_of_a_role() throws Exception {
        Run created = run(new TokenCommand(), "create", "--actions", "issue_warning,acknowledge", "--region", "500101001", "--name", "一镇预警员");
        assertEquals(0, created.code(), created.err());
        Caller caller = new TokenStore(ds).find(created.out().strip()).orElseThrow();
        assertEquals(java.util.Set.of(Action.ISSUE_WARNING, Action.ACKNOWLEDGE), caller.actions());
        assertEquals(null, caller.role());
        assertTrue(caller.can(Action.ACKNOWLEDGE) && !caller.can(Action.EDIT) && !caller.can(Action.READ_PERSONAL));
        assertTrue(run(new TokenCommand(), "list").out().lines().anyMatch(l -> l.contains("一镇预警员") && l.contains("issue_warning,acknowledge")));
        assertEquals(2, direct(new TokenCommand(), "create", "--actions", "fly").code(), "unknown action");
        assertEquals(2, direct(new TokenCommand(), "create", "--actions", ",").code(), "no action");
        assertEquals(2, direct(new TokenCommand(), "create").code(), "neither role nor actions");
    }

    @Test
    void import_and_export_from_the_command_line() throws Exception {
        Path dir = Files.createTempDirectory("riskmap-cli");
        try {
            Path csv = dir.resolve("乡镇排查.csv");
            Files.writeString(csv, "name,category,risk_level,admin_code,经度,纬度\n后山,landslide,2,500101,108.4,30.8\n坏行,landslide,9,500101,108.4,30.8\n",
                    Charset.forName("GBK"));
            Run refused = direct(new ImportCommand(), csv.toString(), "--collection", "hazards");
            assertEquals(1, refused.code(), refused.out() + refused.err());
            assertTrue(refused.out().contains("row 3: risk_level"), refused.out());
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '后山'"));
            Run dry = direct(new ImportCommand(), csv.toString(), "--collection", "hazards", "--dry-run", "--skip-invalid", "--encoding", "GBK");
            assertEquals(0, dry.code(), dry.err());
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '后山'"));
            Run ok = direct(new ImportCommand(), csv.toString(), "--collection", "hazards", "--skip-invalid");
            assertEquals(0, ok.code(), ok.err());
            assertTrue(ok.out().contains("stored 1"), ok.out());
            assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE name = '后山'"));

            Path out = dir.resolve("hazards.geojson");
            Run export = direct(new ExportCommand(), "--collection", "hazards", out.toString());
            assertEquals(0, export.code(), export.err());
            assertTrue(Files.readString(out).contains("\"后山\""));
            assertEquals(2, direct(new ImportCommand(), dir.resolve("x.shp").toString(), "--collection", "hazards").code());
        } finally {
            TestFiles.deleteRecursively(dir);
        }
    }
}
