package riskmap.warning;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            element(x, "id", base + "/api/warnings.atom");
            element(x, "title", "riskmap 生效预警 · active warnings");
            element(x, "updated", active.stream().map(Warning::sent).max(Instant::compareTo).orElse(Instant.EPOCH).toString());
            link(x, "self", MEDIA_TYPE, base + "/api/warnings.atom");
            for (Warning w : active) {
                x.writeStartElement("entry");
                element(x, "id", base + "/api/warnings/" + w.id());
                element(x, "title", w.headline());
                element(x, "updated", w.sent().toString());
                element(x, "published", w.sent().toString());
                x.writeStartElement("author");
                element(x, "name", w.senderName());
                x.writeEndElement();
                x.writeEmptyElement("category");
                x.writeAttribute("term", w.level().color());
                x.writeAttribute("label", w.level().colorZh() + "预警");
                element(x, "summary", w.description());
                link(x, "alternate", CapXml.MEDIA_TYPE, base + "/api/warnings/" + w.id() + ".cap");
                link(x, "related", "application/json", base + "/api/warnings/" + w.id());
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the Atom feed to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void link(XMLStreamWriter x, String rel, String type, String href) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", href);
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }
}
