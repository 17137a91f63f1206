package riskmap.edit;

import java.util.List;
import java.util.Optional;
import riskmap.store.Collections;
import riskmap.store.FeatureCollection;

/**
 * The writable form of a feature table: its fields in column order, its geometry kind, and how
 * the database numbers new features (so imported ids of the same pattern move the sequence on).
 *
 * @param collection   the collection as the read side knows it
 * @param fields       writable attributes ({@code updated_at} and {@code version} are the server's)
 * @param areas        true: Polygon/MultiPolygon stored as MultiPolygon; false: Point
 * @param idPrefix     prefix of server-made ids, e.g. {@code HP}
 * @param idDigits     digits after the prefix
 * @param sequence     the sequence behind server-made ids
 */
public record FeatureSchema(FeatureCollection collection, List<Field> fields, boolean areas,
                            String idPrefix, int idDigits, String sequence) {

    public static final List<String> STATUSES = List.of("active", "monitoring", "rectifying", "rectified", "closed");

    /** Hazard points (api.md §1). */
    public static final FeatureSchema HAZARDS = new FeatureSchema(Collections.HAZARDS, List.of(
            Field.category(),
            Field.text("name", true, 200),
            Field.integer("risk_level", true, null, 1, 4),
            Field.oneOf("status", "active", STATUSES),
            Field.adminCode(true),
            Field.text("county", false, 200),
            Field.text("township", false, 200),
            Field.text("village", false, 200),
            Field.integer("threatened_people", false, 0, 0, Integer.MAX_VALUE),
            Field.text("responsible_person", false, 200),
            Field.text("responsible_unit", false, 200),
            Field.text("responsible_phone", false, 50),
            Field.person()), false, "HP", 8, "hazard_point_seq");

    /** Risk zones (api.md §1) with the attributes of the dual-control sources (V27): village, threatened, manager, patroller, signal. */
    public static final FeatureSchema RISK_ZONES = new FeatureSchema(Collections.RISK_ZONES, List.of(
            Field.text("name", true, 200),
            Field.category(),
            Field.integer("risk_level", true, null, 1, 4),
            Field.adminCode(false),
            Field.person(),
            Field.text("village", false, 200),
            Field.regionCode("village_code", false),
            Field.integer("threatened_households", false, null, 0, Integer.MAX_VALUE),
            Field.integer("threatened_people", false, null, 0, Integer.MAX_VALUE),
            Field.person("manager_person_id"),
            Field.person("patroller_person_id"),
            Field.text("warning_signal", false, 100)), true, "RZ", 6, "risk_zone_seq");

    public static final FeatureSchema SHELTERS = new FeatureSchema(Collections.SHELTERS, List.of(
            Field.text("name", true, 200),
            Field.integer("capacity", true, null, 0, Integer.MAX_VALUE),
            Field.text("shelter_type", false, 200),
            Field.text("address", false, 500),
            Field.adminCode(false),
            Field.person()), false, "SH", 6, "shelter_seq");

    public static final List<FeatureSchema> ALL = List.of(HAZARDS, RISK_ZONES, SHELTERS);

    /** Read-only properties a client may send back unchanged (they are ignored). */
    public static final List<String> SERVER_SET = List.of("updated_at", "version");

    public static Optional<FeatureSchema> byId(String collectionId) {
        return ALL.stream().filter(s -> s.id().equals(collectionId)).findFirst();
    }

    public String id() {
        return collection.id();
    }

    public String table() {
        return collection.table();
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The fields that link to a person ({@link Field.Kind#PERSON}): the database checks that the person exists. */
    public List<Field> personLinks() {
        return fields.stream().filter(f -> f.kind() == Field.Kind.PERSON).toList();
    }

    public String geometryDescription() {
        return areas ? "a Polygon or MultiPolygon" : "a Point";
    }
}
