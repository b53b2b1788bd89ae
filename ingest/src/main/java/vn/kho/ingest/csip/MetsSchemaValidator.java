package vn.kho.ingest.csip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates a METS file against METS 1.12, the METS XLink schema and the E-ARK CSIP and SIP 2.2 extension schemas
 * bundled in {@code /vn/kho/ingest/csip/schemas/} (requirement CSIP0). Nothing is fetched: the schema factory and
 * validator refuse all external access, and imports are served only from the bundled files, chosen by namespace.
 * The document is read with DOCTYPEs refused. The compiled schema is immutable and shared between threads.
 */
final class MetsSchemaValidator {
    private static final String BASE = "/vn/kho/ingest/csip/schemas/";
    private static final Map<String, String> BY_NAMESPACE = Map.of(
            Dom.METS_NS, "mets.xsd",
            Dom.XLINK_NS, "kho-xlink.xsd",
            Dom.CSIP_NS, "kho-csip-extension.xsd",
            Dom.SIP_NS, "kho-sip-extension.xsd");
    private static final int MAX_MESSAGES = 20;

    private MetsSchemaValidator() {}

    /** Compiled once, on first use. */
    private static final class Compiled {
        static final Schema SCHEMA = compile();
    }

    /**
     * The schema-validity errors of {@code file}, each with its line and column, at most {@value #MAX_MESSAGES}; empty
     * when it is valid. A file that is not well-formed, or has a DOCTYPE, yields one message saying so.
     */
    static List<String> validate(Path file) {
        List<String> messages = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Validator validator = Compiled.SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setResourceResolver(BUNDLED_ONLY);
            validator.setErrorHandler(new Collector(messages));
            validator.validate(new SAXSource(secureReader(), new InputSource(in)));
        } catch (SAXParseException e) {
            if (messages.size() < MAX_MESSAGES) {
                messages.add(describe(e));
            }
        } catch (SAXException e) {
            messages.add("not readable as XML: " + e.getMessage());
        } catch (IOException e) {
            messages.add("could not be read: " + e.getMessage());
        }
        return messages;
    }

    private static String describe(SAXParseException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("DOCTYPE") || msg.contains("disallow-doctype-decl")) {
            msg = "DOCTYPE declarations are not accepted";
        }
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + msg;
    }

    private static XMLReader secureReader() throws SAXException {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setXIncludeAware(false);
            XMLReader reader = f.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are refused: " + systemId);
            });
            return reader;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema compile() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(BUNDLED_ONLY);
            factory.setErrorHandler(vn.kho.repository.xml.SafeXml.STRICT_ERRORS);
            return factory.newSchema(
                    new Source[] {source("mets.xsd"), source("kho-csip-extension.xsd"), source("kho-sip-extension.xsd")
                    });
        } catch (SAXException e) {
            throw new IllegalStateException("the bundled CSIP schemas do not compile", e);
        }
    }

    private static Source source(String name) {
        StreamSource source = new StreamSource(open(name));
        source.setSystemId(name);
        return source;
    }

    private static InputStream open(String name) {
        InputStream in = MetsSchemaValidator.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("bundled schema missing: " + BASE + name));
        }
        return in;
    }

    /** Serves the bundled schema of a namespace; refuses everything else by handing back an empty document. */
    private static final LSResourceResolver BUNDLED_ONLY = (type, namespaceUri, publicId, systemId, baseUri) -> {
        String name = namespaceUri == null ? null : BY_NAMESPACE.get(namespaceUri);
        if (name == null) {
            return new Input(null, new java.io.ByteArrayInputStream(new byte[0]));
        }
        return new Input(name, open(name));
    };

    private record Collector(List<String> messages) implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {
            if (messages.size() < MAX_MESSAGES) {
                messages.add(describe(e));
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /** The minimal {@link LSInput} the resolver hands back: a byte stream and the bundled file's name. */
    private static final class Input implements LSInput {
        private final String systemId;
        private InputStream byteStream;

        Input(String systemId, InputStream byteStream) {
            this.systemId = systemId;
            this.byteStream = byteStream;
        }

        @Override
        public java.io.Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {}

        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
            this.byteStream = byteStream;
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {}

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {}

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public void setPublicId(String publicId) {}

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {}

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {}

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {}
    }
}
