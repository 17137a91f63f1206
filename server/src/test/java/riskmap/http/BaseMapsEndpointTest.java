package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.TestServer;

/** {@code GET /base-maps.json}: the configured base maps, open like the page itself even where every read needs a token. */
class BaseMapsEndpointTest {

    @Test
    void the_configured_list_is_served_to_anonymous_callers_of_a_closed_server() {
        String maps = "[{\"id\":\"local\",\"name\":\"本地\",\"url\":\"http://127.0.0.1:9/{z}/{x}/{y}.png\",\"max_zoom\":16}]";
        try (TestServer server = new TestServer(TestDatabase.seeded(), Map.of("RISKMAP_PUBLIC_READ", "false", "RISKMAP_BASE_MAPS", maps))) {
            assertEquals(401, server.http.get("/api/stats?group_by=risk_level").status(), "the data stays closed");
            var r = server.http.get("/base-maps.json");
            assertEquals(200, r.status());
            JsonNode m = r.json().get("base_maps").get(0);
            assertEquals("local", m.get("id").asText());
            assertEquals("xyz", m.get("type").asText());
            assertEquals(16, m.get("max_zoom").asInt());
            assertEquals(1, r.json().get("base_maps").size());
        }
    }
}
