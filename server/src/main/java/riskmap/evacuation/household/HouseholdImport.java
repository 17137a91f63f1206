package riskmap.evacuation.household;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import riskmap.auth.Caller;
import riskmap.importers.ImportException;
import riskmap.importers.ImportReport;
import riskmap.importers.Importer;

/**
 * Imports the villages' household lists from CSV (UTF-8 or GBK, detected) or Excel .xlsx, headers in Chinese
 * (户主,人数,老弱病残人数,老弱病残说明,联系电话,地址,经度,纬度,行政区划代码,隐患点编号) or in the API's
 * English names. All or nothing: one refused row (named by its line and column) stores none.
 */
final class HouseholdImport {
    /** A village list is short; this many rows are checked in memory. */
    static final int MAX_ROWS = 100_000;
    private static final Map<String, String> CHINESE = Map.of("户主", "head_name", "人数", "members", "老弱病残人数", "vulnerable",
            "老弱病残说明", "vulnerable_note", "联系电话", "phone", "地址", "address", "经度", "lon", "纬度", "lat", "行政区划代码", "admin_code",
            "隐患点编号", "hazard_ids");

    private final HouseholdStore store;

    HouseholdImport(HouseholdStore store) {
        this.store = store;
    }

    /** @param encoding a CSV file's encoding, or null to detect UTF-8 / GBK; @param xlsx the body is an Excel workbook */
    ImportReport run(InputStream body, Charset encoding, boolean xlsx, Caller caller, boolean dryRun) throws IOException, SQLException {
        long t0 = System.nanoTime();
        HouseholdValidator validator = new HouseholdValidator(true);
        List<HouseholdInput> valid = new ArrayList<>();
        List<ImportReport.Refused> refused = new ArrayList<>();
        Set<String> ignored = new LinkedHashSet<>();
        long refusedCount = 0;
        long read = 0;
        try (HouseholdSheet csv = xlsx ? HouseholdSheet.xlsx(body) : HouseholdSheet.csv(body, encoding)) {
            String[] fields = header(csv, ignored);
            for (List<String> cells = csv.next(); cells != null; cells = csv.next()) {
                if (++read > MAX_ROWS) throw new ImportException("the file has more than " + MAX_ROWS + " households; split it into smaller files");
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.length && i < cells.size(); i++) if (fields[i] != null) row.put(fields[i], cells.get(i));
                String reason = cells.size() > fields.length ? "the row has " + cells.size() + " cells but the header names " + fields.length
                        + " columns (a comma inside a value needs \"quotes\")" : null;
                if (reason == null) {
                    try {
                        HouseholdInput in = validator.check(row);
                        if (caller.mayWriteIn(in.adminCode())) valid.add(in);
                        else reason = "admin_code: " + in.adminCode() + " is outside " + caller.scopeName() + ", where this account acts";
                    } catch (HouseholdValidator.Invalid e) {
                        reason = e.detail();
                    }
                }
                if (reason != null) {
                    refusedCount++;
                    if (refused.size() < Importer.LISTED_REFUSALS) refused.add(new ImportReport.Refused(csv.recordLine(), reason));
                }
            }
            // hazard ids are checked by the store inside the one transaction: an unknown one refuses the file
            long stored = !dryRun && refusedCount == 0 ? store.importAll(valid) : 0;
            return new ImportReport("households", csv.format(), csv.source(), dryRun, read, valid.size(), stored, refusedCount, refused,
                    ignored, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The API field of each column (null: not a household field, reported in {@code ignored}). */
    private static String[] header(HouseholdSheet csv, Set<String> ignored) throws IOException {
        List<String> header = csv.next();
        if (header == null) throw new ImportException("the CSV file is empty; its first line must name the columns: " + String.join(",", CHINESE.keySet()));
        String[] fields = new String[header.size()];
        for (int i = 0; i < fields.length; i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            fields[i] = CHINESE.containsKey(h) ? CHINESE.get(h) : HouseholdValidator.FIELDS.contains(h) ? h : null;
            if (fields[i] == null && !h.isEmpty()) ignored.add(h);
        }
        if (!Arrays.asList(fields).contains("head_name")) { // List.of refuses the nulls of ignored columns
            throw new ImportException("the CSV has no 户主 (head_name) column; its columns are " + String.join(", ", header)
                    + " (read as " + csv.source() + (csv.format().equals("csv") ? "; choose another with encoding=)" : ")"));
        }
        return fields;
    }
}
