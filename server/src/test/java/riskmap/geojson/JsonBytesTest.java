package riskmap.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/**
 * JSON written from the database's bytes ({@link JsonBytes}, behind
 * {@link GeoJsonWriter#writeFeatureText}) against what the other path writes: strings as Jackson
 * escapes them, instants as ISO_INSTANT formats them, from the text PostgreSQL sends.
 */
class JsonBytesTest {
    /** As GeoJsonWriter's: characters beyond the BMP (𠀀 in a name) as UTF-8, not as an escaped surrogate pair. */
    private static final JsonFactory JACKSON = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    @Test
    void strings_are_escaped_as_jackson_escapes_them() throws Exception {
        Random random = new Random(7);
        int[] specials = {'"', '\\', '/', '\n', '\t', '\r', '\b', '\f', 0, 1, 0x1f, 0x7f, 0x2028, 'é', '滑', 0x20000, 0x1F600};
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                int kind = random.nextInt(4);
                text.appendCodePoint(kind == 0 ? specials[random.nextInt(specials.length)] : kind == 1 ? 0x4e00 + random.nextInt(0x5000)
                        : kind == 2 ? random.nextInt(0x80) : 1 + random.nextInt(0x10fff));
            }
            String s = text.toString().replaceAll("[\\ud800-\\udfff&&[^\\x{10000}-\\x{10ffff}]]", ""); // no lone surrogates: not text in PostgreSQL either
            JsonBytes b = new JsonBytes();
            b.string(s.getBytes(StandardCharsets.UTF_8));
            String json = new String(b.toByteArray(), StandardCharsets.UTF_8);
            assertEquals(jackson(s), json, () -> "for " + s.codePoints().boxed().toList());
            assertEquals(s, new ObjectMapper().readValue(json, String.class));
        }
    }

    @Test
    void a_utc_timestamps_text_becomes_the_instant_iso_instant_writes() throws Exception {
        DataSource ds = TestDatabase.database("json_bytes", false);
        Random random = new Random(11);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(), to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (?::timestamptz AT TIME ZONE 'UTC')::text")) {
            for (int i = 0; i < 600; i++) {
                long micros = switch (i % 4) { // no fraction, whole milliseconds, trailing zeros within the micros, any
                    case 0 -> 0;
                    case 1 -> random.nextInt(1000) * 1000L;
                    case 2 -> random.nextInt(100) * 10L;
                    default -> random.nextInt(1_000_000);
                };
                Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)), micros * 1000);
                ps.setTimestamp(1, Timestamp.from(instant));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    byte[] text = rs.getBytes(1);
                    JsonBytes b = new JsonBytes();
                    b.utcInstant(text);
                    assertEquals("\"" + DateTimeFormatter.ISO_INSTANT.format(instant) + "\"", new String(b.toByteArray(), StandardCharsets.UTF_8),
                            () -> "from " + new String(text, StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void numbers_stay_numbers_and_what_is_no_number_becomes_a_string() {
        for (String n : new String[] {"0", "-12", "9223372036854775807", "1.5", "1e-07", "12.50"}) {
            JsonBytes b = new JsonBytes();
            b.number(n.getBytes(StandardCharsets.US_ASCII));
            assertEquals(n, new String(b.toByteArray(), StandardCharsets.US_ASCII));
        }
        for (String n : new String[] {"NaN", "Infinity", "-Infinity"}) {
            JsonBytes b = new JsonBytes();
            b.number(n.getBytes(StandardCharsets.US_ASCII));
            assertEquals("\"" + n + "\"", new String(b.toByteArray(), StandardCharsets.US_ASCII));
        }
    }

    private static String jackson(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            g.writeString(s);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
