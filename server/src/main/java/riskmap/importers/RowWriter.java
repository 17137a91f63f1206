package riskmap.importers;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A file format written straight to the output as export rows arrive (CSV, KML, FlatGeobuf). */
interface RowWriter {
    void write(ResultSet rs) throws SQLException, IOException;

    /** Writes what follows the last row and flushes. */
    void finish() throws IOException;

    /** Rows written so far. */
    long rows();
}
