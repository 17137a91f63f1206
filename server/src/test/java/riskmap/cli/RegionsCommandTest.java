package riskmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import riskmap.TestDatabase;

/** {@code riskmap regions import FILE}: more villages for the region table, from a china-division CSV. */
class RegionsCommandTest {
    private static final String HEADER = "code,name,streetCode,provinceCode,cityCode,areaCode\n";
    private static DataSource ds;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        ds = TestDatabase.database("regions_import", false);
    }

    private record Run(int code, String err) {
    }

    private Run regionsImport(String csv) throws Exception {
        Path file = dir.resolve("villages.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        RegionsCommand c = new RegionsCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = c.run(Args.parse(new String[] {"import", file.toString()}, c.valueOptions(), c.flagOptions()), ds,
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    private static long villages() {
        return TestDatabase.count(ds, "SELECT count(*) FROM region WHERE level = 5");
    }

    @Test
    void new_villages_are_added_under_their_township_and_present_ones_kept() throws Exception {
        String present = TestDatabase.ids(ds, "SELECT code || ',\"' || name || '\",' || parent_code || ',50,5001,500101' FROM region"
                + " WHERE code LIKE '500101%' AND level = 5 ORDER BY code LIMIT 1").get(0);
        String csv = HEADER
                + "110101001001,\"多福巷社区居委会\",110101001,11,1101,110101\n"
                + "110101001002,\"银闸社区居委会\",110101001,11,1101,110101\n"
                + present + "\n"
                + "999999999001,\"无主村\",999999999,99,9999,999999\n";
        long before = villages();
        Run r = regionsImport(csv);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("(village): read 4, stored 2, already present 1, without a loaded parent 1"), r.err());
        assertEquals(before + 2, villages());
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM region WHERE code = '110101001002' AND name = '银闸社区居委会'"
                + " AND parent_code = '110101001' AND level = 5"));

        Run again = regionsImport(csv);
        assertTrue(again.err().contains("read 4, stored 0, already present 3, without a loaded parent 1"), again.err());
        assertEquals(before + 2, villages());
    }

    @Test
    void a_malformed_line_refuses_the_whole_file() throws Exception {
        long before = villages();
        Run r = regionsImport(HEADER + "110101001003,\"新村\",110101001,11,1101,110101\n11010100100,\"短码村\",110101001,11,1101,110101\n");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 3: '11010100100' is not a village code of 12 digits; nothing was stored"), r.err());
        assertEquals(before, villages());
    }

    @Test
    void a_file_that_is_not_china_division_is_refused() throws Exception {
        Run r = regionsImport("id,lon,lat\n1,108,30\n");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 1 must be a china-division header"), r.err());
    }
}
