package riskmap.evacuation;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import riskmap.domain.ApiException;
import riskmap.evacuation.allocation.Allocation;
import riskmap.evacuation.allocation.Demand;
import riskmap.evacuation.allocation.ShelterAllocator;
import riskmap.evacuation.allocation.Supply;
import riskmap.evacuation.allocation.Unplaced;
import riskmap.http.Auth;
import riskmap.http.Json;

/**
 * {@code POST /api/evacuation/allocate} (往哪转): households to shelters by the exact min-cost max-flow of
 * {@link ShelterAllocator}. Shelters come from the body, or when it has none from the stored shelters the
 * caller may read near the households. A read: it writes nothing and reveals no personal data.
 */
public final class AllocateHandler {
    /** Per request; the allocator's memory and time grow with households (times its candidates), not with all pairs. */
    static final int MAX_HOUSEHOLDS = 200_000;
    static final int MAX_SHELTERS = 20_000;
    private static final String SPLIT = "; split the request by area";
    private static final String EXPECTED = "{\"households\":[{\"id\":\"H1\",\"lon\":116.40,\"lat\":39.90,\"people\":3}],"
            + "\"shelters\":[{\"id\":\"S1\",\"lon\":116.41,\"lat\":39.90,\"capacity\":100}]}";
    private final StoredShelters stored;

    public AllocateHandler(StoredShelters stored) {
        this.stored = stored;
    }

    public void allocate(Context ctx) throws Exception {
        JsonNode body = Json.readBody(ctx.body(), EXPECTED);
        if (!body.isObject()) throw ApiException.badRequest("invalid_json", "the body must be a JSON object such as " + EXPECTED);
        List<Demand> households = households(body.get("households"));
        boolean fromBody = body.hasNonNull("shelters");
        List<Supply> shelters = fromBody ? shelters(body.get("shelters")) : stored.near(households, Auth.visibility(ctx));
        if (shelters.size() > MAX_SHELTERS) {
            throw tooLarge(shelters.size() + " stored shelters lie near these households; at most " + MAX_SHELTERS + " per request" + SPLIT);
        }
        ctx.json(answer(ShelterAllocator.allocate(households, shelters), fromBody ? "request" : "stored", shelters));
    }

    private static List<Demand> households(JsonNode array) {
        List<JsonNode> items = items(array, "households", "invalid_household", MAX_HOUSEHOLDS);
        if (items.isEmpty()) throw ApiException.badRequest("invalid_household", "'households' is empty; give at least one, e.g. " + EXPECTED);
        List<Demand> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = new Item(items.get(i), "household", i, "invalid_household", ids);
            out.add(new Demand(it.id, it.lon, it.lat, it.count("people", 1)));
        }
        return out;
    }

    private static List<Supply> shelters(JsonNode array) {
        List<Supply> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<JsonNode> items = items(array, "shelters", "invalid_shelter", MAX_SHELTERS);
        for (int i = 0; i < items.size(); i++) {
            Item it = new Item(items.get(i), "shelter", i, "invalid_shelter", ids);
            out.add(new Supply(it.id, it.lon, it.lat, it.count("capacity", 0)));
        }
        return out;
    }

    private static ApiException tooLarge(String detail) {
        return new ApiException(413, "allocation_too_large", detail);
    }

    private static List<JsonNode> items(JsonNode array, String name, String code, int max) {
        if (array == null || !array.isArray()) throw ApiException.badRequest(code, "'" + name + "' must be an array, e.g. " + EXPECTED);
        if (array.size() > max) throw tooLarge("'" + name + "' has " + array.size() + " entries; at most " + max + " per request" + SPLIT);
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** One household or shelter object: an id unique in its list, lon and lat in WGS84 degrees. */
    private static final class Item {
        final JsonNode node;
        final String what, code, id;
        final double lon, lat;

        Item(JsonNode node, String kind, int index, String code, Set<String> ids) {
            this.node = node;
            this.code = code;
            JsonNode idNode = node.get("id");
            if (!node.isObject() || idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
                throw ApiException.badRequest(code, kind + " #" + (index + 1) + " needs a text \"id\", e.g. " + EXPECTED);
            }
            id = idNode.asText();
            what = kind + " " + id;
            if (!ids.add(id)) throw ApiException.badRequest(code, what + " appears twice; give each " + kind + " its own id");
            lon = degrees("lon", 180);
            lat = degrees("lat", 90);
        }

        private double degrees(String field, double limit) {
            JsonNode v = node.get(field);
            if (v == null || !v.isNumber() || Math.abs(v.asDouble()) > limit) {
                throw ApiException.badRequest(code, what + " needs \"" + field + "\" as a number in [-" + (int) limit + ", " + (int) limit + "] (WGS84 degrees)");
            }
            return v.asDouble();
        }

        int count(String field, int min) {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
                throw ApiException.badRequest(code, what + " has \"" + field + "\": " + v + "; give a whole number of at least " + min);
            }
            return v.asInt();
        }
    }

    /** The shelters that take anyone, with where they are and their load against capacity (the map draws them). */
    private static List<Map<String, Object>> used(Allocation a, List<Supply> shelters) {
        Map<String, Integer> load = new LinkedHashMap<>();
        a.assignments().forEach(x -> load.merge(x.supplyId(), x.people(), Integer::sum));
        return shelters.stream().filter(s -> load.containsKey(s.id())).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("lon", s.lon());
            m.put("lat", s.lat());
            m.put("capacity", s.capacity());
            m.put("placed", load.get(s.id()));
            return m;
        }).toList();
    }

    private static Map<String, Object> answer(Allocation a, String source, List<Supply> shelters) {
        List<Map<String, Object>> assignments = a.assignments().stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("household", x.demandId());
            m.put("shelter", x.supplyId());
            m.put("people", x.people());
            m.put("distance_m", Math.round(x.distanceM() * 10) / 10.0);
            return m;
        }).toList();
        List<Map<String, Object>> unplaced = a.unplaced().stream()
                .map(u -> Map.<String, Object>of("household", u.demandId(), "people", u.people())).toList();
        int unplacedPeople = a.unplaced().stream().mapToInt(Unplaced::people).sum();
        int placedPeople = a.assignments().stream().mapToInt(x -> x.people()).sum();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assignments", assignments);
        body.put("unplaced", unplaced);
        body.put("total_person_metres", Math.round(a.totalPersonMetres() * 10) / 10.0);
        body.put("split_households", a.splitHouseholds());
        body.put("optimal", a.optimal());
        body.put("rounds", a.rounds());
        body.put("candidate_pairs", a.candidatePairs());
        body.put("placed_people", placedPeople);
        body.put("unplaced_people", unplacedPeople);
        body.put("shelters_source", source);
        body.put("shelters_considered", shelters.size());
        body.put("shelters", used(a, shelters));
        return body;
    }
}
