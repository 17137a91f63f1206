package riskmap.importers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import riskmap.edit.FeatureInput;
import riskmap.edit.FeatureSchema;
import riskmap.edit.FeatureValidator;
import riskmap.store.ImportStore;

/**
 * Runs one import: reads rows, checks each like an API write (lenient about text numbers), loads
 * the valid ones in one transaction, and reports every refused row with its reason.
 *
 * <p>A refused row refuses the whole import unless {@code skipInvalid}: then the others are stored.
 * A dry run does every check, including the database's, and rolls back.
 */
public final class Importer {
    /** Refused rows listed in a report; the count covers all of them. */
    public static final int LISTED_REFUSALS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportStore store;
    private final List<String> categories;

    public Importer(ImportStore store, List<String> categories) {
        this.store = store;
        this.categories = categories;
    }

    /**
     * @param mayWrite  the region rule of the caller: true when a row's admin code may be written
     * @param actor     who imports, for the change history
     * @param progress  told the number of rows read so far, now and then
     */
    public record Options(boolean dryRun, boolean skipInvalid, String actor, Predicate<String> mayWrite, String regionNote) {
    }

    /** Told how many rows have been read; called often, so implementations should be cheap. */
    @FunctionalInterface
    public interface Progress {
        void rows(long read);

        Progress NONE = read -> { };
    }

    public ImportReport run(FeatureSchema s, FeatureReader reader, Options o, Progress progress) throws IOException, SQLException {
        long t0 = System.nanoTime();
        FeatureValidator validator = new FeatureValidator(s, categories, true);
        List<ImportReport.Refused> refused = new ArrayList<>();
        long refusedCount = 0;
        long read = 0;
        long valid;
        long stored = 0;
        try (ImportStore.Session db = store.begin(s, !o.dryRun())) {
            java.util.Set<Integer> checkedSrids = new java.util.HashSet<>(List.of(4326));
            for (RawRow r = reader.next(); r != null; r = reader.next()) {
                read++;
                if ((read & 1023) == 0) progress.rows(read);
                String reason;
                try {
                    FeatureInput in = validator.check(r.id(), r.properties(), r.geometry(), r.geometryProblem());
                    int srid = in.geometry().getSRID();
                    if (checkedSrids.add(srid) && !store.knowsSrid(srid)) {
                        throw new ImportException("EPSG:" + srid + " is not a CRS PostGIS knows; reproject the file or name its CRS");
                    }
                    if (!o.mayWrite().test(in.adminCode())) {
                        reason = "admin_code: " + (in.adminCode() == null ? "empty" : in.adminCode()) + " is outside " + o.regionNote();
                    } else {
                        db.add(r.row(), in);
                        continue;
                    }
                } catch (FeatureValidator.Invalid e) {
                    reason = e.detail();
                }
                refusedCount++;
                if (refused.size() < LISTED_REFUSALS) refused.add(new ImportReport.Refused(r.row(), reason));
            }
            progress.rows(read);
            long[] dbCount = {0};
            for (ImportStore.Refusal f : db.checkInDatabase(LISTED_REFUSALS, dbCount)) refused.add(new ImportReport.Refused(f.row(), f.reason()));
            refusedCount += dbCount[0];
            valid = read - refusedCount;
            refused.sort(Comparator.comparingLong(ImportReport.Refused::row));
            if (refused.size() > LISTED_REFUSALS) refused = new ArrayList<>(refused.subList(0, LISTED_REFUSALS));
            if (!o.dryRun() && (refusedCount == 0 || o.skipInvalid())) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("format", reader.format());
                summary.put("source", reader.detail());
                summary.put("read", read);
                summary.put("refused", refusedCount);
                stored = db.commit(o.actor(), JSON.writeValueAsString(summary));
            }
        }
        return new ImportReport(s.id(), reader.format(), reader.detail(), o.dryRun(), read, valid, stored, refusedCount, refused,
                reader.ignoredFields(), (System.nanoTime() - t0) / 1e9);
    }
}
