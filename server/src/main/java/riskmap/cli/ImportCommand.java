package riskmap.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import riskmap.edit.FeatureSchema;
import riskmap.importers.CsvReader;
import riskmap.importers.FeatureReader;
import riskmap.importers.GeoJsonReader;
import riskmap.importers.GpkgReader;
import riskmap.importers.ImportReport;
import riskmap.importers.Importer;
import riskmap.importers.TextEncoding;
import riskmap.store.CategoryStore;
import riskmap.store.ImportStore;

/**
 * {@code riskmap import FILE --collection hazards|risk_zones|shelters [--format geojson|csv|gpkg]
 * [--dry-run] [--skip-invalid] [--encoding GBK] [--srid 4490] [--table NAME]}.
 *
 * <p>The format follows the file's extension unless named. The history records the import as
 * {@code cli:<user>}. Exit code 0 when rows were stored (or a dry run passed), 1 when rows were
 * refused and nothing was written.
 */
public final class ImportCommand implements Command {
    static final String USAGE = "riskmap import FILE --collection hazards|risk_zones|shelters [--format geojson|csv|gpkg] [--dry-run] [--skip-invalid] [--encoding GBK] [--srid 4490]";

    @Override
    public Set<String> valueOptions() {
        return Set.of("collection", "format", "encoding", "srid", "table");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("dry-run", "skip-invalid");
    }

    @Override
    public int run(Args a, DataSource ds, PrintStream out, PrintStream err) throws Exception {
        if (a.positional().size() != 1) throw new UsageException("give one file to import: " + USAGE);
        Path file = Path.of(a.positional().get(0));
        if (!Files.isReadable(file)) throw new UsageException("cannot read " + file);
        String collection = a.required("collection", "hazards, risk_zones or shelters");
        FeatureSchema s = FeatureSchema.byId(collection)
                .orElseThrow(() -> new UsageException("--collection must be hazards, risk_zones or shelters, got '" + collection + "'"));
        String format = a.value("format") != null ? a.value("format") : formatOf(file);
        int srid = a.value("srid") == null ? 4326 : srid(a.value("srid"));
        Importer.Options o = new Importer.Options(a.flag("dry-run"), a.flag("skip-invalid"), "cli:" + System.getProperty("user.name"),
                code -> true, "");
        Importer importer = new Importer(new ImportStore(ds), new CategoryStore(ds).ids());
        long[] rowsRead = {0};
        InputStream raw = null;
        FeatureReader reader;
        ProgressBar bar;
        try {
            switch (format) {
                case "geojson", "csv" -> {
                    ProgressBar.CountingInputStream counted = new ProgressBar.CountingInputStream(Files.newInputStream(file));
                    raw = counted;
                    reader = format.equals("csv")
                            ? new CsvReader(counted, s, a.value("encoding") == null ? null : TextEncoding.named(a.value("encoding")), srid)
                            : new GeoJsonReader(counted, s, srid);
                    bar = new ProgressBar(err, counted::count, Files.size(file));
                }
                case "gpkg" -> {
                    GpkgReader g = new GpkgReader(file, s, a.value("table"));
                    reader = g;
                    bar = new ProgressBar(err, () -> rowsRead[0], g.total());
                }
                default -> throw new UsageException("--format must be geojson, csv or gpkg, got '" + format + "'");
            }
            ImportReport report;
            try (FeatureReader r = reader) {
                report = importer.run(s, r, o, n -> {
                    rowsRead[0] = n;
                    bar.rows(n);
                });
            }
            bar.finish();
            out.println(report.summary());
            return report.refusedCount() > 0 && report.stored() == 0 && !report.dryRun() ? 1 : 0;
        } finally {
            if (raw != null) raw.close();
        }
    }

    static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".geojson") || n.endsWith(".json")) return "geojson";
        if (n.endsWith(".csv") || n.endsWith(".txt")) return "csv";
        if (n.endsWith(".gpkg")) return "gpkg";
        throw new UsageException("cannot tell the format of " + file.getFileName() + " from its name; give --format geojson, csv or gpkg");
    }

    private static int srid(String v) {
        if (!v.matches("[0-9]{4,6}")) throw new UsageException("--srid must be an EPSG code such as 4490 or 3857, got '" + v + "'");
        return Integer.parseInt(v);
    }
}
