package riskmap.people;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import riskmap.auth.Caller;
import riskmap.importers.ImportException;
import riskmap.importers.ImportReport;
import riskmap.importers.Importer;

/**
 * Imports a people list from CSV: checks every row as the API checks a person, keeps to the
 * caller's scope, and stores the valid rows in one transaction — or none when a row is refused,
 * unless {@code skipInvalid}. Every refused row is reported with its line number. A dry run
 * checks and stores nothing.
 */
public final class PeopleImport {
    /** People lists are registers, not survey files: this many rows are checked in memory. */
    static final int MAX_ROWS = 100_000;

    private final PeopleStore store;

    public PeopleImport(PeopleStore store) {
        this.store = store;
    }

    /** @param encoding the file's encoding, or null to detect UTF-8 / GBK */
    public ImportReport run(InputStream body, Charset encoding, Caller caller, boolean dryRun, boolean skipInvalid) throws IOException, SQLException {
        long t0 = System.nanoTime();
        PersonValidator validator = new PersonValidator(store.roles(), true);
        List<PersonInput> valid = new ArrayList<>();
        List<ImportReport.Refused> refused = new ArrayList<>();
        long refusedCount = 0;
        long read = 0;
        try (PeopleCsv csv = new PeopleCsv(body, encoding)) {
            for (PeopleCsv.Row row = csv.next(); row != null; row = csv.next()) {
                if (++read > MAX_ROWS) throw new ImportException("the file has more than " + MAX_ROWS + " people; split it into smaller files");
                String reason = row.problem();
                if (reason == null) {
                    try {
                        PersonInput in = validator.check(row.fields());
                        if (caller.mayWriteIn(in.adminCode())) valid.add(in);
                        else reason = "admin_code: " + in.adminCode() + " is outside " + caller.scopeName() + ", where this account acts";
                    } catch (PersonValidator.Invalid e) {
                        reason = e.detail();
                    }
                }
                if (reason != null) {
                    refusedCount++;
                    if (refused.size() < Importer.LISTED_REFUSALS) refused.add(new ImportReport.Refused(row.line(), reason));
                }
            }
            long stored = !dryRun && (refusedCount == 0 || skipInvalid) ? store.importAll(valid, caller.name()) : 0;
            return new ImportReport("people", "csv", csv.charset().name(), dryRun, read, valid.size(), stored, refusedCount, refused,
                    csv.ignoredColumns(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
