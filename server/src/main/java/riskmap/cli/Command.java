package riskmap.cli;

import java.io.PrintStream;
import java.util.Set;
import javax.sql.DataSource;

/** A sub-command that works on the database: it names its options and runs over an open database. */
public interface Command {
    Set<String> valueOptions();

    Set<String> flagOptions();

    /**
     * @param out results (tokens, tables) — what a script would capture
     * @param err progress and messages for the person at the terminal
     * @return the process exit code
     */
    int run(Args args, DataSource ds, PrintStream out, PrintStream err) throws Exception;
}
