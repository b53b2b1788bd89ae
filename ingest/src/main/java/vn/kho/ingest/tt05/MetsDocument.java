package vn.kho.ingest.tt05;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.kho.ingest.Submitter;
import vn.kho.repository.Finding;
import vn.kho.repository.xml.SafeXml;

/** The parts of one METS document that the TT05 reader checks: its OBJID, its file and mdRef references, its mptrs. */
final class MetsDocument {
    static final String METS_NS = "http://www.loc.gov/METS/";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final String CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";

    /**
     * A {@code file} (through its {@code FLocat}) or {@code mdRef} with the fixity it declares.
     *
     * @param element {@code file} or {@code mdRef}
     * @param id its {@code ID}, possibly empty
     * @param href its {@code xlink:href}, possibly empty
     */
    record Reference(String element, String id, String href, String checksumType, String checksum, String size) {}

    private final String path;
    private final String objid;
    private final List<Reference> references;
    private final List<String> pointers;
    private final Optional<Submitter> submitter;

    private MetsDocument(
            String path,
            String objid,
            List<Reference> references,
            List<String> pointers,
            Optional<Submitter> submitter) {
        this.path = path;
        this.objid = objid;
        this.references = List.copyOf(references);
        this.pointers = List.copyOf(pointers);
        this.submitter = submitter;
    }

    /** The submitting organisation its {@code metsHdr} names (agent ROLE CREATOR, TYPE ORGANIZATION), if any. */
    Optional<Submitter> submitter() {
        return submitter;
    }

    String path() {
        return path;
    }

    /** The folder of this METS, "" or ending in '/'. */
    String baseDir() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    String objid() {
        return objid;
    }

    List<Reference> references() {
        return references;
    }

    /** The {@code xlink:href} of every {@code mptr}. */
    List<String> pointers() {
        return pointers;
    }

    /** Parses the METS at {@code file} (package-relative {@code path}); empty, with a finding, when it cannot be read. */
    static Optional<MetsDocument> read(Path file, String path, List<Finding> findings) {
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = SafeXml.parse(in);
        } catch (SafeXml.XmlRejected e) {
            findings.add(Finding.error("METS_" + e.code(), path + ": " + e.getMessage(), path));
            return Optional.empty();
        } catch (IOException e) {
            findings.add(Finding.error("METS_XML_UNREADABLE", path + " could not be read: " + e, path));
            return Optional.empty();
        }
        Element root = doc.getDocumentElement();
        if (!"mets".equals(root.getLocalName()) || !METS_NS.equals(root.getNamespaceURI())) {
            findings.add(Finding.error(
                    "METS_ROOT_INVALID",
                    path + " is not a METS document: its root element is {" + root.getNamespaceURI() + "}"
                            + root.getLocalName(),
                    path));
            return Optional.empty();
        }
        List<Reference> references = new ArrayList<>();
        NodeList files = doc.getElementsByTagNameNS(METS_NS, "file");
        for (int i = 0; i < files.getLength(); i++) {
            Element fileElement = (Element) files.item(i);
            references.add(reference(fileElement, firstChild(fileElement, "FLocat")));
        }
        NodeList mdRefs = doc.getElementsByTagNameNS(METS_NS, "mdRef");
        for (int i = 0; i < mdRefs.getLength(); i++) {
            Element mdRef = (Element) mdRefs.item(i);
            references.add(reference(mdRef, mdRef));
        }
        List<String> pointers = new ArrayList<>();
        NodeList mptrs = doc.getElementsByTagNameNS(METS_NS, "mptr");
        for (int i = 0; i < mptrs.getLength(); i++) {
            pointers.add(((Element) mptrs.item(i)).getAttributeNS(XLINK_NS, "href"));
        }
        return Optional.of(new MetsDocument(path, root.getAttribute("OBJID"), references, pointers, submitter(root)));
    }

    private static Optional<Submitter> submitter(Element root) {
        Element hdr = firstChild(root, "metsHdr");
        if (hdr == null) {
            return Optional.empty();
        }
        for (Node n = hdr.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element agent
                    && METS_NS.equals(agent.getNamespaceURI())
                    && "agent".equals(agent.getLocalName())
                    && "CREATOR".equals(agent.getAttribute("ROLE"))
                    && "ORGANIZATION".equals(agent.getAttribute("TYPE"))) {
                Element name = firstChild(agent, "name");
                String code = null;
                for (Node c = agent.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element note
                            && METS_NS.equals(note.getNamespaceURI())
                            && "note".equals(note.getLocalName())
                            && "IDENTIFICATIONCODE".equals(note.getAttributeNS(CSIP_NS, "NOTETYPE"))) {
                        code = note.getTextContent();
                    }
                }
                return Optional.of(new Submitter(name == null ? null : name.getTextContent(), code));
            }
        }
        return Optional.empty();
    }

    private static Reference reference(Element holder, Element locator) {
        return new Reference(
                holder.getLocalName(),
                holder.getAttribute("ID"),
                locator == null ? "" : locator.getAttributeNS(XLINK_NS, "href"),
                holder.getAttribute("CHECKSUMTYPE"),
                holder.getAttribute("CHECKSUM"),
                holder.getAttribute("SIZE"));
    }

    private static Element firstChild(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && METS_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
