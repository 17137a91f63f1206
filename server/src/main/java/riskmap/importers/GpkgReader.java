package riskmap.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import riskmap.edit.FeatureSchema;

/**
 * Reads the features of one table of a GeoPackage (the one named, else the only or first feature
 * table) through the NGA GeoPackage library. The table's spatial reference system gives the SRID
 * (EPSG codes; a GeoPackage-local one without an EPSG code is refused). Geometries arrive as WKB and
 * are read with JTS. Row numbers count features in table order from 1.
 */
public final class GpkgReader implements FeatureReader {
    private final GeoPackage gpkg;
    private final FeatureResultSet rows;
    private final String geometryColumn;
    private final String table;
    private final int srid;
    private final long total;
    private final Set<String> ignored = new LinkedHashSet<>();
    private long row;

    public GpkgReader(Path file, FeatureSchema schema, String tableName) {
        try {
            gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw notGeoPackage(e);
        }
        try {
            List<String> tables = gpkg.getFeatureTables();
            if (tables.isEmpty()) throw new ImportException("the GeoPackage has no feature table");
            if (tableName != null && !tables.contains(tableName)) {
                throw new ImportException("the GeoPackage has no feature table '" + tableName + "'; it has " + String.join(", ", tables));
            }
            table = tableName != null ? tableName : tables.contains(schema.id()) ? schema.id() : tables.get(0);
            FeatureDao dao = gpkg.getFeatureDao(table);
            SpatialReferenceSystem srs = dao.getSrs();
            if (srs == null || !"EPSG".equalsIgnoreCase(srs.getOrganization())) {
                throw new ImportException("table " + table + " has a spatial reference system without an EPSG code; reproject it (e.g. ogr2ogr -t_srs EPSG:4326)");
            }
            srid = (int) srs.getOrganizationCoordsysId();
            geometryColumn = dao.getGeometryColumnName();
            total = dao.count();
            rows = dao.queryForAll();
            for (String c : dao.getTable().getColumnNames()) {
                String n = c.toLowerCase(Locale.ROOT);
                if (!c.equals(geometryColumn) && !n.equals("id") && !n.equals(dao.getPkColumnName().toLowerCase(Locale.ROOT))
                        && schema.field(n).isEmpty() && !FeatureSchema.SERVER_SET.contains(n)) {
                    ignored.add(c);
                }
            }
        } catch (ImportException e) {
            gpkg.close();
            throw e;
        } catch (RuntimeException e) {
            // an SQLite file without the GeoPackage tables, or a cut-off one ("no such table: gpkg_contents")
            gpkg.close();
            throw notGeoPackage(e);
        }
    }

    /** NGA's and SQLite's failures on a whole file, told as what the client sent and what to send. */
    private static ImportException notGeoPackage(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String why = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
        return new ImportException("the file is not a GeoPackage (" + why + "); send a complete .gpkg file"
                + " (e.g. ogr2ogr -f GPKG out.gpkg in.shp), or CSV/GeoJSON with format=csv or format=geojson");
    }

    /** Features in the table, for the progress bar. */
    public long total() {
        return total;
    }

    @Override
    public RawRow next() throws IOException {
        boolean more;
        try {
            more = rows.moveToNext();
        } catch (RuntimeException e) {
            throw notGeoPackage(e);
        }
        if (!more) return null;
        row++;
        FeatureRow r;
        try {
            r = rows.getRow();
        } catch (RuntimeException e) {
            // NGA parses the geometry blob while it reads the row ("Unexpected GeoPackage Geometry magic
            // number", "No more remaining bytes to read"); the other columns are plain SQLite values
            return new RawRow(row, null, Map.of(), null, "its geometry cannot be read: the blob is not a GeoPackage geometry ("
                    + e.getMessage() + "); fix or delete the feature");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        Object id = null;
        String[] names = r.getColumnNames();
        for (int i = 0; i < names.length; i++) {
            if (i == r.getPkColumnIndex() || names[i].equals(geometryColumn)) continue;
            String n = names[i].toLowerCase(Locale.ROOT);
            Object v = r.getValue(i);
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) v = d.longValue();
            if (v instanceof Integer n32) v = n32.longValue();
            if (n.equals("id")) id = v;
            else props.put(n, v);
        }
        GeoPackageGeometryData data = r.getGeometry();
        if (data == null || data.getWkb() == null || data.isEmpty()) return new RawRow(row, id, props, null, "the feature has no geometry");
        try {
            Geometry g = new WKBReader().read(data.getWkb());
            g.setSRID(srid);
            return new RawRow(row, id, props, g, null);
        } catch (ParseException e) {
            return new RawRow(row, id, props, null, "its geometry cannot be read (" + e.getMessage() + ")");
        }
    }

    @Override
    public String format() {
        return "gpkg";
    }

    @Override
    public String detail() {
        return "table " + table + ", EPSG:" + srid;
    }

    @Override
    public Set<String> ignoredFields() {
        return ignored;
    }

    @Override
    public void close() {
        rows.close();
        gpkg.close();
    }
}
