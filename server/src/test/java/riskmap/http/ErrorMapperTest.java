package riskmap.http;

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
        assertTrue(ErrorMapper.isUnsupportedCharset(new IllegalStateException(new UnsupportedCharsetException("ebcdic"))));
        assertTrue(ErrorMapper.isUnsupportedCharset(new IllegalCharsetNameException("\\'")));
        assertFalse(ErrorMapper.isUnsupportedCharset(new IllegalStateException("other")));
    }
}
