package riskmap.people;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.store.Column;

/**
 * A stored person as one caller may see it: {@code phone} and {@code email} are null when the
 * caller may not read them (anonymous, or outside the caller's personal-data scope).
 */
public record Person(String id, String name, String phone, String email, String unit, List<String> dutyRoles, String tier, String adminCode,
                     String note, Instant updatedAt, int version) {
    /** The phone is personal data: every query reading a person's phone goes through this column and {@code FeatureSql.column}. */
    public static final Column PHONE = Column.personal("phone", "phone of the person (callers whose scope covers the person only)");

    /** The JSON object clients get (the version travels as the ETag). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.putAll(properties());
        m.put("updated_at", updatedAt.toString());
        return m;
    }

    /** The writable fields under their API names, as a PATCH starts from. */
    public Map<String, Object> properties() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("phone", phone);
        m.put("email", email);
        m.put("unit", unit);
        m.put("duty_roles", dutyRoles);
        m.put("tier", tier);
        m.put("admin_code", adminCode);
        m.put("note", note);
        return m;
    }
}
