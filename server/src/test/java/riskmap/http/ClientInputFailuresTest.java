package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.TestHttp;

/** A client's mistakes in the body's encoding are refused with a 4xx and the error shape, never a 500. */
class ClientInputFailuresTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);

    private static final String AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[108,30],[109,30],[109,31],[108,31],[108,30]]]}";

    @Test
    void anUnknownCharsetIs415() {
        for (String charset : new String[] {"ebcdic", "\\'"}) {
            TestHttp.Response r = SERVER.http().post("/api/hazards/within", AREA, "application/json; charset=" + charset);
            assertEquals(415, r.status(), charset + ": " + r.body());
            assertEquals("unsupported_charset", r.json().path("error").asText(), r.body());
        }
    }
}
