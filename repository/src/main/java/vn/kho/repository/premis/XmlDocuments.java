package vn.kho.repository.premis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kho.repository.Finding;
import vn.kho.repository.InvalidPackageException;

/**
 * The small DOM toolkit Kho's METS and PREMIS writers share: build a namespaced document, refuse text XML 1.0 cannot
 * carry, and serialize it as indented UTF-8. Reading back always goes through {@link vn.kho.repository.xml.SafeXml}.
 *
 * <p>The JDK serializer writes tab, line feed and carriage return inside attribute values, and carriage return in
 * text, as character references, so such values survive a parse unchanged.
 */
public final class XmlDocuments {
    private XmlDocuments() {}

    /** An empty namespace-aware document. */
    public static Document newDocument() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a new element {@code qualifiedName} in {@code namespace} to {@code parent}. */
    public static Element child(Node parent, String namespace, String qualifiedName) {
        Document doc = parent instanceof Document d ? d : parent.getOwnerDocument();
        Element e = doc.createElementNS(namespace, qualifiedName);
        parent.appendChild(e);
        return e;
    }

    /** Appends a new element holding {@code text}. */
    public static Element child(Node parent, String namespace, String qualifiedName, String text) {
        Element e = child(parent, namespace, qualifiedName);
        e.setTextContent(representable(text, qualifiedName));
        return e;
    }

    /** Sets an attribute after checking XML can carry its value. */
    public static void attr(Element e, String namespace, String qualifiedName, String value) {
        e.setAttributeNS(namespace, qualifiedName, representable(value, qualifiedName));
    }

    /** Sets a no-namespace attribute after checking XML can carry its value. */
    public static void attr(Element e, String name, String value) {
        e.setAttribute(name, representable(value, name));
    }

    /** Child elements of {@code parent} named {@code localName} in {@code namespace}, in document order. */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element so named, or null. */
    public static Element firstChild(Element parent, String namespace, String localName) {
        List<Element> all = children(parent, namespace, localName);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The text of the first child element so named, or null when there is none. */
    public static String childText(Element parent, String namespace, String localName) {
        Element e = firstChild(parent, namespace, localName);
        return e == null ? null : e.getTextContent();
    }

    /** Writes {@code doc} as indented UTF-8 with an XML declaration; does not close {@code out}. */
    public static void write(Document doc, OutputStream out) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            // The declaration is written here so that it sits on its own line.
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            t.transform(new DOMSource(doc), new StreamResult(out));
            out.flush();
        } catch (TransformerException e) {
            throw new IllegalStateException("XML serialization failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns {@code value} when XML 1.0 can carry it; otherwise throws {@link InvalidPackageException} with code
     * {@code AIP_CHARACTER_UNREPRESENTABLE}: C0 controls other than tab, line feed and carriage return, lone surrogates
     * and U+FFFE/U+FFFF have no representation at all, so writing them would lose data or produce a file no parser
     * accepts.
     */
    public static String representable(String value, String where) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                i++;
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok) {
                throw new InvalidPackageException(List.of(Finding.error(
                        "AIP_CHARACTER_UNREPRESENTABLE",
                        String.format(
                                "%s holds character U+%04X at index %d, which XML 1.0 cannot represent",
                                where, (int) c, i))));
            }
        }
        return value;
    }
}
