package riskmap;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import riskmap.config.AppConfig;
import riskmap.config.StartupException;

/** The command line: {@code riskmap run [--port N] [--db URL]}. */
public final class Main {
    private static final String USAGE = """
            usage: riskmap run [--port 8080] [--db postgresql://user:pass@host:5432/db]
              run     serve the map and the API (brings up a private PostGIS unless --db / RISKMAP_DB_URL is set)
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

    private static Path home() {
        String home = System.getenv("RISKMAP_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    private static void fail(String message) {
        System.err.println("riskmap: " + message);
        System.exit(1);
    }
}
