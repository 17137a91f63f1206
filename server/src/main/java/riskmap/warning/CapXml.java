package riskmap.warning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

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
        return XmlDocument.write("alert", NAMESPACE, x -> {
            XmlDocument.element(x, "identifier", w.identifier() == null ? DRAFT_PREFIX + w.id() : w.identifier());
            XmlDocument.element(x, "sender", w.sender());
            XmlDocument.element(x, "sent", TIME.format(w.sent() == null ? w.createdAt() : w.sent()));
            XmlDocument.element(x, "status", w.isDraft() ? "Draft" : w.status());
            XmlDocument.element(x, "msgType", w.msgType());
            XmlDocument.element(x, "scope", "Public");
            if (!w.references().isEmpty()) {
                List<String> refs = new ArrayList<>();
                for (Warning.Reference r : w.references()) refs.add(r.sender() + "," + r.identifier() + "," + TIME.format(r.sent()));
                XmlDocument.element(x, "references", String.join(" ", refs));
            }
            info(x, w);
        });
    }

    private static void info(XMLStreamWriter x, Warning w) throws XMLStreamException {
        x.writeStartElement("info");
        XmlDocument.element(x, "language", "zh-CN");
        XmlDocument.element(x, "category", CAP_CATEGORY.getOrDefault(w.category(), "Other"));
        XmlDocument.element(x, "event", w.event());
        XmlDocument.element(x, "urgency", w.urgency());
        XmlDocument.element(x, "severity", w.level().severity());
        XmlDocument.element(x, "certainty", w.certainty());
        x.writeStartElement("eventCode");
        XmlDocument.element(x, "valueName", CATEGORY_CODE);
        XmlDocument.element(x, "value", w.category());
        x.writeEndElement();
        XmlDocument.element(x, "effective", TIME.format(w.effective()));
        XmlDocument.element(x, "expires", TIME.format(w.expires()));
        XmlDocument.element(x, "senderName", w.senderName());
        XmlDocument.element(x, "headline", w.headline());
        XmlDocument.element(x, "description", w.description());
        if (w.instruction() != null) XmlDocument.element(x, "instruction", w.instruction());
        x.writeStartElement("area");
        XmlDocument.element(x, "areaDesc", w.areaDesc());
        for (JsonNode polygon : Warning.read(w.polygonsJson())) XmlDocument.element(x, "polygon", ring(polygon.get("coordinates").get(0)));
        for (JsonNode circle : Warning.read(w.circlesJson())) {
            JsonNode c = circle.get("center");
            XmlDocument.element(x, "circle", c.get(1).decimalValue().toPlainString() + "," + c.get(0).decimalValue().toPlainString() + " "
                    + circle.get("radius_m").decimalValue().movePointLeft(3).stripTrailingZeros().toPlainString());
        }
        for (String code : w.regionCodes()) {
            x.writeStartElement("geocode");
            XmlDocument.element(x, "valueName", REGION_CODE);
            XmlDocument.element(x, "value", code);
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
}
