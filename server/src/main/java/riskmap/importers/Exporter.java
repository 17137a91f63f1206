package riskmap.importers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import riskmap.geojson.GeoJsonWriter;
import riskmap.auth.Visibility;
import riskmap.store.ExportSql;
import riskmap.store.FeatureCollection;
import riskmap.store.Sql;

/**
 * Writes a collection (or a filtered part of it) as GeoJSON, CSV or GeoPackage, row by row from a
 * database cursor. GeoJSON and CSV go straight to the output; a GeoPackage is an SQLite file, so it
 * is built in a temporary file first and then copied out.
 */
public final class Exporter {
    public static final List<String> FORMATS = List.of("geojson", "csv", "gpkg");

    private final DataSource ds;

    public Exporter(DataSource ds) {
        this.ds = ds;
    }

    /** The media type of each format, for HTTP answers. */
    public static String mediaType(String format) {
        return switch (format) {
            case "geojson" -> "application/geo+json; charset=utf-8";
            case "csv" -> "text/csv; charset=utf-8";
            default -> "application/geopackage+sqlite3";
        };
    }

    /** @return features written */
    public long export(FeatureCollection c, ExportSql.Filter filter, Visibility v, String format, OutputStream out)
            throws IOException, SQLException {
        boolean points = !c.geometryType().equals("MultiPolygon");
        switch (format) {
            case "geojson" -> {
                try (GeoJsonWriter w = new GeoJsonWriter(out)) {
                    w.startCollection();
                    w.startFeatures();
                    Sql.stream(ds, ExportSql.select(c, filter, v, ExportSql.Extra.NONE), w::writeFeature);
                    w.endFeatures();
                    w.json().writeNumberField("numberReturned", w.featuresWritten());
                    w.endCollection();
                    return w.featuresWritten();
                }
            }
            case "csv" -> {
                CsvExportWriter w = new CsvExportWriter(out, c.readableColumns(v.anyPersonal()), points);
                Sql.stream(ds, ExportSql.select(c, filter, v, points ? ExportSql.Extra.LON_LAT : ExportSql.Extra.WKT), w::write);
                w.finish();
                return w.rows();
            }
            case "gpkg" -> {
                Path tmp = Files.createTempFile("riskmap-export", ".gpkg");
                try {
                    Files.delete(tmp); // the library creates the file itself
                    long n;
                    try (GpkgExportWriter w = new GpkgExportWriter(tmp, c, c.readableColumns(v.anyPersonal()))) {
                        Sql.stream(ds, ExportSql.select(c, filter, v, ExportSql.Extra.WKB), w::write);
                        n = w.rows();
                    }
                    Files.copy(tmp, out);
                    out.flush();
                    return n;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            default -> throw new IllegalArgumentException("unknown format " + format + "; use one of " + String.join(", ", FORMATS));
        }
    }
}
