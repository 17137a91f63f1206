package riskmap.warning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import riskmap.http.Json;

/**
 * Reads a CAP 1.2 message into the JSON fields {@link WarningValidator} checks and the metadata
 * it keeps ({@link WarningStore.Received}): the inverse of {@link CapXml}.
 *
 * <p>Status {@code Draft} becomes a draft here; Actual, Exercise and Test an issued warning with
 * its own identifier, sender and sent. The level comes from the severity; the category from the
 * {@code riskmap:category} event code, else from CAP's category (Geo → landslide, Met → flood,
 * Fire → forest_fire). Update and Cancel must reference messages that are here (by identifier).
 * The first {@code <info>} in Chinese (zh…) is read, else the first; every {@code <area>} of it
 * counts (descriptions joined with 、); geocodes other than {@code GB/T 2260} are ignored.
 */
final class CapReader {
    private static final Pattern OWN_IDENTIFIER = Pattern.compile("([0-9]{14})_[0-9]{14}_[0-9]");
    private static final Map<String, String> CATEGORY_OF_CAP = Map.of("Geo", "landslide", "Met", "flood", "Fire", "forest_fire");

    /** The fields and metadata of one message. */
    record Message(String msgType, ObjectNode fields, String identifier, String sender, Instant sent, boolean issued, List<String> referencedIdentifiers) {
    }

    private CapReader() {
    }

    static Message read(byte[] xml) {
        XmlElement alert = XmlElement.parse(xml);
        if (!alert.name().equals("alert") || !CapXml.NAMESPACE.equals(alert.namespace())) {
            throw XmlElement.malformed("the root element is {" + alert.namespace() + "}" + alert.name()
                    + "; a CAP 1.2 message is <alert xmlns=\"" + CapXml.NAMESPACE + "\">");
        }
        String identifier = required(alert, "identifier");
        String sender = required(alert, "sender");
        Instant sent = time(required(alert, "sent"), "sent");
        String status = required(alert, "status");
        String msgType = required(alert, "msgType");
        required(alert, "scope");
        if (!List.of("Actual", "Exercise", "Test", "Draft").contains(status)) {
            throw XmlElement.malformed("<status>" + status + "</status> cannot be imported; riskmap takes Actual, Exercise, Test (issued) or Draft (a draft)");
        }
        if (!List.of("Alert", "Update", "Cancel").contains(msgType)) {
            throw XmlElement.malformed("<msgType>" + msgType + "</msgType> cannot be imported; riskmap takes Alert, Update and Cancel");
        }
        List<String> refs = references(alert.text("references"));
        if (!msgType.equals("Alert") && refs.isEmpty()) {
            throw XmlElement.malformed("an " + msgType + " must reference the message it changes: add <references>sender,identifier,sent</references>");
        }
        if (msgType.equals("Alert") && !refs.isEmpty()) {
            throw XmlElement.malformed("an Alert references nothing; a message that changes an earlier one is an Update or a Cancel");
        }
        XmlElement info = info(alert);
        boolean draft = status.equals("Draft");
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("status", draft ? "Actual" : status);
        String severity = required(info, "severity");
        f.put("level", WarningLevel.ofSeverity(severity).map(WarningLevel::number).orElseThrow(() -> XmlElement.malformed(
                "<severity>" + severity + "</severity> has no warning level; use Minor (蓝 1), Moderate (黄 2), Severe (橙 3) or Extreme (红 4)")));
        f.put("category", category(info));
        String event = required(info, "event");
        f.put("event", event);
        f.put("urgency", required(info, "urgency"));
        f.put("certainty", required(info, "certainty"));
        String headline = Optional.ofNullable(info.text("headline")).orElse(event);
        f.put("headline", headline);
        f.put("description", Optional.ofNullable(info.text("description")).orElse(headline));
        putIfPresent(f, "instruction", info.text("instruction"));
        f.put("effective", Optional.ofNullable(info.text("effective")).orElse(alert.text("sent")));
        putIfPresent(f, "expires", info.text("expires"));
        f.put("sender_name", Optional.ofNullable(info.text("senderName")).orElse(sender));
        Matcher own = OWN_IDENTIFIER.matcher(identifier);
        if (own.matches()) f.put("sender_code", own.group(1));
        f.set("area", area(info));
        return new Message(msgType, f, draft ? null : identifier, sender, sent, !draft, refs);
    }

