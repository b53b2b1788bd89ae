package vn.kho.ingest.tt05;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.kho.ingest.PackageRoot;
import vn.kho.repository.Finding;
import vn.kho.repository.xml.SafeXml;

/**
 * Reads the document records of a TT05 package: one {@code <EAD_doc>} (or {@code <EAD_pic>} for a photo,
 * {@code <EAD_media>} for audio or video) per document, with or without a namespace.
 *
 * <p>The records are the files that a representation METS ({@code representations/<rep>/METS.xml}) references from a
 * {@code dmdSec/mdRef}, plus any file named {@code representations/<rep>/metadata/descriptive/EAD_doc*.xml} (or
 * {@code EAD_pic*}, {@code EAD_media*}) that no mdRef names, so that a record is counted even when its METS is broken
 * (the SIP reader reports the METS problems). A referenced file whose root is not one of the three is not a document
 * record and is skipped, unless its name says it is one. Problems reading a record are findings; a record that cannot
 * be read is counted in {@link Result#unreadable()}.
 */
final class DocumentRecordReader {
    private static final Pattern REPRESENTATION_METS = Pattern.compile("representations/[^/]+/METS\\.xml");
    private static final Pattern RECORD_NAME = Pattern.compile(
            "representations/[^/]+/metadata/descriptive/EAD_(doc|pic|media)[^/]*\\.xml", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ROOTS = Set.of(Tt05Record.DOCUMENT, Tt05Record.PHOTO, Tt05Record.MEDIA);

    /**
     * @param records the document records read, in METS order
     * @param unreadable how many more document records exist but could not be read
     */
    record Result(List<Tt05Record> records, int unreadable) {
        Result {
            records = List.copyOf(records);
        }
    }

    private DocumentRecordReader() {}

    static Result read(PackageRoot root, List<Finding> findings) {
        List<Tt05Record> records = new ArrayList<>();
        int unreadable = 0;
        for (String path : candidates(root)) {
            boolean namedAsRecord = RECORD_NAME.matcher(path).matches();
            Document doc;
            try (InputStream in = Files.newInputStream(root.dir().resolve(path))) {
                doc = SafeXml.parse(in);
            } catch (SafeXml.XmlRejected e) {
                findings.add(Finding.error("TT05_DOC_" + e.code(), path + ": " + e.getMessage(), path));
                unreadable++;
                continue;
            } catch (IOException e) {
                findings.add(Finding.error("TT05_DOC_XML_UNREADABLE", path + " could not be read: " + e, path));
                unreadable++;
                continue;
            }
            Element element = doc.getDocumentElement();
            String rootName = localName(element);
            if (!ROOTS.contains(rootName)) {
                if (namedAsRecord) {
                    findings.add(Finding.error(
                            "TT05_DOC_ROOT_INVALID",
                            path + " must have the root element <EAD_doc>, <EAD_pic> or <EAD_media>, found <" + rootName
                                    + ">",
                            path));
                    unreadable++;
                }
                continue;
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    fields.computeIfAbsent(localName(e), k -> new ArrayList<>())
                            .add(e.getTextContent().strip());
                }
            }
            records.add(new Tt05Record(path, rootName, fields));
        }
        return new Result(records, unreadable);
    }

    /** The mdRef targets of every representation METS that exist, then the record-named files none of them names. */
    private static Set<String> candidates(PackageRoot root) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String mets : new TreeSet<>(root.files().keySet())) {
            if (REPRESENTATION_METS.matcher(mets).matches()) {
                candidates.addAll(dmdTargets(root, mets));
            }
        }
        for (String path : new TreeSet<>(root.files().keySet())) {
            if (RECORD_NAME.matcher(path).matches()) {
                candidates.add(path);
            }
        }
        return candidates;
    }

    private static List<String> dmdTargets(PackageRoot root, String metsPath) {
        Document doc;
        try (InputStream in = Files.newInputStream(root.dir().resolve(metsPath))) {
            doc = SafeXml.parse(in);
        } catch (SafeXml.XmlRejected | IOException e) {
            return List.of(); // the SIP reader reports an unreadable METS
        }
        String baseDir = metsPath.substring(0, metsPath.lastIndexOf('/') + 1);
        List<String> targets = new ArrayList<>();
        NodeList dmdSecs = doc.getElementsByTagNameNS(MetsDocument.METS_NS, "dmdSec");
        for (int i = 0; i < dmdSecs.getLength(); i++) {
            NodeList mdRefs = ((Element) dmdSecs.item(i)).getElementsByTagNameNS(MetsDocument.METS_NS, "mdRef");
            for (int j = 0; j < mdRefs.getLength(); j++) {
                String href = ((Element) mdRefs.item(j)).getAttributeNS(MetsDocument.XLINK_NS, "href");
                MetsHrefs.Resolved target = MetsHrefs.resolve(baseDir, href, root.files());
                if (target.ok() && root.files().containsKey(target.path())) {
                    targets.add(target.path());
                }
            }
        }
        return targets;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }
}
