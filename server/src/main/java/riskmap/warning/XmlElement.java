package riskmap.warning;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import riskmap.domain.ApiException;

/**
 * A small XML element tree read with StAX, safe against hostile input: no DTD is allowed (a
 * document that declares one is refused), so external entities, entity expansion ("billion
 * laughs") and remote schema loading cannot happen.
 */
record XmlElement(String namespace, String name, String text, List<XmlElement> children) {
    /** Largest nesting accepted: CAP is four levels deep. */
    private static final int MAX_DEPTH = 16;

    static XmlElement parse(byte[] xml) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        try {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) throw malformed("the document declares a DTD (<!DOCTYPE …>); CAP messages have none: remove it");
                    if (event == XMLStreamConstants.START_ELEMENT) return element(r, 1);
                }
                throw malformed("the body holds no XML element; send a CAP 1.2 <alert>");
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw malformed("the body is not well-formed XML (" + e.getMessage().replaceAll("\\s+", " ") + "); send a CAP 1.2 <alert> document");
        }
    }

    private static XmlElement element(XMLStreamReader r, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) throw malformed("the XML is nested deeper than " + MAX_DEPTH + " levels; CAP is four levels deep");
        String ns = r.getNamespaceURI();
        String name = r.getLocalName();
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element(r, depth + 1));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(r.getText());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed("the XML refers to the entity &" + r.getLocalName() + "; CAP uses none: write the text itself");
                case XMLStreamConstants.END_ELEMENT -> {
                    return new XmlElement(ns, name, text.toString().strip(), children);
                }
                default -> {
                }
            }
        }
        throw malformed("the XML ends inside <" + name + ">");
    }

    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<XmlElement> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The text of a child, or null when there is none. */
    String text(String childName) {
        return child(childName).map(XmlElement::text).filter(t -> !t.isEmpty()).orElse(null);
    }

    static ApiException malformed(String detail) {
        return ApiException.badRequest("invalid_cap", detail);
    }
}
