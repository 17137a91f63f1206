package riskmap.evacuation.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;

/** Checks a whole plan body and names every problem ({@code 400 invalid_plan}); ids are checked against the tables by the store. */
final class PlanValidator {
    private static final Pattern ADMIN_CODE = Pattern.compile("[0-9]{6}([0-9]{3}([0-9]{3})?)?");
    static final List<String> FIELDS = List.of("name", "admin_code", "leader_person_id", "prepare_level", "evacuate_level", "signal",
            "hazard_ids", "zone_ids", "households");

    private PlanValidator() {
    }

    static final class Invalid extends ApiException {
        Invalid(String detail) {
            super(400, "invalid_plan", detail);
        }
    }

    static PlanInput check(JsonNode body) {
        if (body == null || !body.isObject()) throw new Invalid("the body must be a JSON object with " + String.join(", ", FIELDS));
        List<String> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(k -> {
            if (!FIELDS.contains(k) && !k.equals("id")) problems.add(k + ": unknown property; a plan has " + String.join(", ", FIELDS));
        });
        String name = text(body, "name", 200, problems);
        if (name == null) problems.add("name: is required (1 to 200 characters)");
        String adminCode = text(body, "admin_code", 12, problems);
        if (adminCode == null || !ADMIN_CODE.matcher(adminCode).matches()) problems.add("admin_code: must be a GB/T 2260 code of 6, 9 or 12 digits (the plan's village)");
        Integer prepare = level(body, "prepare_level", problems);
        Integer evacuate = level(body, "evacuate_level", problems);
        if (prepare != null && evacuate != null && prepare > evacuate) problems.add("prepare_level: " + prepare + " is above evacuate_level " + evacuate + "; preparing comes first");
        List<String> hazards = ids(body, "hazard_ids", problems);
        List<String> zones = ids(body, "zone_ids", problems);
        List<PlanInput.Member> members = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        JsonNode hh = body.get("households");
        if (hh != null && !hh.isNull() && !hh.isArray()) problems.add("households: must be an array such as [{\"household_id\":\"HH00000001\",\"shelter_id\":null}]");
        else if (hh != null) {
            for (JsonNode m : hh) {
                String id = m.path("household_id").isTextual() ? m.get("household_id").asText() : null;
                if (id == null) problems.add("households: every entry needs a text household_id");
                else if (!seen.add(id)) problems.add("households: " + id + " appears twice");
                else members.add(new PlanInput.Member(id, m.path("shelter_id").isTextual() ? m.get("shelter_id").asText() : null));
            }
        }
        if (!problems.isEmpty()) throw new Invalid(String.join("; ", problems));
        return new PlanInput(name, adminCode, text(body, "leader_person_id", 64, problems), prepare, evacuate, text(body, "signal", 200, problems),
                hazards, zones, members);
    }

    private static String text(JsonNode body, String field, int max, List<String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) return null;
        if (!v.isTextual() || v.asText().codePointCount(0, v.asText().length()) > max) problems.add(field + ": must be text of at most " + max + " characters");
        return v.asText().strip();
    }

    private static Integer level(JsonNode body, String field, List<String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 4) {
            problems.add(field + ": must be a warning level 1 (blue) to 4 (red), or null for by hand only");
            return null;
        }
        return v.asInt();
    }

    private static List<String> ids(JsonNode body, String field, List<String> problems) {
        JsonNode v = body.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) problems.add(field + ": must be an array of ids");
        else v.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }
}
