package riskmap;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import riskmap.cli.Cli;
import riskmap.cli.ExportCommand;
import riskmap.cli.ImportCommand;
import riskmap.cli.RegionsCommand;
import riskmap.cli.TokenCommand;
import riskmap.config.AppConfig;
import riskmap.config.StartupException;

/** The command line: {@code riskmap run|token|import|export|regions …}; each database command lives in {@code riskmap.cli}. */
public final class Main {
    private static final String USAGE = """
            usage: riskmap run [--port 8080] [--db postgresql://user:pass@host:5432/db]
              run     serve the map and the API (brings up a private PostGIS unless --db / RISKMAP_DB_URL is set)
              token   create --role viewer|editor|admin|county_reviewer|city_reviewer [--region 500101] [--name 张三] | list | revoke ID
              import  FILE --collection hazards|risk_zones|shelters [--dry-run] [--skip-invalid] [--encoding GBK] [--srid 4490]
              export  --collection hazards [--format geojson|csv|fgb|gpkg|shp] FILE
              regions import FILE   add the regions of a china-division CSV (e.g. all villages; see data/reference/china-division)
            settings also come from riskmap.properties and RISKMAP_* environment variables (see README)""";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "run" -> run(rest);
                case "token" -> exit(Cli.run(new TokenCommand(), rest, home(), System.getenv(), System.out, System.err));
                case "import" -> exit(Cli.run(new ImportCommand(), rest, home(), System.getenv(), System.out, System.err));
                case "export" -> exit(Cli.run(new ExportCommand(), rest, home(), System.getenv(), System.out, System.err));
                case "regions" -> exit(Cli.run(new RegionsCommand(), rest, home(), System.getenv(), System.out, System.err));
                default -> fail("unknown command '" + args[0] + "'\n" + USAGE);
            }
        } catch (StartupException e) {
            fail(e.getMessage());
        } catch (Exception e) {
            e.printStackTrace();
            fail("failed: " + e);
        }
    }

    private static void run(String[] args) throws Exception {
        AppConfig cfg = AppConfig.load(home(), args, System.getenv());
        App app = App.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "riskmap-shutdown"));
        stopped.await();
    }

    private static void exit(int code) {
        System.out.flush();
        System.exit(code);
    }

    private static Path home() {
        String home = System.getenv("RISKMAP_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    private static void fail(String message) {
        System.err.println("riskmap: " + message);
        System.exit(1);
    }
}
