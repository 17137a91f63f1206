package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * Every ES module the map page imports is announced by a modulepreload link in index.html, so a
 * phone on a 150 ms link asks for all of them at once instead of one import level after another
 * (bench/phone_paint.sh): a module added without its link costs the first paint a round trip.
 */
class ModulePreloadTest {
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s*'(\\./[a-z0-9/-]+\\.js)'");
    private static final Pattern PRELOAD = Pattern.compile("rel=\"modulepreload\" href=\"([^\"]+)\"");

    @Test
    void index_preloads_exactly_the_modules_the_page_imports() throws IOException {
        Path web = TestDatabase.home().resolve("web");
        Set<String> imported = new TreeSet<>();
        try (Stream<Path> js = Files.list(web.resolve("js"))) {
            for (Path file : Stream.concat(Stream.of(web.resolve("app.js")), js.filter(p -> p.toString().endsWith(".js"))).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) imported.add(web.relativize(file.getParent().resolve(m.group(1)).normalize()).toString());
            }
        }
        Set<String> preloaded = new TreeSet<>();
        Matcher m = PRELOAD.matcher(Files.readString(web.resolve("index.html")));
        while (m.find()) preloaded.add(m.group(1));
        assertEquals(imported, preloaded);
    }
}
