package riskmap.edit;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * A feature that passed validation, ready to be written.
 *
 * @param id       the id the writer chose, or null to let the database number it
 * @param values   every field of the schema, in schema order (null where empty)
 * @param geometry the geometry, with its SRID (4326 unless an import says otherwise)
 */
public record FeatureInput(String id, Map<String, Object> values, Geometry geometry) {

    public String adminCode() {
        Object v = values.get("admin_code");
        return v == null ? null : v.toString();
    }
}
