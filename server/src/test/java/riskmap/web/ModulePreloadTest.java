package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * The modules the map page needs before its first paint are announced by modulepreload links in
 * index.html, so a phone on a 150 ms link asks for all of them at once instead of one import level
 * after another (bench/page_paint.sh): a module added to that graph without its link costs the
 * first paint a round trip. The workflow modules app.js loads later by {@code import()} have no
 * link: a preloaded one would be fetched before the first paint all the same.
 */
class ModulePreloadTest {
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^\\s*import\\s[^;]*?'(\\./[a-z0-9/-]+\\.js)'");
    private static final Pattern DYNAMIC_IMPORT = Pattern.compile("\\bimport\\(\\s*'(\\./[a-z0-9/-]+\\.js)'\\s*\\)");
    private static final Pattern PRELOAD = Pattern.compile("rel=\"modulepreload\" href=\"([^\"]+)\"");

    private final Path web = TestDatabase.home().resolve("web");

    @Test
    void index_preloads_exactly_the_static_import_graph_of_the_page() throws IOException {
        assertEquals(staticGraph(), preloaded());
    }

    @Test
    void the_modules_loaded_later_are_outside_the_static_graph_and_not_preloaded() throws IOException {
        Set<String> later = imports(web.resolve("app.js"), DYNAMIC_IMPORT);
        assertTrue(later.contains("js/warnings.js") && later.contains("js/print.js"), later.toString());
        Set<String> graph = staticGraph();
        for (String m : later) {
            assertTrue(Files.isRegularFile(web.resolve(m)), m);
            assertFalse(graph.contains(m), m + " is imported statically too, so import() saves nothing");
        }
        Set<String> laterGraph = new TreeSet<>();
        for (String m : later) laterGraph.addAll(closure(m));
        laterGraph.removeAll(graph);
        // what only the later modules import (warning-board.js, rectification.js, csv.js …) is not preloaded either
        assertTrue(laterGraph.contains("js/warning-board.js") && laterGraph.contains("js/csv.js"), laterGraph.toString());
        Set<String> preloadedLater = new TreeSet<>(preloaded());
        preloadedLater.retainAll(laterGraph);
        assertEquals(Set.of(), preloadedLater);
    }

    /** The modules app.js reaches through static imports, app.js itself left out (it is the page's script). */
    private Set<String> staticGraph() throws IOException {
        Set<String> graph = closure("app.js");
        graph.remove("app.js");
        return graph;
    }

    private Set<String> closure(String start) throws IOException {
        Set<String> seen = new TreeSet<>(Set.of(start));
        Deque<String> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (String m : imports(web.resolve(todo.pop()), STATIC_IMPORT)) if (seen.add(m)) todo.push(m);
        }
        return seen;
    }

    /** The modules {@code file} names in {@code pattern}'s imports, relative to web/. */
    private Set<String> imports(Path file, Pattern pattern) throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) out.add(web.relativize(file.getParent().resolve(m.group(1)).normalize()).toString());
        return out;
    }

    private Set<String> preloaded() throws IOException {
        Set<String> preloaded = new TreeSet<>();
        Matcher m = PRELOAD.matcher(Files.readString(web.resolve("index.html")));
        while (m.find()) preloaded.add(m.group(1));
        return preloaded;
    }
}
