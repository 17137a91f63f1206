package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;

/** {@code sortby} (Part 8 draft) and {@code /sortables}: orders equal SQL's ORDER BY, pages walk it without repeats or gaps. */
class OgcSortTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);

    private static List<String> sorted(String sortby, String extra) {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?limit=1000&sortby=" + OgcFixture.enc(sortby) + extra);
        assertEquals(200, r.status(), r.body());
        return OgcItemsTest.ids(r.json());
    }

    @Test
    void sortby_orders_as_sql_does_with_the_id_breaking_ties() {
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY risk_level DESC, name, id"), sorted("-risk_level,name", ""));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY risk_level, id"), sorted("+risk_level", ""));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY updated_at DESC, id"), sorted("-updated_at", ""));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY id DESC"), sorted("-id", ""));
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE category = 'flood' ORDER BY threatened_people DESC, id"),
                sorted("-threatened_people", "&filter=" + OgcFixture.enc("category = 'flood'")));
    }

    @Test
    void sorted_pages_follow_next_links_through_every_feature_once() {
        List<String> expected = TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY risk_level DESC, id");
        List<String> walked = new ArrayList<>();
        String path = "/ogc/collections/hazards/items?limit=7&sortby=-risk_level";
        JsonNode doc = null;
        for (int page = 0; path != null && page < 10; page++) {
            doc = SERVER.http().get(path).json();
            doc.get("features").forEach(f -> walked.add(f.get("id").asText()));
            String next = OgcItemsTest.link(doc, "next");
            path = next == null ? null : OgcItemsTest.pathOf(next);
        }
        assertEquals(expected, walked);
        String prev = OgcItemsTest.link(doc, "prev");
        assertTrue(prev.contains("offset=21") && prev.contains("sortby="), prev);
        assertEquals(expected.subList(21, 28), OgcItemsTest.ids(SERVER.http().get(OgcItemsTest.pathOf(prev)).json()));
        assertNull(OgcItemsTest.link(SERVER.http().get("/ogc/collections/hazards/items?limit=7&sortby=-risk_level").json(), "prev"));
    }

    @Test
    void sortables_list_what_sortby_accepts_and_never_personal_data() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/sortables");
        assertEquals(200, r.status());
        JsonNode props = r.json().get("properties");
        assertTrue(props.has("id") && props.has("risk_level") && props.has("name") && props.has("updated_at"), props.toString());
        assertFalse(props.has("responsible_phone"));
        assertFalse(props.has("geometry"));
        assertEquals(404, SERVER.http().get("/ogc/collections/nope/sortables").status());
        assertEquals(200, SERVER.http().get("/ogc/collections/hazards/sortables?f=html").status());
    }

    @Test
    void bad_sortby_is_400_naming_the_problem() {
        assertBad("sortby=colour", "'colour' is not sortable");
        assertBad("sortby=responsible_phone", "'responsible_phone' is not sortable");
        assertBad("sortby=geometry", "'geometry' is not sortable");
        assertBad("sortby=name,,id", "empty name");
        assertBad("sortby=name,-name", "names 'name' twice");
        assertBad("sortby=name&cursor=" + Cursor.after(new riskmap.store.PageOrder.Key(null, "HZ01")).encode(), "sorted pages (sortby) follow offset");
    }

    private static void assertBad(String query, String expected) {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?" + query);
        assertEquals(400, r.status(), query + " → " + r.body());
        assertEquals("invalid_parameter", r.json().get("error").asText());
        assertTrue(r.json().get("detail").asText().contains(expected), query + " → " + r.body());
    }
}
