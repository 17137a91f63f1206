package riskmap.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import riskmap.store.CopyText;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/**
 * Loads china-division CSV files ({@code code,name,<parent codes>…}, UTF-8, one header line whose
 * column count gives the level) into {@code region} with one COPY per file; load the levels top
 * down. Each row's parent and name bigrams ({@link RegionGrams}) are worked out here, the parents
 * known from the files loaded before or from the table, so the database only appends rows (an
 * INSERT … SELECT joining each row to its parent took twice as long). Rows already in the table
 * are left as they are; rows whose parent is unknown are skipped; both are counted.
 *
 * <p>Runs on the caller's connection, inside the caller's transaction.
 */
public final class RegionLoader {
    private final Connection c;
    /** The codes of every level {@link #known} holds: the parents rows may have. */
    private final Set<String> codes = new HashSet<>();
    private final Set<RegionLevel> known = new HashSet<>();

    public RegionLoader(Connection c) {
        this.c = c;
    }

    /** The file's level; rows in it, rows newly stored, rows skipped because their parent is not loaded. */
    public record Result(RegionLevel level, long read, long stored, long orphans) {
        /** Rows that were in the table already. */
        public long present() {
            return read - stored - orphans;
        }
    }

    /**
     * The level of a china-division CSV from its header: {@code code,name} for provinces and one
     * more parent-code column for each level below, six columns for villages; null for another file.
     */
    public static RegionLevel levelOfHeader(String header) {
        String[] columns = header.strip().split(",");
        boolean shaped = columns.length >= 2 && columns.length <= RegionLevel.village.number() + 1
                && columns[0].equals("code") && columns[1].equals("name");
        return shaped ? RegionLevel.ofNumber(columns.length - 1) : null;
    }

    /**
     * Loads one file, of the level its header names. A malformed line throws
     * IllegalArgumentException with its line number; roll the transaction back to store none of the file.
     */
    public Result load(InputStream csv) throws SQLException, IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16);
        String header = in.readLine();
        RegionLevel level = header == null ? null : levelOfHeader(header.replace("\uFEFF", ""));
        if (level == null) {
            throw new IllegalArgumentException("line 1 must be a china-division header, code,name followed by 0 to 4 parent codes"
                    + " (e.g. code,name,streetCode,provinceCode,cityCode,areaCode for villages), got '" + header + "'");
        }
        RegionLevel parentLevel = level.parent();
        if (parentLevel != null && !known.contains(parentLevel)) codes.addAll(codesInTable(parentLevel));
        Set<String> present = codesInTable(level);
        long read = 0;
        long stored = 0;
        long orphans = 0;
        long lineNumber = 1;
        try (OutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), RegionSql.COPY, 1 << 16)) {
            StringBuilder row = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) continue;
                read++;
                String[] codeAndName = codeAndName(line, lineNumber);
                String code = codeAndName[0];
                if (code.length() != level.codeLength() || !code.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    throw new IllegalArgumentException("line " + lineNumber + ": '" + code + "' is not a " + level + " code of " + level.codeLength() + " digits");
                }
                String parent = parentLevel == null ? null : code.substring(0, parentLevel.codeLength());
                if (parent != null && !codes.contains(parent)) {
                    orphans++;
                    continue;
                }
                codes.add(code);
                if (present.contains(code)) continue;
                row.setLength(0);
                row.append(code).append('\t');
                CopyText.append(row, parent);
                row.append('\t').append(level.number()).append('\t');
                CopyText.append(row, codeAndName[1]);
                row.append('\t').append(RegionGrams.literal(codeAndName[1])).append('\n');
                copy.write(row.toString().getBytes(StandardCharsets.UTF_8));
                stored++;
            }
        }
        known.add(level);
        return new Result(level, read, stored, orphans);
    }

    /** Makes rows loaded into a table that already had its indexes as quick to search as the rest (after the load's commit). */
    public static void afterBulkLoad(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : RegionSql.AFTER_BULK_LOAD) st.execute(sql);
        }
    }

    private Set<String> codesInTable(RegionLevel level) throws SQLException, IOException {
        Set<String> inTable = new HashSet<>();
        Sql.query(c, SqlFragment.of("SELECT code FROM region WHERE level = ?", level.number()), rs -> inTable.add(rs.getString(1)));
        return inTable;
    }

    /** The first two fields of a CSV line: the code, then the name, which may be quoted ({@code ""} for a quote). */
    static String[] codeAndName(String line, long lineNumber) {
        int comma = line.indexOf(',');
        if (comma < 0) throw new IllegalArgumentException("line " + lineNumber + ": expected code,name,…, got '" + line + "'");
        String code = line.substring(0, comma).strip();
        int i = comma + 1;
        StringBuilder name = new StringBuilder();
        if (i < line.length() && line.charAt(i) == '"') {
            for (i++; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else if (ch == '"') {
                    break;
                } else {
                    name.append(ch);
                }
            }
        } else {
            int end = line.indexOf(',', i);
            name.append(line, i, end < 0 ? line.length() : end);
        }
        String n = name.toString().strip();
        if (n.isEmpty()) throw new IllegalArgumentException("line " + lineNumber + ": region " + code + " has no name");
        return new String[] {code, n};
    }
}
