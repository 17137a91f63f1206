package riskmap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import riskmap.region.RegionLoader;
import riskmap.store.Sql;

/**
 * {@code riskmap regions import FILE}: adds the regions of a china-division CSV (e.g. all 620,000
 * villages of its villages.csv; {@code .gz} too) to the region table, in one transaction. Regions
 * already present stay as they are, so a file may be loaded again.
 */
public final class RegionsCommand implements Command {
    static final String USAGE = "riskmap regions import villages.csv (a china-division CSV: provinces, cities, areas, streets or villages; .csv.gz too)";

    @Override
    public Set<String> valueOptions() {
        return Set.of();
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Args a, DataSource ds, PrintStream out, PrintStream err) throws Exception {
        if (a.positional().size() != 2 || !a.positional().get(0).equals("import")) throw new UsageException(USAGE);
        Path file = Path.of(a.positional().get(1));
        long t0 = System.nanoTime();
        RegionLoader.Result r;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                r = new RegionLoader(c).load(in);
                c.commit();
                c.setAutoCommit(true);
                RegionLoader.afterBulkLoad(c);
            } catch (IllegalArgumentException e) {
                Sql.rollbackKeeping(c, e);
                err.println("riskmap: " + file + ": " + e.getMessage() + "; nothing was stored");
                return 1;
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("no file " + file);
        } catch (IOException e) {
            err.println("riskmap: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        err.printf("regions ← %s (%s): read %d, stored %d, already present %d, without a loaded parent %d in %.1f s%n", file.getFileName(), r.level(),
                r.read(), r.stored(), r.present(), r.orphans(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
