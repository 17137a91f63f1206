import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * First useful paint of the map page on a profile: {@code phone}, a 390×844 touch screen at device
 * pixel ratio 3, or {@code desktop}, a 1920×1080 screen; the network {@code throttled} to 1.6 Mbit/s
 * down, 750 kbit/s up, 150 ms latency (Network.emulateNetworkConditions) or {@code unthrottled}; the
 * cache disabled. Each run opens the page in a fresh browser and reads the page's own performance
 * mark {@code riskmap-first-data} (set when the first hazard symbol or cluster is drawn, js/phone.js):
 * milliseconds from the navigation's start. Prints each run, p50 and max, and the bytes each
 * resource cost in the last run. Run by bench/page_paint.sh:
 * java -cp SELENIUM_CLASSPATH bench/PagePaint.java URL RUNS phone|desktop throttled|unthrottled
 */
public class PagePaint {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int runs = Integer.parseInt(args[1]);
        boolean phone = !args[2].equals("desktop");
        boolean throttled = !args[3].equals("unthrottled");
        System.out.println((phone ? "screen: 390×844 phone, " : "screen: 1920×1080 desktop, ")
                + (throttled ? "network: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, no cache" : "network: unthrottled, no cache"));
        List<Double> times = new ArrayList<>();
        List<?> resources = List.of();
        List<?> longTasks = List.of();
        for (int i = 0; i < runs; i++) {
            // a new browser each run, as a phone opening the page: a page left behind keeps its event
            // stream open, one of the six connections HTTP/1.1 allows a host, and slowed every later run
            ChromeDriver driver = browser(phone, throttled);
            try {
                driver.get(url);
                Object ms = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1], t0 = Date.now();
                    (function poll() {
                      const m = performance.getEntriesByName('riskmap-first-data')[0];
                      if (m) done(m.startTime); else if (Date.now() - t0 > 50000) done(null); else setTimeout(poll, 20);
                    })();""");
                if (ms == null) throw new IllegalStateException("no hazard drawn within 50 s on run " + (i + 1));
                times.add(((Number) ms).doubleValue());
                System.out.printf("run %d: first hazard symbols drawn %.0f ms after navigation start%n", i + 1, times.get(i));
                resources = (List<?>) driver.executeScript("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    return [nav, ...performance.getEntriesByType('resource')].filter((e) => e.responseEnd <= arguments[0])
                      .map((e) => [e.name.replace(location.origin, ''), e.transferSize, e.encodedBodySize, Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd)]);""", ms);
                longTasks = (List<?>) driver.executeScript("return window.__longTasks.filter(([start]) => start <= arguments[0])", ms);
            } finally {
                driver.quit();
            }
        }
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("first useful paint, %d runs: p50 %.0f ms, max %.0f ms%n", runs, sorted.get((runs - 1) / 2), sorted.get(runs - 1));
        System.out.println("resources fetched before it (last run): bytes on the wire, body bytes; asked, first byte, done at ms");
        long total = 0;
        for (Object r : resources) {
            List<?> row = (List<?>) r;
            total += ((Number) row.get(1)).longValue();
            System.out.printf("  %8d %8d  %6d %6d %6d  %s%n", ((Number) row.get(1)).longValue(), ((Number) row.get(2)).longValue(),
                    ((Number) row.get(3)).longValue(), ((Number) row.get(4)).longValue(), ((Number) row.get(5)).longValue(), row.get(0));
        }
        System.out.printf("  %8d bytes in all%n", total);
        System.out.println("main-thread tasks over 50 ms before it (last run): start, duration ms");
        for (Object t : longTasks) System.out.printf("  %6d %6d%n", ((Number) ((List<?>) t).get(0)).longValue(), ((Number) ((List<?>) t).get(1)).longValue());
    }

    /** A fresh headless Chromium as a 390×844 phone (pixel ratio 3, touch) or a 1920×1080 desktop, its cache off, the link throttled if told. */
    private static ChromeDriver browser(boolean phone, boolean throttled) throws Exception {
        Path profile = Files.createTempDirectory("riskmap-page-paint");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // back from get() at DOMContentLoaded: the mark is read from the page's own timeline, and the load event can wait
        // minutes for the unreachable default base map on a loaded machine
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=zh-CN");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (phone) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true));
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));
        }
        // the page's long tasks from its very start, for the report
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.__longTasks = []; new PerformanceObserver((l) => "
                + "window.__longTasks.push(...l.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true });"));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        if (throttled) driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 150,
                "downloadThroughput", 1_600_000 / 8, "uploadThroughput", 750_000 / 8));
        return driver;
    }
}
