package riskmap.edit;

import java.util.List;

/**
 * One writable attribute of a feature table and the rule its values must follow (api.md §1).
 *
 * @param name     property name, also the table column
 * @param kind     what values are accepted
 * @param required refused when missing or null
 * @param dflt     value stored when missing (null: none)
 * @param min      smallest whole number (INTEGER)
 * @param max      largest whole number (INTEGER) or most characters (TEXT)
 * @param allowed  the accepted words (ENUM)
 */
public record Field(String name, Kind kind, boolean required, Object dflt, long min, long max, List<String> allowed) {
    public enum Kind { TEXT, INTEGER, ENUM, ADMIN_CODE, CATEGORY, PERSON }

    /** Free text of 1 to {@code maxChars} characters. */
    public static Field text(String name, boolean required, int maxChars) {
        return new Field(name, Kind.TEXT, required, null, 1, maxChars, List.of());
    }

    public static Field integer(String name, boolean required, Object dflt, long min, long max) {
        return new Field(name, Kind.INTEGER, required, dflt, min, max, List.of());
    }

    public static Field oneOf(String name, Object dflt, List<String> allowed) {
        return new Field(name, Kind.ENUM, dflt == null, dflt, 0, 0, allowed);
    }

    public static Field adminCode(boolean required) {
        return regionCode("admin_code", required);
    }

    /** A GB/T 2260 code (6, 9 or 12 digits) under another name, e.g. a zone's {@code village_code}. */
    public static Field regionCode(String name, boolean required) {
        return new Field(name, Kind.ADMIN_CODE, required, null, 0, 0, List.of());
    }

    /** {@code responsible_person_id}: the id of a person in /api/people, or empty for no link. */
    public static Field person() {
        return person("responsible_person_id");
    }

    /** Another link to a person in /api/people, e.g. a zone's {@code manager_person_id}. */
    public static Field person(String name) {
        return new Field(name, Kind.PERSON, false, null, 0, 0, List.of());
    }

    public static Field category() {
        return new Field("category", Kind.CATEGORY, true, null, 0, 0, List.of());
    }
}
