package riskmap.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sub-command's arguments: its own options ({@code --role editor}, {@code --dry-run}), its
 * positional arguments (a file, a token id), and everything else — settings such as {@code --db}
 * — left for {@link riskmap.config.AppConfig}.
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();
    private final List<String> settings = new ArrayList<>();

    private Args() {
    }

    /** @param valueOptions option names that take a value; @param flagOptions option names that do not */
    public static Args parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.equals("-")) {
                a.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name)) {
                a.flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (inline == null && i + 1 >= args.length) throw new UsageException("option --" + name + " needs a value");
                a.values.put(name, inline != null ? inline : args[++i]);
            } else {
                a.settings.add(arg); // a setting, e.g. --db URL: AppConfig checks it
                if (inline == null && i + 1 < args.length) a.settings.add(args[++i]);
            }
        }
        return a;
    }

    public String value(String name) {
        return values.get(name);
    }

    public String required(String name, String hint) {
        String v = values.get(name);
        if (v == null || v.isBlank()) throw new UsageException("--" + name + " is required: " + hint);
        return v;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    public String[] settings() {
        return settings.toArray(String[]::new);
    }
}
