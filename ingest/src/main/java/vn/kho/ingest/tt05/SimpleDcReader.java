package vn.kho.ingest.tt05;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kho.ingest.PackageRoot;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.xml.SafeXml;

/**
 * Reads the hồ sơ record of a TT05 package, {@code metadata/descriptive/EAD.xml} (root element {@code <simpledc>},
 * with or without a namespace), into a {@link DescriptiveRecord}. Only what is needed to read the record is checked
 * here; the TT05 field rules (required fields, lengths, code lists including mode, totals) are
 * {@link Tt05MetadataRules}.
 */
final class SimpleDcReader {
    static final String PATH = "metadata/descriptive/EAD.xml";

    private SimpleDcReader() {}

    static DescriptiveRecord read(PackageRoot root, List<Finding> findings) {
        if (!root.files().containsKey(PATH)) {
            findings.add(Finding.error(
                    "TT05_EAD_MISSING", PATH + " (the hồ sơ metadata, root element <simpledc>) is missing", PATH));
            return DescriptiveRecord.empty(AccessRegime.UNKNOWN);
        }
        Document doc;
        try (InputStream in = Files.newInputStream(root.dir().resolve(PATH))) {
            doc = SafeXml.parse(in);
        } catch (SafeXml.XmlRejected e) {
            findings.add(Finding.error("TT05_" + e.code(), PATH + ": " + e.getMessage(), PATH));
            return DescriptiveRecord.empty(AccessRegime.UNKNOWN);
        } catch (IOException e) {
            findings.add(Finding.error("TT05_XML_UNREADABLE", PATH + " could not be read: " + e, PATH));
            return DescriptiveRecord.empty(AccessRegime.UNKNOWN);
        }
        Element simpledc = doc.getDocumentElement();
        if (!"simpledc".equals(localName(simpledc))) {
            findings.add(Finding.error(
                    "TT05_EAD_ROOT_INVALID",
                    PATH + " must have the root element <simpledc>, found <" + localName(simpledc) + ">",
                    PATH));
            return DescriptiveRecord.empty(AccessRegime.UNKNOWN);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Node n = simpledc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                fields.computeIfAbsent(localName(e), k -> new ArrayList<>())
                        .add(e.getTextContent().strip());
            }
        }
        List<String> languages = new ArrayList<>();
        for (String value : fields.getOrDefault("language", List.of())) {
            for (String code : value.split("[,;\\s]+")) {
                if (!code.isEmpty()) {
                    languages.add(code);
                }
            }
        }
        return new DescriptiveRecord(
                first(fields, "title"),
                Optional.ofNullable(first(fields, "fileCode")).orElse(first(fields, "arcFileCode")),
                first(fields, "startDate"),
                first(fields, "endDate"),
                first(fields, "maintenance"),
                access(first(fields, "mode")),
                languages,
                fields);
    }

    /**
     * The access regime {@code mode} gives; a missing or unknown mode is treated as restricted (fail closed). Whether
     * the mode is present and on its code list is a TT05 rule, reported by {@link Tt05MetadataRules}.
     */
    private static AccessRegime access(String mode) {
        return mode == null ? AccessRegime.UNKNOWN : AccessRegime.fromCode(mode).orElse(AccessRegime.UNKNOWN);
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }
}
