package riskmap.importers;

import java.util.List;
import java.util.Set;

/**
 * What an import did, as the API answers it and the CLI prints it.
 *
 * @param collection    the collection imported into
 * @param format        geojson, csv or gpkg
 * @param source        what was read (encoding, CRS, table)
 * @param dryRun        true: checked only, nothing written
 * @param read          rows read from the input
 * @param valid         rows that passed every check
 * @param stored        rows written (0 for a dry run or a refused import)
 * @param refusedCount  rows refused
 * @param refused       the first refused rows, by row number, with the reason
 * @param ignoredFields input fields that are not in the collection (skipped)
 * @param seconds       wall time
 */
public record ImportReport(String collection, String format, String source, boolean dryRun, long read, long valid, long stored,
                           long refusedCount, List<Refused> refused, Set<String> ignoredFields, double seconds) {

    /** One refused row. */
    public record Refused(long row, String reason) {
    }

    /** A one-paragraph summary for the command line. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(collection).append(" ← ").append(format).append(" (").append(source).append("): read ").append(read)
                .append(", valid ").append(valid).append(", stored ").append(stored).append(", refused ").append(refusedCount)
                .append(String.format(" in %.1f s", seconds));
        if (dryRun) b.append(" — dry run, nothing written");
        else if (refusedCount > 0 && stored == 0) b.append(" — nothing written: fix the rows below or use --skip-invalid");
        if (!ignoredFields.isEmpty()) b.append("\nfields skipped (not in ").append(collection).append("): ").append(String.join(", ", ignoredFields));
        for (Refused r : refused) b.append("\n  row ").append(r.row()).append(": ").append(r.reason());
        if (refusedCount > refused.size()) b.append("\n  … and ").append(refusedCount - refused.size()).append(" more");
        return b.toString();
    }
}
