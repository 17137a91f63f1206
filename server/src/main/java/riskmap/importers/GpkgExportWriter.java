package riskmap.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryType;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;

/**
 * A GeoPackage with one feature table named after the collection, in EPSG:4326, written through
 * the NGA library: {@code fid} primary key, {@code geom} (POINT or MULTIPOLYGON), {@code id} and
 * the attributes (whole numbers as INTEGER, times as RFC 3339 TEXT). Rows are committed every
 * 10,000 so SQLite is not asked to hold one huge transaction.
 */
final class GpkgExportWriter implements AutoCloseable {
    private static final int COMMIT_EVERY = 10_000;
    private final GeoPackage gpkg;
    private final FeatureDao dao;
    private final List<Column> columns;
    private long rows;

    GpkgExportWriter(Path file, FeatureCollection c, List<Column> columns) {
        this.columns = columns;
        GeoPackageManager.create(file.toFile());
        gpkg = GeoPackageManager.open(file.toFile());
        GeometryColumns gc = new GeometryColumns();
        gc.setId(new TableColumnKey(c.id(), "geom"));
        gc.setGeometryType(c.geometryType().equals("MultiPolygon") ? GeometryType.MULTIPOLYGON : GeometryType.POINT);
        gc.setZ((byte) 0);
        gc.setM((byte) 0);
        gc.setSrsId(4326);
        List<FeatureColumn> cols = new ArrayList<>();
        cols.add(FeatureColumn.createColumn("id", GeoPackageDataType.TEXT, true));
        for (Column col : columns) {
            cols.add(FeatureColumn.createColumn(col.name(), col.type() == Column.Type.INTEGER ? GeoPackageDataType.INTEGER : GeoPackageDataType.TEXT));
        }
        gpkg.createFeatureTable(FeatureTableMetadata.create(gc, "fid", cols));
        dao = gpkg.getFeatureDao(gc);
        gpkg.beginTransaction();
    }

    void write(ResultSet rs) throws SQLException, IOException {
        FeatureRow row = dao.newRow();
        row.setValue("id", rs.getString("id"));
        for (Column c : columns) row.setValue(c.name(), c.type() == Column.Type.INTEGER ? AttributeValues.integer(rs, c) : AttributeValues.text(rs, c));
        row.setGeometry(GeoPackageGeometryData.createFromWkbAndBuildEnvelope(4326, rs.getBytes("_wkb")));
        dao.insert(row);
        if (++rows % COMMIT_EVERY == 0) gpkg.endAndBeginTransaction();
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            gpkg.endTransaction(true);
        } finally {
            gpkg.close();
        }
    }
}
