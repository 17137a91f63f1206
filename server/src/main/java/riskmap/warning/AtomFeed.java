package riskmap.warning;

import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The active warnings as an Atom 1.0 feed (RFC 4287), newest first, each entry linking to its
 * CAP message ({@code rel="alternate" type="application/cap+xml"}) — the form CAP aggregators
 * and feed readers subscribe to.
 */
final class AtomFeed {
    static final String MEDIA_TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    /** {@code base}: the server's address as the client reached it, e.g. http://localhost:8080. */
    static byte[] write(List<Warning> active, String base) {
        return XmlDocument.write("feed", ATOM, x -> {
            XmlDocument.element(x, "id", base + "/api/warnings.atom");
            XmlDocument.element(x, "title", "riskmap 生效预警 · active warnings");
            XmlDocument.element(x, "updated", active.stream().map(Warning::sent).max(Instant::compareTo).orElse(Instant.EPOCH).toString());
            link(x, "self", MEDIA_TYPE, base + "/api/warnings.atom");
            for (Warning w : active) {
                x.writeStartElement("entry");
                XmlDocument.element(x, "id", base + "/api/warnings/" + w.id());
                XmlDocument.element(x, "title", w.headline());
                XmlDocument.element(x, "updated", w.sent().toString());
                XmlDocument.element(x, "published", w.sent().toString());
                x.writeStartElement("author");
                XmlDocument.element(x, "name", w.senderName());
                x.writeEndElement();
                x.writeEmptyElement("category");
                x.writeAttribute("term", w.level().color());
                x.writeAttribute("label", w.level().colorZh() + "预警");
                XmlDocument.element(x, "summary", w.description());
                link(x, "alternate", CapXml.MEDIA_TYPE, base + "/api/warnings/" + w.id() + ".cap");
                link(x, "related", "application/json", base + "/api/warnings/" + w.id());
                x.writeEndElement();
            }
        });
    }

    private static void link(XMLStreamWriter x, String rel, String type, String href) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", href);
    }
}
