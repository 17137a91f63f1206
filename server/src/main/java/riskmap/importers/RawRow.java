package riskmap.importers;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One row of an input file, as read, before validation.
 *
 * @param row             its number for messages: feature number in GeoJSON and GeoPackage, line number in CSV (header = 1)
 * @param id              the id the file gives, or null
 * @param properties      attribute values (String, Number, Boolean or null)
 * @param geometry        the geometry with its SRID, or null
 * @param geometryProblem why the geometry could not be read, or null
 */
public record RawRow(long row, Object id, Map<String, Object> properties, Geometry geometry, String geometryProblem) {
}
