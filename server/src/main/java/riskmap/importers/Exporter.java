package riskmap.importers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import riskmap.geojson.GeoJsonWriter;
import riskmap.auth.Visibility;
import riskmap.store.ExportSql;
import riskmap.store.FeatureCollection;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;
import riskmap.store.Column;

/**
 * Writes a collection (or a filtered part of it) as GeoJSON, CSV, KML, FlatGeobuf, GeoPackage or a
 * zipped Shapefile. GeoJSON, CSV, KML and FlatGeobuf go straight to the output row by row from a database cursor; a
 * GeoPackage is an SQLite file and a Shapefile's headers hold its length, so those are built in
 * temporary files first and then copied out.
 */
public final class Exporter {
    public static final List<String> FORMATS = List.of("geojson", "csv", "fgb", "gpkg", "shp");

    private final DataSource ds;

    public Exporter(DataSource ds) {
        this.ds = ds;
    }

    /** The media type of each format, for HTTP answers. */
    public static String mediaType(String format) {
        return switch (format) {
            case "geojson" -> "application/geo+json; charset=utf-8";
            case "csv" -> "text/csv; charset=utf-8";
            case "kml" -> "application/vnd.google-earth.kml+xml; charset=utf-8";
            case "fgb" -> "application/flatgeobuf";
            case "shp" -> "application/zip";
            default -> "application/geopackage+sqlite3";
        };
    }

    /** The file name extension of each format: a Shapefile comes as a zip of its five files. */
    public static String extension(String format) {
        return format.equals("shp") ? "zip" : format;
    }

    /** @return features written */
    public long export(FeatureCollection c, ExportSql.Filter filter, Visibility v, String format, OutputStream out)
            throws IOException, SQLException {
        return write(c, c.readableColumns(v.anyPersonal()), format, extra -> ExportSql.select(c, filter, v, extra), out);
    }

    /**
     * Writes the rows {@code rows} selects as {@code format} (one of {@link #FORMATS}, or kml): {@code rows} is asked for the hidden columns the format needs; the attributes written
     * are {@code columns}, which the rows must carry under their own names.
     *
     * @return features written
     */
    public long write(FeatureCollection c, List<Column> columns, String format, Function<ExportSql.Extra, SqlFragment> rows, OutputStream out)
            throws IOException, SQLException {
        boolean points = !c.geometryType().equals("MultiPolygon");
        switch (format) {
            case "geojson" -> {
                try (GeoJsonWriter w = new GeoJsonWriter(out)) {
                    w.startCollection();
                    w.startFeatures();
                    Sql.stream(ds, rows.apply(ExportSql.Extra.NONE), w::writeFeature);
                    w.endFeatures();
                    w.json().writeNumberField("numberReturned", w.featuresWritten());
                    w.endCollection();
                    return w.featuresWritten();
                }
            }
            case "csv" -> {
                return streamed(new CsvExportWriter(out, columns, points), rows.apply(points ? ExportSql.Extra.LON_LAT : ExportSql.Extra.WKT));
            }
            case "kml" -> {
                return streamed(new KmlExportWriter(out, c, columns), rows.apply(ExportSql.Extra.KML));
            }
            case "fgb" -> {
                return streamed(new FlatGeobufExportWriter(out, c, columns), rows.apply(ExportSql.Extra.WKB));
            }
            case "gpkg" -> {
                Path tmp = Files.createTempFile("riskmap-export", ".gpkg");
                try {
                    Files.delete(tmp); // the library creates the file itself
                    long n;
                    try (GpkgExportWriter w = new GpkgExportWriter(tmp, c, columns)) {
                        Sql.stream(ds, rows.apply(ExportSql.Extra.WKB), w::write);
                        n = w.rows();
                    }
                    Files.copy(tmp, out);
                    out.flush();
                    return n;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            case "shp" -> {
                try (ShapefileExportWriter w = new ShapefileExportWriter(c, columns)) {
                    Sql.stream(ds, rows.apply(ExportSql.Extra.WKB), w::write);
                    w.finish(out);
                    return w.rows();
                }
            }
            default -> throw new IllegalArgumentException("unknown format " + format + "; use one of " + String.join(", ", FORMATS) + ", kml");
        }
    }

    private long streamed(RowWriter w, SqlFragment rows) throws IOException, SQLException {
        Sql.stream(ds, rows, w::write);
        w.finish();
        return w.rows();
    }
}
