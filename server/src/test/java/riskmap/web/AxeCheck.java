package riskmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import riskmap.TestDatabase;

/**
 * axe-core (vendored under src/test/resources/axe-core/, a test tool the server never serves) run
 * inside the page a {@link Browser} shows: injected through Selenium, {@code axe.run(document)},
 * and the violations read back with their impact (minor, moderate, serious, critical).
 */
final class AxeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AXE = Path.of("server/src/test/resources/axe-core/axe.min.js");
    private static String script;

    /** One failed axe rule: its id, impact, help text and the elements it failed on (selector: summary). */
    record Violation(String rule, String impact, String help, List<String> nodes) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + "):\n    " + String.join("\n    ", nodes);
        }
    }

    private AxeCheck() {
    }

    /** Every violation axe finds in the page as it is now. */
    static List<Violation> violations(Browser browser) {
        browser.js("if (!window.axe) { const s = document.createElement('script'); s.textContent = arguments[0]; document.head.appendChild(s); }", axeSource());
        String out = (String) browser.driver.executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((r) => done(JSON.stringify(r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) })))))
              .catch((e) => done(JSON.stringify({ failed: String(e) })));""");
        try {
            JsonNode root = JSON.readTree(out);
            if (root.has("failed")) throw new IllegalStateException("axe.run failed: " + root.get("failed").asText());
            List<Violation> found = new ArrayList<>();
            for (JsonNode v : root) {
                List<String> nodes = new ArrayList<>();
                v.get("nodes").forEach(n -> nodes.add(n.asText()));
                found.add(new Violation(v.get("rule").asText(), v.path("impact").asText("unknown"), v.get("help").asText(), nodes));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of impact critical or serious. */
    static List<Violation> criticalOrSerious(Browser browser) {
        Set<String> worst = Set.of("critical", "serious");
        return violations(browser).stream().filter(v -> worst.contains(v.impact())).toList();
    }

    /** A failure message listing {@code found}, one rule per paragraph. */
    static String describe(String where, List<Violation> found) {
        return found.size() + " critical/serious axe violations " + where + ":\n"
                + found.stream().map(Violation::toString).collect(Collectors.joining("\n"));
    }

    private static synchronized String axeSource() {
        if (script == null) {
            try {
                script = Files.readString(TestDatabase.home().resolve(AXE), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }
}
