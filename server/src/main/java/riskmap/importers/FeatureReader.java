package riskmap.importers;

import java.io.IOException;
import java.util.Set;

/** A source of rows read one at a time, so no input ever needs to fit in memory. */
public interface FeatureReader extends AutoCloseable {
    /** The next row, or null at the end. A row that cannot be read at all comes back with a geometry problem. */
    RawRow next() throws IOException;

    /** The format's name for reports: geojson, csv, gpkg. */
    String format();

    /** What the reader learned about the input, e.g. the encoding chosen, for the report; may be empty. */
    default String detail() {
        return "";
    }

    /** Fields of the file that are not in the collection's schema (skipped). */
    Set<String> ignoredFields();

    @Override
    void close() throws IOException;
}
