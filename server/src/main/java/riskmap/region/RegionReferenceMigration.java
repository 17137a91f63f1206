package riskmap.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 6.1: fills {@code region} (created by V6, keyed and indexed by V6_2) from the china-division files the jar
 * carries under {@code riskmap/reference/china-division/} (see data/reference/china-division/README.md):
 * every province, city, county and township, and the villages of the demo counties.
 *
 * <p>The checksum covers the files, so a database migrated with other reference data fails
 * Flyway's validation instead of silently disagreeing: new codes come as a new migration.
 */
public final class RegionReferenceMigration implements JavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(RegionReferenceMigration.class);
    private static final String DIR = "riskmap/reference/china-division/";

    /** Top down, so each level's parents are in place when it is loaded; each file's header names its level. */
    private static final List<String> FILES = List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv.gz", "villages-demo.csv.gz");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.1");
    }

    @Override
    public String getDescription() {
        return "region reference data (china-division 2.7.0)";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        for (String file : FILES) {
            try (InputStream in = open(file)) {
                crc.update(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        long t0 = System.nanoTime();
        long rows = 0;
        RegionLoader loader = new RegionLoader(context.getConnection());
        for (String file : FILES) {
            try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(open(file), 1 << 16) : open(file)) {
                rows += loader.load(in).stored();
            }
        }
        LOG.info("loaded {} regions in {} ms", rows, (System.nanoTime() - t0) / 1_000_000);
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = RegionReferenceMigration.class.getClassLoader().getResourceAsStream(DIR + file);
        if (in == null) throw new IOException("the jar lacks " + DIR + file + " (built without data/reference?)");
        return in;
    }
}