    private static XmlElement info(XmlElement alert) {
        List<XmlElement> infos = alert.all("info");
        if (infos.isEmpty()) throw XmlElement.malformed("the alert has no <info>; riskmap needs one with event, urgency, severity, certainty and an area");
        return infos.stream().filter(i -> Optional.ofNullable(i.text("language")).orElse("en-US").startsWith("zh")).findFirst().orElse(infos.get(0));
    }

    private static String category(XmlElement info) {
        for (XmlElement code : info.all("eventCode")) {
            if (CapXml.CATEGORY_CODE.equals(code.text("valueName")) && code.text("value") != null) return code.text("value");
        }
        for (XmlElement c : info.all("category")) {
            String mapped = CATEGORY_OF_CAP.get(c.text());
            if (mapped != null) return mapped;
        }
        throw XmlElement.malformed("no riskmap category: add <eventCode><valueName>" + CapXml.CATEGORY_CODE
                + "</valueName><value>landslide</value></eventCode>, or use the CAP category Geo, Met or Fire");
    }

    private static ObjectNode area(XmlElement info) {
        List<XmlElement> areas = info.all("area");
        if (areas.isEmpty()) throw XmlElement.malformed("the <info> has no <area>; give one with areaDesc and polygons, circles or GB/T 2260 geocodes");
        ObjectNode a = Json.MAPPER.createObjectNode();
        List<String> descriptions = new ArrayList<>();
        ArrayNode polygons = a.putArray("polygons");
        ArrayNode circles = a.putArray("circles");
        ArrayNode codes = a.putArray("region_codes");
        for (XmlElement area : areas) {
            descriptions.add(required(area, "areaDesc"));
            for (XmlElement p : area.all("polygon")) polygons.add(polygon(p.text()));
            for (XmlElement c : area.all("circle")) circles.add(circle(c.text()));
            for (XmlElement g : area.all("geocode")) {
                if (CapXml.REGION_CODE.equals(g.text("valueName")) && g.text("value") != null) codes.add(g.text("value"));
            }
        }
        a.put("description", String.join("、", descriptions));
        return a;
    }

    /** "lat,lon lat,lon …" → a GeoJSON Polygon. */
    private static ObjectNode polygon(String text) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("type", "Polygon");
        ArrayNode ring = p.putArray("coordinates").addArray();
        for (String pair : text.trim().split("\\s+")) {
            BigDecimal[] latLon = pair(pair, "<polygon>");
            ring.addArray().add(latLon[1]).add(latLon[0]);
        }
        return p;
    }

    /** "lat,lon radius_km" → {"center":[lon,lat],"radius_m":…}. */
    private static ObjectNode circle(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) throw XmlElement.malformed("<circle>" + text + "</circle> is not 'lat,lon radius_km', e.g. 30.81,108.38 5");
        BigDecimal[] latLon = pair(parts[0], "<circle>");
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putArray("center").add(latLon[1]).add(latLon[0]);
        c.put("radius_m", number(parts[1], "<circle>").movePointRight(3));
        return c;
    }

    private static BigDecimal[] pair(String pair, String where) {
        String[] latLon = pair.split(",");
        if (latLon.length != 2) throw XmlElement.malformed(where + ": '" + pair + "' is not a 'lat,lon' pair (WGS84 degrees, latitude first)");
        return new BigDecimal[] {number(latLon[0], where), number(latLon[1], where)};
    }

    private static BigDecimal number(String s, String where) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw XmlElement.malformed(where + ": '" + s + "' is not a number");
        }
    }

    /** The identifiers named in "sender,identifier,sent sender,identifier,sent …". */
    private static List<String> references(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String ref : text.trim().split("\\s+")) {
            String[] parts = ref.split(",");
            if (parts.length != 3) throw XmlElement.malformed("<references>: '" + ref + "' is not 'sender,identifier,sent'");
            out.add(parts[1]);
        }
        return out;
    }

    private static String required(XmlElement parent, String name) {
        String t = parent.text(name);
        if (t == null) throw XmlElement.malformed("<" + parent.name() + "> has no <" + name + ">, which CAP 1.2 requires");
        return t;
    }

    private static Instant time(String text, String name) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw XmlElement.malformed("<" + name + ">" + text + "</" + name + "> is not a CAP time such as 2026-07-01T20:00:00+08:00");
        }
    }

    private static void putIfPresent(ObjectNode f, String field, String value) {
        if (value != null) f.put(field, value);
    }
}
