package riskmap.warning;

import java.io.ByteArrayOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small UTF-8 XML document written in memory with StAX: one root element in a default namespace, and text-only child elements. */
final class XmlDocument {
    private XmlDocument() {
    }

    /** Writes the root's content. */
    @FunctionalInterface
    interface Content {
        void write(XMLStreamWriter x) throws XMLStreamException;
    }

    static byte[] write(String root, String namespace, Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement(root);
            x.writeDefaultNamespace(namespace);
            content.write(x);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing <" + root + "> to memory failed", e);
        }
        return out.toByteArray();
    }

    /** {@code <name>text</name>}. */
    static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }
}
