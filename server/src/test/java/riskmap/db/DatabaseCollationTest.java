package riskmap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/** The database riskmap creates in its private cluster orders text by its UTF-8 bytes, which PostgreSQL compares without a locale. */
class DatabaseCollationTest {
    private final DataSource ds = TestDatabase.database("collation", false);

    @Test
    void the_database_is_created_with_the_byte_order_collation() {
        assertEquals(List.of("C"), TestDatabase.ids(ds, "SELECT datcollate FROM pg_database WHERE datname = current_database()"));
    }

    @Test
    void text_sorts_as_its_utf8_bytes_do() {
        // a language collation would put 'a-2' between 'a_1' and 'B', and case-fold 'b' next to 'B'
        List<String> words = List.of("隐患", "b", "a-2", "B", "a_1", "Z9", "é", "A10", "a.1", "滑坡", "𠀀");
        String values = words.stream().map(w -> "('" + w + "')").collect(Collectors.joining(", "));
        List<String> byBytes = words.stream().sorted((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8))).toList();
        assertEquals(byBytes, TestDatabase.ids(ds, "SELECT w FROM (VALUES " + values + ") v(w) ORDER BY w"));
    }
}
