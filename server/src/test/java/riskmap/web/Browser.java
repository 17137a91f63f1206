package riskmap.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import riskmap.TestFiles;

/**
 * A headless Chromium (Debian's chromium + chromium-driver) with its own throwaway profile, for the
 * map page tests: scripts, waits, screenshots under target/screenshots/ and the console log.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The one host whose failures are expected: the default online base map, unreachable here. */
    static final String BASE_MAP_HOST = "tile.openstreetmap.org";

    final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> consoleLog = new ArrayList<>();

    Browser() throws Exception {
        this(null);
    }

    /**
     * A phone of {@code width}×{@code height} CSS pixels, as Chromium's device emulation makes one:
     * that viewport, a mobile user agent, the page's viewport meta honoured and touch input.
     */
    static Browser phone(int width, int height) throws Exception {
        return new Browser(Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 3.0, "mobile", true, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Mobile Safari/537.36"));
    }

    private Browser(Map<String, Object> mobileEmulation) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (./riskmap test installs them)");
        }
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("riskmap-chromium");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=zh-CN");
        if (mobileEmulation != null) options.setExperimentalOption("mobileEmulation", mobileEmulation);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait waitUpTo(int seconds) {
        // a form post or link replaces the page while a condition reads it: read again, not fail
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Opens the page at {@code base#hash} and waits until the base map is settled and the workflow modules are in. */
    void load(String base, String hash) {
        boolean samePage = driver.getCurrentUrl().split("#", 2)[0].equals(base);
        driver.get(base + "#" + hash);
        if (samePage) driver.navigate().refresh(); // a new hash alone would not reload the page
        // a script may land on the page being replaced; ignore that and ask the new one
        waitUpTo(20).ignoring(WebDriverException.class).until(d -> js("const n = document.getElementById('base-note'); return (n && n.dataset.base && document.body.dataset.workflows) || ''").toString().length() > 0);
    }

    /** Opens the page and waits until the hazard tiles are drawn too. */
    void open(String base, String hash) {
        load(base, hash);
        waitForHazards();
    }

    /** Signs in on the page with {@code token} and waits for the account box (in the 图层 sheet on a phone). */
    void signIn(String token) {
        inAccountSheet(() -> {
            driver.findElement(By.id("signin-token")).sendKeys(token);
            driver.findElement(By.id("signin-submit")).click();
            waitUpTo(10).until(d -> d.findElement(By.id("account-info")).isDisplayed());
        });
    }

    /** Signs out (the account box is in the 图层 sheet on a phone). */
    void signOut() {
        inAccountSheet(() -> driver.findElement(By.id("signout")).click());
    }

    /** Runs {@code use} on the account box: on a phone it is in the 图层 sheet, opened before and closed after. */
    private void inAccountSheet(Runnable use) {
        WebElement sheet = driver.findElement(By.id("tool-layers"));
        if (sheet.isDisplayed()) sheet.click();
        use.run();
        if (sheet.isDisplayed()) sheet.click();
    }

    /** Searches hazard point {@code id} and answers its popup's 巡查 / 时间线 button (for a signed-in account). */
    WebElement inspectButtonOf(String id) {
        WebElement search = driver.findElement(By.id("search-input"));
        search.sendKeys(id);
        search.sendKeys(Keys.ENTER);
        return waitUpTo(15).until(d -> d.findElements(By.cssSelector(".leaflet-popup .rm-popup button.inspect")).stream().findFirst().orElse(null));
    }

    /**
     * The visible text of the first element {@code css} finds, once it has some: Selenium's
     * getText() is "" while Leaflet still fades a popup in, which flaked under load.
     */
    String visibleText(String css, int seconds) {
        return waitUpTo(seconds).until(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).filter(t -> !t.isEmpty())
                .findFirst().orElse(null));
    }

    void waitForHazards() {
        waitUpTo(20).until(d -> "0".equals(js("return document.getElementById('map').dataset.hazardsLoading || ''")));
    }

    long drawnHazards() {
        return ((Number) js("return window.riskmap.drawn('hazards')")).longValue();
    }

    void screenshot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Keeps the console messages logged since the last call, except those {@code expected} matches. */
    void collectConsole(Predicate<String> expected) {
        consoleLog.addAll(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> !expected.test(e.getMessage())).toList());
    }

    void collectConsole() {
        collectConsole(m -> false);
    }

    /** Console errors kept so far, apart from the unreachable base map's. */
    List<String> consoleErrors() {
        collectConsole();
        return consoleLog.stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains(BASE_MAP_HOST))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        TestFiles.deleteRecursively(profile);
    }
}
