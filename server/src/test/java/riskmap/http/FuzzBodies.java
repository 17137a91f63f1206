package riskmap.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import riskmap.auth.Api;

/** Request bodies for {@link FuzzTest}: a valid body for the route, then broken in one of many ways. */
final class FuzzBodies {
    /** A warning the demo data accepts (setUp creates one with it). */
    static final String WARNING = "{\"level\":2,\"category\":\"landslide\",\"headline\":\"模糊测试预警\",\"description\":\"测试\","
            + "\"expires\":\"2030-01-01T00:00:00Z\",\"sender_code\":\"50010100000000\",\"area\":{\"description\":\"万州\",\"circles\":[{\"center\":[108.38,30.81],\"radius_m\":300}]}}";
    private static final String POLYGON = "{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7],[108.5,30.9],[108.3,30.9],[108.3,30.7]]]}";
    private static final String ZONE = "{\"type\":\"Feature\",\"properties\":{\"category\":\"landslide\",\"name\":\"模糊区\",\"risk_level\":2,"
            + "\"admin_code\":\"500101\"},\"geometry\":" + POLYGON + "}";
    private static final String SHELTER = "{\"type\":\"Feature\",\"properties\":{\"name\":\"模糊避难场所\",\"capacity\":100,\"admin_code\":\"500101\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.38,30.81]}}";
    private static final String PERSON = "{\"name\":\"张模糊\",\"phone\":\"13912345678\",\"unit\":\"万州区应急管理局\",\"admin_code\":\"500101\","
            + "\"duty_roles\":[\"village_flood_chief\"]}";
    private static final String ALLOCATE = "{\"households\":[{\"id\":\"H1\",\"lon\":108.38,\"lat\":30.81,\"people\":40},"
            + "{\"id\":\"H2\",\"lon\":108.39,\"lat\":30.80,\"people\":3}],\"shelters\":[{\"id\":\"S1\",\"lon\":108.381,\"lat\":30.811,\"capacity\":20}]}";
    private static final String TRANSITION = "{\"action\":\"order\",\"deadline\":\"2026-12-20T18:00:00+08:00\",\"responsible_person_id\":\"PS000001\"}";
    private static final String CSV = "name,category,risk_level,admin_code,wkt\n模糊滑坡,landslide,2,500101,POINT(108.38 30.81)\n";
    private static final String PEOPLE_CSV = "name,phone,unit,admin_code,duty_roles\n张模糊,13912345678,万州区应急管理局,500101,village_flood_chief\n";
    private static final String CAP = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
            + "<identifier>50010100000000_20261203120000_1</identifier><sender>fuzz</sender><sent>2026-12-03T12:00:00+08:00</sent>"
            + "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><category>Geo</category><event>滑坡</event>"
            + "<urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty><expires>2030-01-01T00:00:00+08:00</expires>"
            + "<area><areaDesc>万州</areaDesc><circle>30.81,108.38 0.5</circle></area></info></alert>";
    /** An inspection as a phone sends it: form fields and a photo, as multipart/form-data. */
    private static final String MULTIPART = part("kind", "", "in_flood") + part("result", "", "normal") + part("lon", "", "108.38")
            + part("lat", "", "30.81") + part("photo", "; filename=\"crack.jpg\"\r\nContent-Type: image/jpeg", "\u00ff\u00d8\u00ff\u00e0 not really a JPEG")
            + "--fuzzb--\r\n";
    /** Geometries GeoJSON or JTS refuse: non-closed and short rings, a bow tie, wrong types and coordinates. */
    private static final List<String> BROKEN_GEOMETRIES = List.of(
            "{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7],[108.5,30.9],[108.3,30.9]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[]}", "{\"type\":\"Polygon\",\"coordinates\":[[]]}",
            "{\"type\":\"Point\",\"coordinates\":[]}", "{\"type\":\"Point\",\"coordinates\":[999,999]}", "{\"type\":\"Point\",\"coordinates\":[\"108\",\"30\"]}",
            "{\"type\":\"Point\",\"coordinates\":[108,30,1,2,3]}", "{\"type\":\"Point\"}", "{\"type\":\"Circle\",\"coordinates\":[108,30]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[]]}", "{\"type\":\"LineString\",\"coordinates\":[[108,30]]}",
            "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"GeometryCollection\",\"geometries\":[]}]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[108.3,30.7],[108.5,30.7],[108.5,30.9],[108.3,30.7]],[[1,1],[2,2],[1,1]]]}",
            "{\"type\":\"Point\",\"coordinates\":[1e999,30]}", "{\"type\":\"Point\",\"coordinates\":[NaN,30]}", "[]", "\"POINT(108 30)\"", "null", "42");
    private static final List<String> NOT_OBJECTS = List.of("null", "[]", "{}", "\"just a string\"", "42", "true", "[{}]", "{\"type\":null}");

