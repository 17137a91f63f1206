package riskmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;

/**
 * The Features of an items page are written from their columns' text as the database sends it
 * ({@code GeoJsonWriter.writeFeatureText}), a single feature through Jackson
 * ({@code GeoJsonWriter.writeFeature}): both must say the same, with text that needs escaping,
 * NULLs and instants whose fraction ISO_INSTANT writes with 0, 3 or 6 digits.
 */
class OgcFeatureJsonTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(OgcFixture::database);
    private static final Map<String, String> NAMES = Map.of(
            "FJ1", "引号\"与反斜杠\\滑坡", "FJ2", "换行\n制表\t𠀀点", "FJ3", "</script> & 'single'");
    private static final Map<String, String> INSTANTS = Map.of(
            "FJ1", "2024-01-09T08:30:00Z", "FJ2", "2024-01-09T08:30:00.500Z", "FJ3", "2024-01-09T08:30:00.123456Z");
    private static final String BBOX = "bbox=101.0005,20.0005,101.0035,20.0035";

    @AfterEach
    void remove() {
        OgcFixture.exec(SERVER.ds(), "DELETE FROM hazard_point WHERE id LIKE 'FJ%'");
    }

    @Test
    void a_page_and_a_single_feature_are_the_same_document() {
        for (String id : List.of("FJ1", "FJ2", "FJ3")) {
            int n = id.charAt(2) - '0';
            OgcFixture.exec(SERVER.ds(), "INSERT INTO hazard_point (id, category, name, risk_level, admin_code, updated_at, geom) VALUES ('" + id + "', 'flood', '"
                    + NAMES.get(id).replace("'", "''") + "', " + n + ", '500101', '" + INSTANTS.get(id) + "', ST_SetSRID(ST_MakePoint(101.001 + " + n + " * 0.0005, 20.001), 4326))");
        }
        // geohash order (one counted statement) and name order (the sorted page): both written from text
        for (String query : List.of(BBOX, BBOX + "&sortby=name")) {
            JsonNode page = SERVER.http().get("/ogc/collections/hazards/items?" + query).json();
            assertEquals(3, page.path("features").size(), page::toString);
            for (JsonNode feature : page.path("features")) {
                String id = feature.path("id").asText();
                ObjectNode single = (ObjectNode) SERVER.http().get("/ogc/collections/hazards/items/" + id).json();
                single.remove("links");
                assertEquals(single, feature, id);
                assertEquals(NAMES.get(id), feature.at("/properties/name").asText());
                // the instant as java.time writes it, from the text inserted
                assertEquals(DateTimeFormatter.ISO_INSTANT.format(Instant.parse(INSTANTS.get(id))), feature.at("/properties/updated_at").asText());
                assertTrue(feature.at("/properties/township").isNull(), feature::toString);
                assertEquals(id.charAt(2) - '0', feature.at("/properties/risk_level").asInt());
            }
        }
    }
}
