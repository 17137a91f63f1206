package riskmap.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.importers.Exporter;
import riskmap.store.Collections;
import riskmap.store.ExportSql;
import riskmap.store.FeatureCollection;

/**
 * {@code riskmap export --collection hazards [--format geojson|csv|fgb|gpkg|shp] FILE} ({@code -} for standard
 * output). The command line runs with database access, so it exports personal data
 * (responsible_phone) too: treat the file accordingly.
 */
public final class ExportCommand implements Command {
    static final String USAGE = "riskmap export --collection hazards|landslide|flood|forest_fire|risk_zones|shelters [--format geojson|csv|fgb|gpkg|shp] FILE";

    @Override
    public Set<String> valueOptions() {
        return Set.of("collection", "format");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Args a, DataSource ds, PrintStream out, PrintStream err) throws Exception {
        if (a.positional().size() != 1) throw new UsageException("give one output file (or - for standard output): " + USAGE);
        String collection = a.required("collection", USAGE);
        FeatureCollection c = Collections.byId(collection).orElseThrow(() -> new UsageException("unknown collection '" + collection + "'; " + USAGE));
        String target = a.positional().get(0);
        String format = a.value("format") != null ? a.value("format") : ImportCommand.formatOf(Path.of(target));
        if (!Exporter.FORMATS.contains(format)) throw new UsageException("--format must be one of " + String.join(", ", Exporter.FORMATS) + ", got '" + format + "'");
        long t0 = System.nanoTime();
        long n;
        if (target.equals("-")) {
            n = new Exporter(ds).export(c, ExportSql.Filter.NONE, Visibility.EVERYTHING, format, out);
            out.flush();
        } else {
            Path file = Path.of(target);
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                n = new Exporter(ds).export(c, ExportSql.Filter.NONE, Visibility.EVERYTHING, format, o);
            }
        }
        err.printf("exported %,d %s features as %s to %s in %.1f s%n", n, c.id(), format, target, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
