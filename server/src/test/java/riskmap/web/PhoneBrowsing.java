package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;

/**
 * A device, a finger and a position for the map page tests, through Chrome DevTools commands on
 * Selenium's ChromeDriver: {@code Emulation.setDeviceMetricsOverride} (a phone in portrait or
 * landscape, or a desk screen), {@code Emulation.setTouchEmulationEnabled}, real touch taps and
 * drags with {@code Input.dispatchTouchEvent}, and the position with
 * {@code Emulation.setGeolocationOverride} plus the permission by {@code Browser.setPermission}.
 * Screens are emulated at device pixel ratio 1 so the screenshots stay small.
 */
final class PhoneBrowsing {
    final Browser browser;

    PhoneBrowsing(Browser browser) {
        this.browser = browser;
    }

    private Map<String, Object> cdp(String command, Map<String, Object> params) {
        return browser.driver.executeCdpCommand(command, params);
    }

    /** The last device asked for: its metrics and touch settings, to send again (see {@link #reapply}). */
    private Map<String, Object> metrics, touch;

    /** A touch phone of {@code width}×{@code height} CSS pixels, held the way its shape says. */
    void phone(int width, int height) {
        boolean portrait = height >= width;
        emulate(Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true,
                "screenOrientation", Map.of("type", portrait ? "portraitPrimary" : "landscapePrimary", "angle", portrait ? 0 : 90)),
                Map.of("enabled", true, "maxTouchPoints", 5));
    }

    /** A desk screen of {@code width}×{@code height}, mouse only. */
    void desk(int width, int height) {
        emulate(Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false), Map.of("enabled", false));
    }

    private void emulate(Map<String, Object> metrics, Map<String, Object> touch) {
        this.metrics = metrics;
        this.touch = touch;
        reapply();
    }

    /**
     * Sends the last device's overrides again. Chromium can drop them when a tab's first page is
     * replaced (ChromeDriver's own mobile emulation re-sends its overrides after navigations).
     */
    void reapply() {
        cdp("Emulation.setDeviceMetricsOverride", metrics);
        cdp("Emulation.setTouchEmulationEnabled", touch);
    }

    /** The viewport the page sees: innerWidth, innerHeight. */
    int[] viewport() {
        List<?> v = (List<?>) browser.js("return [window.innerWidth, window.innerHeight]");
        return new int[] {((Number) v.get(0)).intValue(), ((Number) v.get(1)).intValue()};
    }

    /** A finger down and up at viewport point (x, y): the browser makes the click of a tap from it. */
    void tapAt(double x, double y) {
        touch("touchStart", List.of(point(x, y)));
        touch("touchEnd", List.of());
    }

    /** A tap at the centre of {@code el}, which must be the element there (nothing covering it). */
    void tap(WebElement el) {
        List<?> c = (List<?>) browser.js("""
            const r = arguments[0].getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            return [x, y, hit === arguments[0] || arguments[0].contains(hit)];""", el);
        assertEquals(true, c.get(2), "a tap at the centre of " + el.getText() + " reaches it");
        tapAt(((Number) c.get(0)).doubleValue(), ((Number) c.get(1)).doubleValue());
    }

    /** A finger put down at (x, y0), moved in steps to (x, y1) and lifted. */
    void drag(double x, double y0, double y1) {
        touch("touchStart", List.of(point(x, y0)));
        for (int i = 1; i <= 5; i++) touch("touchMove", List.of(point(x, y0 + (y1 - y0) * i / 5)));
        touch("touchEnd", List.of());
    }

    private void touch(String type, List<Map<String, Object>> points) {
        cdp("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", points));
    }

    private static Map<String, Object> point(double x, double y) {
        return Map.of("x", x, "y", y);
    }

    /** The device is at (lat, lon), and {@code origin} may ask for it. */
    void locatedAt(String origin, double lat, double lon) {
        permitLocation(origin, "granted");
        cdp("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", 10));
    }

    /** {@code origin} may not ask for the position ({@code "denied"}) or may ({@code "granted"}). */
    void permitLocation(String origin, String setting) {
        cdp("Browser.setPermission", Map.of("permission", Map.of("name", "geolocation"), "setting", setting, "origin", origin));
    }

    /** The device has no position to give (no fix): an override without coordinates. */
    void noPositionFix() {
        cdp("Emulation.setGeolocationOverride", new HashMap<>());
    }
}
