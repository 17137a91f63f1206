package riskmap.evacuation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Api;
import riskmap.auth.Role;

/** On a closed server the stored shelters offered are those of the caller's region, and anonymous callers are refused. */
class EvacuationAllocateScopeTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(() -> TestDatabase.database("allocapi_scope", false),
            Map.of("RISKMAP_PUBLIC_READ", "false"), Clock.systemUTC());
    private static final String BODY = "{\"households\":[{\"id\":\"H1\",\"lon\":100.01,\"lat\":30,\"people\":2}]}";
    private static String dongcheng;

    @BeforeAll
    static void shelters() throws Exception {
        try (Connection c = SERVER.ds().getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE shelter CASCADE");
            // the nearer one lies in another region than the caller's
            st.execute("INSERT INTO shelter (id, name, capacity, admin_code, geom) VALUES"
                    + " ('NEAR-SH', 'other region', 10, '310101', ST_SetSRID(ST_MakePoint(100.00, 30), 4326)),"
                    + " ('MINE', 'own region', 10, '110101', ST_SetSRID(ST_MakePoint(100.05, 30), 4326))");
        }
        dongcheng = Api.token(SERVER.ds(), "allocapi-viewer", Role.VIEWER, "110101");
    }

    @Test
    void offersOnlyTheCallersShelters() {
        Api.Response r = new Api(SERVER.port()).json("POST", "/api/evacuation/allocate", dongcheng, BODY);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("shelters_considered").asInt(), r.body());
        assertEquals("MINE", r.json().get("assignments").get(0).get("shelter").asText(), r.body());
    }

    @Test
    void refusesAnonymousCallers() {
        assertEquals(401, SERVER.http().post("/api/evacuation/allocate", BODY, "application/json").status());
    }
}
