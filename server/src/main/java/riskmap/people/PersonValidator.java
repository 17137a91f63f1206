package riskmap.people;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import riskmap.domain.ApiException;

/**
 * Checks a whole person and either returns it ready to write or refuses it with every problem
 * named ({@code 400 invalid_person}), for the API and the CSV import alike.
 *
 * <p>Duty roles and tiers are accepted by id or by their Chinese name (村级防汛责任人, 乡镇), so a
 * spreadsheet can be imported as people fill it in; a list of roles may be a JSON array or, as
 * text, separated by commas, 、 or semicolons. A missing tier is implied by the admin code's
 * length. Strict mode (the API) refuses unknown properties; lenient mode (CSV) leaves them to the
 * reader, which reports them once, and takes numbers for text (Excel turns codes into numbers).
 */
public final class PersonValidator {
    static final Pattern ADMIN_CODE = Pattern.compile("[0-9]{6}([0-9]{3}([0-9]{3})?)?");
    /** The same rule as the column's CHECK: one @, no spaces, a dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,，、;；|/]");
    /** The writable properties, in output order. */
    static final List<String> FIELDS = List.of("name", "phone", "email", "unit", "duty_roles", "tier", "admin_code", "note");
    /** What a client may send back as it read it; ignored. */
    private static final Set<String> SERVER_SET = Set.of("id", "updated_at", "version");

    private final List<DutyRole> roles;
    private final boolean lenient;

    public PersonValidator(List<DutyRole> roles, boolean lenient) {
        this.roles = roles;
        this.lenient = lenient;
    }

    /** A refused person: every problem, {@code field: reason; field: reason}. */
    public static final class Invalid extends ApiException {
        public Invalid(String detail) {
            super(400, "invalid_person", detail);
        }
    }

    public PersonInput check(Map<String, Object> properties) {
        List<String> problems = new ArrayList<>();
        if (!lenient) {
            for (String key : properties.keySet()) {
                if (!FIELDS.contains(key) && !SERVER_SET.contains(key)) {
                    problems.add(key + ": unknown property; a person has " + String.join(", ", FIELDS));
                }
            }
        }
        String name = text(properties, "name", 100, true, problems);
        String phone = phone(properties, problems);
        String email = email(properties, problems);
        String unit = text(properties, "unit", 200, false, problems);
        List<String> dutyRoles = dutyRoles(properties.get("duty_roles"), problems);
        String adminCode = adminCode(properties, problems);
        String tier = tier(properties, adminCode, problems);
        String note = text(properties, "note", 1000, false, problems);
        if (!problems.isEmpty()) throw new Invalid(String.join("; ", problems));
        return new PersonInput(name, phone, email, unit, dutyRoles, tier, adminCode, note);
    }

    private String text(Map<String, Object> props, String field, int maxChars, boolean required, List<String> problems) {
        Object v = props.get(field);
        String s = asText(v);
        if (v != null && s == null) {
            problems.add(field + ": must be text (1 to " + maxChars + " characters), got " + describe(v));
            return null;
        }
        if (s == null || s.isEmpty()) {
            if (required) problems.add(field + ": is required (1 to " + maxChars + " characters)");
            return null;
        }
        int chars = s.codePointCount(0, s.length());
        if (chars > maxChars) problems.add(field + ": has " + chars + " characters; at most " + maxChars + " are allowed");
        return s;
    }

    private String phone(Map<String, Object> props, List<String> problems) {
        String written = text(props, "phone", 50, false, problems);
        if (written == null) return null;
        Optional<String> phone = Phone.normalise(written);
        if (phone.isEmpty()) problems.add("phone: '" + written + "' is not a phone number; give " + Phone.EXPECTED);
        return phone.orElse(null);
    }

    private String email(Map<String, Object> props, List<String> problems) {
        String written = text(props, "email", 254, false, problems);
        if (written != null && !EMAIL.matcher(written).matches()) {
            problems.add("email: '" + written + "' is not an e-mail address; give one such as wang.wu@example.cn");
        }
        return written;
    }

    private String adminCode(Map<String, Object> props, List<String> problems) {
        String expected = "a GB/T 2260 code of 6 digits (county) or 9/12 (township/village): the region the person serves";
        Object v = props.get("admin_code");
        String s = asText(v);
        if (s == null || !ADMIN_CODE.matcher(s).matches()) {
            problems.add("admin_code: " + (v == null || "".equals(s) ? "is required: " + expected : "must be " + expected + ", got " + describe(v)));
            return null;
        }
        return s;
    }

    private String tier(Map<String, Object> props, String adminCode, List<String> problems) {
        String s = text(props, "tier", 20, false, problems);
        if (s == null) return adminCode == null ? null : Tier.ofCode(adminCode).id();
        Optional<Tier> t = Tier.parse(s);
        if (t.isEmpty()) problems.add("tier: unknown value '" + s + "'; use one of " + String.join(", ", Tier.ids()) + " (or leave it out: the admin_code's length implies it)");
        return t.map(Tier::id).orElse(null);
    }

    private List<String> dutyRoles(Object v, List<String> problems) {
        List<String> written = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : LIST_SEPARATOR.split(s)) if (!part.isBlank()) written.add(part.strip());
        } else if (v instanceof List<?> list) {
            list.forEach(item -> written.add(String.valueOf(item)));
        } else if (v instanceof JsonNode n && n.isArray()) {
            for (JsonNode item : n) {
                if (!item.isTextual()) {
                    problems.add("duty_roles: must be a list of role ids, got " + n);
                    return List.of();
                }
                written.add(item.textValue().strip());
            }
        } else if (v != null) {
            problems.add("duty_roles: must be a list of role ids such as [\"grid_worker\"], got " + describe(v));
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String w : written) {
            Optional<DutyRole> role = roles.stream().filter(r -> r.id().equals(w) || r.nameZh().equals(w)).findFirst();
            if (role.isPresent()) ids.add(role.get().id());
            else unknown.add("'" + w + "'");
        }
        if (!unknown.isEmpty()) {
            problems.add("duty_roles: unknown role " + String.join(", ", unknown) + "; use any of "
                    + roles.stream().map(r -> r.id() + " (" + r.nameZh() + ")").collect(Collectors.joining(", ")));
        }
        return List.copyOf(ids);
    }

    /** Text stripped; in lenient mode a number as its digits; null for anything else. */
    private String asText(Object v) {
        return v instanceof String t ? t.strip() : lenient && v instanceof Number n ? n.toString() : null;
    }

    private static String describe(Object v) {
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof JsonNode n) return n.isArray() ? "an array" : n.isObject() ? "an object" : n.toString();
        return String.valueOf(v);
    }
}
