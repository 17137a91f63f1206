package riskmap.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import riskmap.App;
import riskmap.config.AppConfig;
import riskmap.domain.ApiException;

/** Runs a database sub-command: parses its options, opens the same database {@code run} uses, runs it. */
public final class Cli {
    private Cli() {
    }

    /** @return the exit code */
    public static int run(Command command, String[] args, Path home, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        try {
            Args a = Args.parse(args, command.valueOptions(), command.flagOptions());
            AppConfig cfg = AppConfig.load(home, a.settings(), env);
            try (App.OpenDatabase db = App.openDatabase(cfg, true)) {
                return command.run(a, db.dataSource(), out, err);
            }
        } catch (UsageException e) {
            err.println("riskmap: " + e.getMessage());
            return 2;
        } catch (ApiException e) {
            err.println("riskmap: " + e.detail()); // e.g. an unreadable file: the same sentence the API would answer
            return 1;
        }
    }
}
