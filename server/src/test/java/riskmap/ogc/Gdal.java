package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs GDAL's command-line tools (Debian's gdal-bin, installed by {@code ./riskmap test}) and reads their output. */
final class Gdal {
    private Gdal() {
    }

    static String run(String... command) throws Exception {
        return run(Map.of(), command);
    }

    /** The tool's output (stdout and stderr); fails the test when it fails or takes over five minutes. */
    static String run(Map<String, String> env, String... command) throws Exception {
        List<String> cmd = List.of(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("GDAL_HTTP_TIMEOUT", "60");
        pb.environment().put("CPL_VSIL_CURL_CACHE_SIZE", "0");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: `./riskmap test` installs gdal-bin (apt-get install gdal-bin)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", cmd) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /** The "Feature Count" ogrinfo -so printed (the first one). */
    static long featureCount(String text) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }
}
