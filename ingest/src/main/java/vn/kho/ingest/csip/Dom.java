package vn.kho.ingest.csip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Small, null-free questions asked of a METS DOM. Attribute values come back trimmed, "" when absent. */
final class Dom {
    static final String METS_NS = "http://www.loc.gov/METS/";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final String CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    static final String SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";

    private Dom() {}

    /** The METS-namespace child elements of {@code parent} named {@code localName}, in document order. */
    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && isMets(e, localName)) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> child(Element parent, String localName) {
        List<Element> all = children(parent, localName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every METS-namespace element below {@code parent} named {@code localName}, in document order. */
    static List<Element> descendants(Element parent, String localName) {
        NodeList list = parent.getElementsByTagNameNS(METS_NS, localName);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static boolean isMets(Element e, String localName) {
        return METS_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    /** The unqualified attribute {@code name}, trimmed; "" when absent. */
    static String attr(Element e, String name) {
        return e.hasAttributeNS(null, name) ? e.getAttributeNS(null, name).trim() : "";
    }

    static String csip(Element e, String name) {
        return e.hasAttributeNS(CSIP_NS, name) ? e.getAttributeNS(CSIP_NS, name).trim() : "";
    }

    static String xlink(Element e, String name) {
        return e.hasAttributeNS(XLINK_NS, name)
                ? e.getAttributeNS(XLINK_NS, name).trim()
                : "";
    }

    /** The text content, whitespace-trimmed. */
    static String text(Element e) {
        String t = e.getTextContent();
        return t == null ? "" : t.trim();
    }

    /** The space-separated tokens of an IDREFS attribute. */
    static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : value.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
