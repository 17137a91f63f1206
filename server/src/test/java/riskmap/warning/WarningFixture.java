package riskmap.warning;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Tokens;
import riskmap.store.TokenStore;

/**
 * Known people and hazards in Wanzhou (500101) and Fuling (500102), with the expected targets of
 * an area computed here from the fixture's own links and codes, not by the code under test.
 *
 * <p>Township A is 余家镇 (500101145) with village 五一社区 (500101145006); township B is 小周镇
 * (500101109) with village 马褡村 (500101109200).
 */
final class WarningFixture {
    static final String VILLAGE_A = "500101145006";
    static final String TOWNSHIP_A = "500101145";
    static final String VILLAGE_B = "500101109200";
    static final String TOWNSHIP_B = "500101109";
    static final String COUNTY = "500101";
    static final String FULING = "500102";

    /** id → admin code of each person. */
    static final Map<String, String> PEOPLE = new LinkedHashMap<>();
    static {
        PEOPLE.put("PS900001", VILLAGE_A);   // responsible for HP900001 and HP900002 (two points: one target)
        PEOPLE.put("PS900002", TOWNSHIP_A);  // responsible for the zone RZ900001
        PEOPLE.put("PS900003", COUNTY);      // county duty
        PEOPLE.put("PS900004", VILLAGE_B);   // responsible for HP900003, HP900005
        PEOPLE.put("PS900005", TOWNSHIP_B);
        PEOPLE.put("PS900006", FULING);      // responsible for HP900004 in Fuling
        PEOPLE.put("PS900007", "500101145007"); // another village of township A, no hazards
    }

    /** A hazard: id, lon, lat, admin code, responsible person. */
    record Hazard(String id, double lon, double lat, String adminCode, String personId) {
    }

    static final List<Hazard> POINTS = List.of(
            new Hazard("HP900001", 108.30, 30.80, VILLAGE_A, "PS900001"),
            new Hazard("HP900002", 108.31, 30.81, VILLAGE_A, "PS900001"),
            new Hazard("HP900003", 108.50, 30.70, VILLAGE_B, "PS900004"),
            new Hazard("HP900004", 107.40, 29.70, FULING, "PS900006"),
            // 1.5 km north of HP900003: outside a 1 km circle around it, inside a 2 km one
            new Hazard("HP900005", 108.50, 30.70 + 1500 / 110_850.0, VILLAGE_B, "PS900004"));
    /** The zone: a small square around (108.305, 30.805), coded to township A. */
    static final Hazard ZONE = new Hazard("RZ900001", 108.305, 30.805, TOWNSHIP_A, "PS900002");
    static final double ZONE_HALF = 0.002;

    /** A polygon box [108.28,30.78]–[108.33,30.83]: HP900001, HP900002 and the zone. */
    static final double[] BOX_A = {108.28, 30.78, 108.33, 30.83};

    private WarningFixture() {
    }

    static void load(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            int n = 0;
            for (var p : PEOPLE.entrySet()) {
                String tier = switch (p.getValue().length()) {
                    case 6 -> "county";
                    case 9 -> "township";
                    default -> "village";
                };
                n++;
                st.execute("INSERT INTO person (id, name, phone, unit, duty_roles, tier, admin_code) VALUES ('" + p.getKey() + "', '责任人" + n
                        + "', '1380000" + String.format("%04d", n) + "', '测试单位', '{warning_officer}', '" + tier + "', '" + p.getValue() + "')");
            }
            for (Hazard h : POINTS) {
                st.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, responsible_person_id, geom) VALUES ('" + h.id()
                        + "', 'landslide', '测试点 " + h.id() + "', 3, '" + h.adminCode() + "', '" + h.personId() + "', ST_SetSRID(ST_MakePoint(" + h.lon() + ", " + h.lat() + "), 4326))");
            }
            st.execute("INSERT INTO risk_zone (id, name, category, risk_level, admin_code, responsible_person_id, geom) VALUES ('" + ZONE.id()
                    + "', '测试风险区', 'landslide', 2, '" + ZONE.adminCode() + "', '" + ZONE.personId() + "', ST_Multi(ST_MakeEnvelope("
                    + (ZONE.lon() - ZONE_HALF) + ", " + (ZONE.lat() - ZONE_HALF) + ", " + (ZONE.lon() + ZONE_HALF) + ", " + (ZONE.lat() + ZONE_HALF) + ", 4326)))");
        }
    }

    /** A token with exactly {@code actions} in {@code region} (null: the whole country). */
    static String token(DataSource ds, String name, String region, Action... actions) throws Exception {
        String t = Tokens.newToken();
        new TokenStore(ds).create(name, null, Set.of(actions), region, t);
        return t;
    }

    /**
     * The expected targets: person → hazards, by the documented rule — each hazard's linked person;
     * for every hazard, the people whose admin code its code starts with; for region codes, the
     * people inside the regions and those whose code the region's starts with.
     */
    static Map<String, Set<String>> expectedTargets(List<Hazard> inside, List<String> regionCodes) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Hazard h : inside) {
            out.computeIfAbsent(h.personId(), k -> new TreeSet<>()).add(h.id());
            PEOPLE.forEach((id, code) -> {
                if (h.adminCode().startsWith(code)) out.computeIfAbsent(id, k -> new TreeSet<>()).add(h.id());
            });
        }
        for (String r : regionCodes) {
            PEOPLE.forEach((id, code) -> {
                if (code.startsWith(r) || r.startsWith(code)) out.computeIfAbsent(id, k -> new TreeSet<>());
            });
        }
        return out;
    }

    /** The fixture's hazards (points and the zone) inside a lon/lat box, by their coordinates. */
    static List<Hazard> insideBox(double[] box) {
        List<Hazard> out = new ArrayList<>();
        for (Hazard h : POINTS) if (h.lon() >= box[0] && h.lon() <= box[2] && h.lat() >= box[1] && h.lat() <= box[3]) out.add(h);
        if (ZONE.lon() + ZONE_HALF >= box[0] && ZONE.lon() - ZONE_HALF <= box[2] && ZONE.lat() + ZONE_HALF >= box[1] && ZONE.lat() - ZONE_HALF <= box[3]) out.add(ZONE);
        return out;
    }

    static String box(double[] b) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + b[0] + "," + b[1] + "],[" + b[2] + "," + b[1] + "],[" + b[2] + "," + b[3] + "],[" + b[0] + "," + b[3] + "],[" + b[0] + "," + b[1] + "]]]}";
    }

    /** A warning body with {@code area} (the JSON of the area object) and the given level. */
    static String warning(String area, int level) {
        return "{\"level\":" + level + ",\"category\":\"landslide\",\"headline\":\"万州区余家镇地质灾害橙色预警\",\"description\":\"受强降雨影响，余家镇发生滑坡的风险很高。\","
                + "\"instruction\":\"请立即组织危险区群众转移。\",\"effective\":\"2026-01-01T08:00:00+08:00\",\"expires\":\"2099-01-01T08:00:00+08:00\",\"area\":" + area + "}";
    }

    static String polygonArea(double[] b) {
        return "{\"description\":\"余家镇测试区\",\"polygons\":[" + box(b) + "]}";
    }

    static String circleArea(double lon, double lat, double radiusM) {
        return "{\"description\":\"小周镇测试圆\",\"circles\":[{\"center\":[" + lon + "," + lat + "],\"radius_m\":" + radiusM + "}]}";
    }

    static String codesArea(String... codes) {
        return "{\"description\":\"测试区划\",\"region_codes\":[" + String.join(",", java.util.Arrays.stream(codes).map(c -> "\"" + c + "\"").toList()) + "]}";
    }
}
