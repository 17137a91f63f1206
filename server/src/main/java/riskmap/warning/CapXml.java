package riskmap.warning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import riskmap.http.Json;

/**
 * A warning as a CAP 1.2 message (OASIS Common Alerting Protocol,
 * {@code urn:oasis:names:tc:emergency:cap:1.2}), elements in the schema's order.
 *
 * <p>One {@code <info>} in zh-CN and one {@code <area>} holding every polygon ({@code "lat,lon …"},
 * closed), circle ({@code "lat,lon radius_km"}) and region code ({@code <geocode>} with valueName
 * {@code GB/T 2260}). The riskmap category travels as an {@code <eventCode>} (valueName
 * {@code riskmap:category}) and the level as the severity, so {@link CapReader} gets both back.
 * A draft has no identifier yet: it is written with status {@code Draft} and the identifier
 * {@code riskmap-draft-<id>}. Times are written in Beijing time, whole seconds, as the schema's
 * dateTime pattern asks (an offset, never {@code Z}).
 */
public final class CapXml {
    public static final String MEDIA_TYPE = "application/cap+xml";
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    public static final String CATEGORY_CODE = "riskmap:category";
    public static final String REGION_CODE = "GB/T 2260";
    public static final String DRAFT_PREFIX = "riskmap-draft-";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(WarningIdentifier.BEIJING);
    /** riskmap's categories in CAP's category list; any other is {@code Other}. */
    static final Map<String, String> CAP_CATEGORY = Map.of("landslide", "Geo", "debris_flow", "Geo", "collapse", "Geo",
            "earthquake", "Geo", "flood", "Met", "waterlogging", "Met", "forest_fire", "Fire");

    private CapXml() {
    }

    public static byte[] write(Warning w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("alert");
            x.writeDefaultNamespace(NAMESPACE);
            element(x, "identifier", w.identifier() == null ? DRAFT_PREFIX + w.id() : w.identifier());
            element(x, "sender", w.sender());
            element(x, "sent", TIME.format(w.sent() == null ? w.createdAt() : w.sent()));
            element(x, "status", w.isDraft() ? "Draft" : w.status());
            element(x, "msgType", w.msgType());
            element(x, "scope", "Public");
            if (!w.references().isEmpty()) {
                List<String> refs = new ArrayList<>();
                for (Warning.Reference r : w.references()) refs.add(r.sender() + "," + r.identifier() + "," + TIME.format(r.sent()));
                element(x, "references", String.join(" ", refs));
            }
            info(x, w);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing CAP XML to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void info(XMLStreamWriter x, Warning w) throws XMLStreamException {
        x.writeStartElement("info");
        element(x, "language", "zh-CN");
        element(x, "category", CAP_CATEGORY.getOrDefault(w.category(), "Other"));
        element(x, "event", w.event());
        element(x, "urgency", w.urgency());
        element(x, "severity", w.level().severity());
        element(x, "certainty", w.certainty());
        x.writeStartElement("eventCode");
        element(x, "valueName", CATEGORY_CODE);
        element(x, "value", w.category());
        x.writeEndElement();
        element(x, "effective", TIME.format(w.effective()));
        element(x, "expires", TIME.format(w.expires()));
        element(x, "senderName", w.senderName());
        element(x, "headline", w.headline());
        element(x, "description", w.description());
        if (w.instruction() != null) element(x, "instruction", w.instruction());
        x.writeStartElement("area");
        element(x, "areaDesc", w.areaDesc());
        for (JsonNode polygon : read(w.polygonsJson())) element(x, "polygon", ring(polygon.get("coordinates").get(0)));
        for (JsonNode circle : read(w.circlesJson())) {
            JsonNode c = circle.get("center");
            element(x, "circle", c.get(1).decimalValue().toPlainString() + "," + c.get(0).decimalValue().toPlainString() + " "
                    + circle.get("radius_m").decimalValue().movePointLeft(3).stripTrailingZeros().toPlainString());
        }
        for (String code : w.regionCodes()) {
            x.writeStartElement("geocode");
            element(x, "valueName", REGION_CODE);
            element(x, "value", code);
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndElement();
    }

    /** A GeoJSON ring [[lon,lat],…] as CAP's "lat,lon lat,lon …". */
    private static String ring(JsonNode positions) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode p : positions) pairs.add(plain(p.get(1)) + "," + plain(p.get(0)));
        return String.join(" ", pairs);
    }

    private static String plain(JsonNode n) {
        return n.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }

    /** A time as written in CAP. */
    static String time(Instant t) {
        return TIME.format(t);
    }
}
