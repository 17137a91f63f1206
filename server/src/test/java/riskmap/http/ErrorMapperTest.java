package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    @Test
    void aServerShuttingDownCountsAsTheDatabaseAway() {
        for (String state : new String[] {"08006", "57P01", "57P02", "57P03"}) {
            assertTrue(ErrorMapper.isDatabaseDown(new RuntimeException(new SQLException("x", state))), state);
        }
        assertFalse(ErrorMapper.isDatabaseDown(new SQLException("syntax", "42601")));
        assertFalse(ErrorMapper.isDatabaseDown(new SQLException("query cancelled", "57014")));
    }

    @Test
    void anUnknownOrIllegalCharsetIsTheClientsMistake() {
        assertEquals(415, ClientInputFailures.of(new IllegalStateException(new UnsupportedCharsetException("ebcdic")), "/").orElseThrow().status());
        assertEquals(415, ClientInputFailures.of(new IllegalCharsetNameException("\\'"), "/").orElseThrow().status());
        assertTrue(ClientInputFailures.of(new IllegalStateException("other"), "/").isEmpty());
        assertTrue(ClientInputFailures.of(new IllegalArgumentException("not from URLDecoder"), "/").isEmpty());
    }
}
