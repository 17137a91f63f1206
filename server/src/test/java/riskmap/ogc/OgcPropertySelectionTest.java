package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;

/** {@code properties=a,b} and {@code skipGeometry} on /ogc items (Part 6 property selection), on the seeded demo data. */
class OgcPropertySelectionTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);

    @Test
    void properties_returns_exactly_the_named_keys_with_the_stored_values() {
        JsonNode doc = SERVER.http().get("/ogc/collections/hazards/items?limit=50&properties=risk_level,name").json();
        List<String> seen = new ArrayList<>();
        for (JsonNode f : doc.get("features")) {
            Set<String> keys = new TreeSet<>();
            f.get("properties").fieldNames().forEachRemaining(keys::add);
            assertEquals(Set.of("name", "risk_level"), keys, f.get("id").asText());
            assertEquals("Point", f.at("/geometry/type").asText(), "the geometry stays unless skipGeometry=true");
            seen.add(f.get("id").asText() + "|" + f.at("/properties/name").asText() + "|" + f.at("/properties/risk_level").asInt());
        }
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id || '|' || name || '|' || risk_level FROM hazard_point ORDER BY id LIMIT 50"), seen);
    }

    @Test
    void skip_geometry_gives_null_geometries_and_the_same_features() {
        JsonNode with = SERVER.http().get("/ogc/collections/hazards/items?limit=40&risk_level=3").json();
        JsonNode without = SERVER.http().get("/ogc/collections/hazards/items?limit=40&risk_level=3&skipGeometry=true").json();
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point WHERE risk_level = 3 ORDER BY id LIMIT 40"), OgcItemsTest.ids(without));
        assertEquals(OgcItemsTest.ids(with), OgcItemsTest.ids(without));
        assertTrue(without.get("features").size() > 0);
        for (JsonNode f : without.get("features")) {
            assertTrue(f.has("geometry") && f.get("geometry").isNull(), f.toString());
            assertTrue(f.at("/properties/name").isTextual(), "properties stay");
        }
        JsonNode explicitFalse = SERVER.http().get("/ogc/collections/hazards/items?limit=5&skipGeometry=false").json();
        assertEquals("Point", explicitFalse.at("/features/0/geometry/type").asText());
    }

    @Test
    void next_link_keeps_properties_and_skip_geometry() {
        JsonNode first = SERVER.http().get("/ogc/collections/hazards/items?limit=5&properties=name&skipGeometry=true").json();
        String next = OgcItemsTest.link(first, "next");
        assertNotNull(next);
        assertTrue(next.contains("properties=name") && next.contains("skipGeometry=true"), next);
        JsonNode second = SERVER.http().get(OgcItemsTest.pathOf(next)).json();
        assertEquals(TestDatabase.ids(SERVER.ds(), "SELECT id FROM hazard_point ORDER BY id LIMIT 5 OFFSET 5"), OgcItemsTest.ids(second));
        for (JsonNode f : second.get("features")) {
            assertTrue(f.get("geometry").isNull());
            assertEquals(List.of("name"), fieldNames(f.get("properties")));
        }
        String prev = OgcItemsTest.link(second, "prev");
        assertTrue(prev.contains("properties=name") && prev.contains("skipGeometry=true"), prev);
    }

    @Test
    void unknown_or_personal_property_is_refused_listing_the_allowed_ones() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?properties=name,colour");
        assertEquals(400, r.status());
        String detail = r.json().get("detail").asText();
        assertTrue(detail.contains("colour") && detail.contains("risk_level") && detail.contains("name"), detail);
        assertNotNull(r.json().get("error"));
        TestHttp.Response phone = SERVER.http().get("/ogc/collections/hazards/items?properties=responsible_phone");
        assertEquals(400, phone.status(), "anonymous callers cannot select personal data");
        String allowed = phone.json().get("detail").asText().replaceFirst("^.*use one or more of ", "");
        assertTrue(allowed.contains("risk_level") && !allowed.contains("responsible_phone"), phone.body());
    }

    @Test
    void html_table_shows_only_the_selected_columns_and_its_map_keeps_geometries() {
        String html = SERVER.http().get("/ogc/collections/hazards/items?f=html&limit=3&properties=name&skipGeometry=true").body();
        assertTrue(html.contains("<th>name</th>") && !html.contains("<th>risk_level</th>"), html);
        Matcher fetched = Pattern.compile("fetch\\((\\S+?),\\{headers").matcher(html);
        assertTrue(fetched.find(), html);
        assertTrue(fetched.group(1).contains("properties=name") && !fetched.group(1).contains("skipGeometry"), fetched.group(1));
    }

    @Test
    void bad_boolean_is_refused() {
        TestHttp.Response r = SERVER.http().get("/ogc/collections/hazards/items?skipGeometry=yes");
        assertEquals(400, r.status());
        assertTrue(r.json().get("detail").asText().contains("true or false"), r.body());
    }

    @Test
    void openapi_declares_both_parameters() {
        JsonNode api = SERVER.http().get("/ogc/api?f=json").json();
        Set<String> refs = new TreeSet<>();
        api.at("/paths/~1collections~1hazards~1items/get/parameters").forEach(p -> refs.add(p.path("$ref").asText()));
        assertTrue(refs.contains("#/components/parameters/properties") && refs.contains("#/components/parameters/skipGeometry"), refs.toString());
        assertEquals("boolean", api.at("/components/parameters/skipGeometry/schema/type").asText());
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
