package riskmap.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.auth.Visibility;
import riskmap.TestDatabase;
import riskmap.TestFiles;
import riskmap.edit.FeatureSchema;
import riskmap.store.CategoryStore;
import riskmap.store.ExportSql;
import riskmap.store.ImportStore;

/**
 * The demo seeds exported to GeoPackage and to GeoJSON, each imported into an empty database: both
 * hold the same features as the seeded one, compared column by column in SQL (updated_at and
 * version are the server's own, set anew by an import).
 */
class RoundTripTest {

    /** A digest of every stored value of a table, in id order; geometry to 7 decimals (about 1 cm), as GeoJSON export writes it. */
    private static String fingerprint(DataSource ds, FeatureSchema s) {
        String cols = String.join(", ", s.fields().stream().map(f -> "coalesce(" + f.name() + "::text, '∅')").toList());
        return TestDatabase.ids(ds, "SELECT count(*) || ':' || md5(string_agg(concat_ws('|', id, " + cols + ", ST_AsGeoJSON(geom, 7)),"
                + " E'\\n' ORDER BY id)) FROM " + s.table()).get(0);
    }

    /** The features link to people (responsible_person_id), so the people go first, ids and all. */
    private static void copyPeople(DataSource from, DataSource to) throws Exception {
        try (Connection src = from.getConnection(); Statement read = src.createStatement();
             ResultSet rs = read.executeQuery("SELECT id, name, phone, unit, duty_roles, tier, admin_code, note FROM person");
             Connection dst = to.getConnection();
             PreparedStatement insert = dst.prepareStatement("INSERT INTO person (id, name, phone, unit, duty_roles, tier, admin_code, note)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                for (int i = 1; i <= 8; i++) insert.setObject(i, rs.getObject(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void roundTrip(String format) throws Exception {
        DataSource seeded = TestDatabase.seeded();
        DataSource empty = riskmap.auth.Api.database();
        TestDatabase.emptyFeatureTables(empty);
        copyPeople(seeded, empty);
        Path dir = Files.createTempDirectory("riskmap-roundtrip");
        try {
            for (FeatureSchema s : FeatureSchema.ALL) {
                Path file = dir.resolve(s.id() + "." + format);
                try (OutputStream out = Files.newOutputStream(file)) {
                    new Exporter(seeded).export(s.collection(), ExportSql.Filter.NONE, Visibility.EVERYTHING, format, out);
                }
                Importer importer = new Importer(new ImportStore(empty), new CategoryStore(empty).ids());
                Importer.Options o = new Importer.Options(false, false, "roundtrip", code -> true, "");
                ImportReport report;
                if (format.equals("gpkg")) {
                    try (GpkgReader r = new GpkgReader(file, s, null)) {
                        report = importer.run(s, r, o, Importer.Progress.NONE);
                    }
                } else {
                    try (InputStream in = Files.newInputStream(file); GeoJsonReader r = new GeoJsonReader(in, s, 4326)) {
                        report = importer.run(s, r, o, Importer.Progress.NONE);
                    }
                }
                assertEquals(0, report.refusedCount(), report.summary());
                assertTrue(report.stored() > 0, s.id() + " has seeds");
                assertEquals(fingerprint(seeded, s), fingerprint(empty, s), s.id() + " via " + format);
            }
        } finally {
            TestFiles.deleteRecursively(dir);
        }
        assertEquals(List.of("hazards", "risk_zones", "shelters"),
                TestDatabase.ids(empty, "SELECT collection FROM change_history WHERE action = 'import' ORDER BY id"));
    }

    @Test
    void seeds_exported_to_geopackage_import_into_an_empty_database_unchanged() throws Exception {
        roundTrip("gpkg");
    }

    @Test
    void seeds_exported_to_geojson_import_into_an_empty_database_unchanged() throws Exception {
        roundTrip("geojson");
    }
}
