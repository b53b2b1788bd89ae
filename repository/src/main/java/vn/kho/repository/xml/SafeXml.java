package vn.kho.repository.xml;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way Kho parses XML it did not write: namespace-aware DOM with DOCTYPEs refused outright, so no external
 * entity, external DTD or entity expansion (XXE, billion laughs) can ever be processed.
 */
public final class SafeXml {
    private SafeXml() {}

    /** Ignores warnings and stops at the first error: what Kho's XML checks want from a parser or a validator. */
    public static final ErrorHandler STRICT_ERRORS = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /**
     * Parses {@code in}. Throws {@link XmlRejected} with code {@code XML_DOCTYPE} when the document has a DOCTYPE and
     * {@code XML_MALFORMED} when it is not well-formed.
     */
    public static Document parse(InputStream in) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(STRICT_ERRORS);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are refused: " + systemId);
            });
            return builder.parse(in);
        } catch (SAXParseException e) {
            String msg = String.valueOf(e.getMessage());
            boolean doctype = msg.contains("DOCTYPE") || msg.contains("disallow-doctype-decl");
            throw new XmlRejected(
                    doctype ? "XML_DOCTYPE" : "XML_MALFORMED",
                    (doctype ? "DOCTYPE declarations are not accepted" : "not well-formed XML") + " (line "
                            + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + msg);
        } catch (SAXException e) {
            throw new XmlRejected("XML_MALFORMED", "XML refused: " + e.getMessage());
        } catch (IOException e) {
            throw new XmlRejected("XML_UNREADABLE", "XML could not be read: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    /** XML that Kho refuses to read; {@link #code()} is XML_DOCTYPE, XML_MALFORMED or XML_UNREADABLE. */
    public static final class XmlRejected extends vn.kho.repository.KhoException {
        public XmlRejected(String code, String message) {
            super(code, message);
        }
    }
}
