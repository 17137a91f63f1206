package riskmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import riskmap.TestDatabase;
import riskmap.TestHttp;
import riskmap.TestServer;
import riskmap.auth.Api;

/**
 * The map page's allocation tool (安置分配) in a real headless Chromium, on stored shelters: the households
 * pasted as CSV go to the endpoint, the page draws one line per assignment and shows the totals, each
 * shelter's load and the people without a place as the endpoint's own answer has them, in Chinese and
 * English, and exports the assignment with Chinese headers.
 */
class AllocationBrowserTest {
    /*
     * On 30°N: SA at 100.00 holds 4, SB at 100.10 holds 1; H1 (3) at 100.01, H2 (2) at 100.02, H3 (1) at 100.09.
     * Room for 5 of 6: SA takes H1's 3 and one of H2 (0.05° in all), SB takes H3 (0.01°); one of H2 is left —
     * leaving one of H1 instead costs 0.07°, sending H2's second to SB and leaving H3 costs 0.13°.
     */
    private static final String CSV = "编号,经度,纬度,人数\nH1,100.01,30,3\nH2,100.02,30,2\nH3,100.09,30,1";
    private static final String BODY = "{\"households\":[{\"id\":\"H1\",\"lon\":100.01,\"lat\":30,\"people\":3},"
            + "{\"id\":\"H2\",\"lon\":100.02,\"lat\":30,\"people\":2},{\"id\":\"H3\",\"lon\":100.09,\"lat\":30,\"people\":1}]}";

    private static DataSource ds;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        ds = Api.database();
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO shelter (id, name, capacity, geom) VALUES"
                    + " ('SA', '西避难所', 4, ST_SetSRID(ST_MakePoint(100.00, 30), 4326)),"
                    + " ('SB', '东避难所', 1, ST_SetSRID(ST_MakePoint(100.10, 30), 4326))");
        }
        server = new TestServer(ds, Map.of());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    /** shelter id → "placed / capacity" as the page's table shows it. */
    private static Map<String, String> loads() {
        Map<String, String> out = new TreeMap<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector(".al-shelters tbody tr"))) {
            out.put(row.getAttribute("data-shelter"), row.findElement(By.className("al-load")).getText());
        }
        return out;
    }

    @Test
    void the_tool_draws_and_totals_what_the_endpoint_answers() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(new TestHttp(server.port()).post("/api/evacuation/allocate", BODY, "application/json").body());
        assertEquals(5, expected.get("placed_people").asInt(), "the case itself");
        assertEquals(1, expected.get("unplaced_people").asInt());
        assertEquals("H2", expected.get("unplaced").get(0).get("household").asText());

        browser.load("http://127.0.0.1:" + server.port() + "/", "map=12/30.0000/100.0500");
        browser.driver.findElement(By.id("tool-allocate")).click();
        browser.js("const box = document.getElementById('alloc-csv'); box.value = arguments[0]; box.dispatchEvent(new Event('input'));", CSV);
        browser.driver.findElement(By.id("alloc-run")).click();
        browser.waitUpTo(15).until(d -> !d.findElements(By.id("alloc-summary")).isEmpty());

        assertEquals(expected.get("assignments").size(), ((Number) browser.js("return window.riskmap.allocationLines()")).intValue());
        assertEquals(3, expected.get("assignments").size());
        assertEquals(expected.get("assignments").size(), browser.driver.findElements(By.cssSelector("path.rm-alloc-line")).size());
        String km = String.format(java.util.Locale.ROOT, "%.1f", expected.get("total_person_metres").asDouble() / 1000);
        assertTrue(text("#alloc-summary").startsWith("已安置 5 人，未安置 1 人，总转移距离 " + km + " 人·公里"), text("#alloc-summary"));
        Map<String, String> expectedLoads = new TreeMap<>();
        expected.get("shelters").forEach(s -> expectedLoads.put(s.get("id").asText(), s.get("placed").asInt() + " / " + s.get("capacity").asInt()));
        assertEquals(Map.of("SA", "4 / 4", "SB", "1 / 1"), expectedLoads);
        assertEquals(expectedLoads, loads());
        assertEquals("H2: 1", text(".al-unplaced li"));
        assertEquals("rgba(211, 47, 47, 1)", browser.driver.findElement(By.cssSelector(".al-unplaced li")).getCssValue("color"));
        assertEquals(1, browser.driver.findElements(By.cssSelector("path.rm-alloc-unplaced")).size());

        // the text the export button saves
        assertTrue(browser.driver.findElement(By.id("alloc-export")).isDisplayed());
        String csv = (String) browser.js("return window.riskmap.allocationCsv()");
        List<String> lines = csv.lines().toList();
        assertEquals("住户编号,避难场所编号,人数,距离(米)", lines.get(0));
        assertEquals(1 + expected.get("assignments").size() + 1, lines.size(), csv);
        JsonNode first = expected.get("assignments").get(0);
        assertEquals(first.get("household").asText() + "," + first.get("shelter").asText() + "," + first.get("people").asInt() + ","
                + first.get("distance_m").asText(), lines.get(1));
        assertEquals("H2,未安置,1,", lines.get(lines.size() - 1));

        browser.driver.findElement(By.id("lang-switch")).click();
        browser.waitUpTo(5).until(d -> text("#alloc-summary").startsWith("5 people placed, 1 without a place, " + km + " person-km"));
        assertEquals("Allocate shelters", text("#tool-allocate"));
        browser.driver.findElement(By.id("lang-switch")).click();
        browser.screenshot("allocation");
    }
}