    private FuzzBodies() {
    }

    private static String part(String name, String more, String value) {
        return "--fuzzb\r\nContent-Disposition: form-data; name=\"" + name + "\"" + more + "\r\n\r\n" + value + "\r\n";
    }

    /** The Content-Type a well-behaved client sends for the route. */
    static String contentType(String path) {
        if (path.contains("inspections")) return "multipart/form-data; boundary=fuzzb";
        if (path.endsWith("/import") && path.contains("people")) return "text/csv";
        if (path.endsWith("warnings/import")) return "application/cap+xml";
        return path.contains("/ogc/") || path.contains("/hazards") || path.contains("risk_zones") || path.contains("shelters")
                ? "application/geo+json" : "application/json";
    }

    static byte[] draw(Random r, String path) {
        String valid = valid(r, path);
        int kind = r.nextInt(20);
        if (kind < 5) return utf8(valid);
        if (kind < 8 && valid.contains("\"geometry\":")) {
            return utf8(valid.replaceFirst("\"geometry\":\\{.*}}$", "\"geometry\":" + pick(r, BROKEN_GEOMETRIES) + "}"));
        }
        if (kind < 8 && path.endsWith("within")) return utf8(pick(r, BROKEN_GEOMETRIES));
        return switch (kind) {
            case 8 -> utf8(valid.substring(0, r.nextInt(valid.length())));                       // truncated
            case 9 -> utf8("[".repeat(r.nextInt(3000)) + "1" + "]".repeat(r.nextInt(3000)));       // deeply nested
            case 10 -> utf8("{\"a\":".repeat(1200) + "1" + "}".repeat(1200));
            case 11 -> utf8(valid.replaceFirst("\\d+(\\.\\d+)?", pick(r, List.of("1e999", "123456789012345678901234567890123",
                    "1" + "0".repeat(1200), "-0", "0.0000000000000000000000000001", "9223372036854775808"))));  // huge numbers
            case 12 -> utf8(valid.replaceFirst(":\"[^\"]*\"", ":" + pick(r, List.of("[1,{}]", "{\"x\":1}", "12", "true", "null"))));  // wrong types
            case 13 -> withBytes(valid, r.nextInt(valid.length()), new byte[][] {{(byte) 0xFF, (byte) 0xFE}, {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}}[r.nextInt(4)]);
            case 14 -> withBytes(valid, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});   // BOM
            case 15 -> new byte[0];
            case 16 -> utf8(pick(r, NOT_OBJECTS));
            case 17 -> {
                byte[] junk = new byte[r.nextInt(200)];
                r.nextBytes(junk);
                yield junk;
            }
            case 18 -> utf8(valid.replaceFirst(":\"[^\"]*\"", ":\"" + "长".repeat(100_000) + "\""));
            default -> valid.getBytes(StandardCharsets.UTF_16);
        };
    }

    private static String valid(Random r, String path) {
        if (path.contains("inspections")) return MULTIPART;
        if (path.contains("people/import")) return PEOPLE_CSV;
        if (path.contains("people")) return PERSON;
        if (path.contains("warnings/import")) return CAP;
        if (path.contains("transitions")) return TRANSITION;
        if (path.contains("warnings/{id}/targets")) return "{\"answer\":\"received\",\"note\":\"电话确认\"}";
        if (path.contains("warnings/{id}")) return r.nextBoolean() ? "{\"headline\":\"改\"}" : WARNING.replace("\"level\":2", "\"level\":3");
        if (path.contains("warnings")) return WARNING;
        if (path.contains("rectifications")) return "{\"description\":\"裂缝扩大\"}";
        if (path.contains("allocate")) return ALLOCATE;
        if (path.contains("within")) return POLYGON;
        if (path.contains("/ack/")) return "{\"answer\":\"received\"}";
        if (path.endsWith("import")) {
            // "SQLite format 3" and then no GeoPackage: what a client sends when it picks the wrong file
            return List.of(CSV, "{\"type\":\"FeatureCollection\",\"features\":[" + hazard(r) + "]}", "SQLite format 3\u0000" + "\u0010".repeat(90)).get(r.nextInt(3));
        }
        if (path.contains("risk_zones")) return ZONE;
        if (path.contains("shelters")) return SHELTER;
        return List.of(hazard(r), ZONE, SHELTER).get(r.nextInt(3));
    }

    private static String hazard(Random r) {
        return Api.hazard(null, "500101", 1 + r.nextInt(4), 108.3 + r.nextInt(100) / 1000.0, 30.8 + r.nextInt(100) / 1000.0);
    }

    private static byte[] withBytes(String s, int at, byte[] inserted) {
        byte[] b = utf8(s);
        int cut = Math.min(at, b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, cut);
        out.writeBytes(inserted);
        out.write(b, cut, b.length - cut);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
