package vn.kho.repository.premis;

import static vn.kho.repository.premis.XmlDocuments.attr;
import static vn.kho.repository.premis.XmlDocuments.child;
import static vn.kho.repository.premis.XmlDocuments.childText;
import static vn.kho.repository.premis.XmlDocuments.children;
import static vn.kho.repository.premis.XmlDocuments.firstChild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import vn.kho.repository.FileFormat;
import vn.kho.repository.FileValidation;
import vn.kho.repository.PackageFile;
import vn.kho.repository.signature.SignatureRecord;

/**
 * The PREMIS {@code object xsi:type="premis:file"} entries of a package's PREMIS.xml: one per characterised file, with
 * its fixity, size and format (designation, and the PRONOM registry key when there is one), in the order the PREMIS
 * 3.0 schema requires. What PREMIS has no element for (the media type, how the format was identified, the
 * validation outcome) is kept in {@code objectCharacteristicsExtension} as one {@code kho:characterisation} element
 * in Kho's namespace, so the index can be rebuilt from storage alone:
 *
 * <pre>
 * &lt;kho:characterisation mediaType="application/pdf" basis="…" validationStatus="VALID"
 *     validationTool="JHOVE 1.28.0 PDF-hul" pdfaClaimed="2b" pdfaVerified="2b"/&gt;   (optional attributes only when set)
 * </pre>
 */
final class PremisFileObjects {
    static final String KHO_NS = "https://kho.vn/ns/aip/1";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String NS = PremisXml.NS;
    private static final String SHA256_URI =
            "http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions/sha256";

    private PremisFileObjects() {}

    static void write(Element root, PackageFile f, List<SignatureRecord> signatures) {
        FileFormat format = f.format();
        Element object = child(root, NS, "premis:object");
        attr(object, XSI, "xsi:type", "premis:file");
        Element oid = child(object, NS, "premis:objectIdentifier");
        child(oid, NS, "premis:objectIdentifierType", "filepath");
        child(oid, NS, "premis:objectIdentifierValue", XmlDocuments.representable(f.path(), "a file path"));
        Element chars = child(object, NS, "premis:objectCharacteristics");
        child(chars, NS, "premis:compositionLevel", "0");
        Element fixity = child(chars, NS, "premis:fixity");
        Element algorithm = child(fixity, NS, "premis:messageDigestAlgorithm", "SHA-256");
        attr(algorithm, "authority", "cryptographicHashFunctions");
        attr(algorithm, "authorityURI", "http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions");
        attr(algorithm, "valueURI", SHA256_URI);
        child(fixity, NS, "premis:messageDigest", f.sha256());
        child(chars, NS, "premis:size", Long.toString(f.size()));
        Element fmt = child(chars, NS, "premis:format");
        Element designation = child(fmt, NS, "premis:formatDesignation");
        child(designation, NS, "premis:formatName", format.name() == null ? format.mediaType() : format.name());
        if (format.version() != null) {
            child(designation, NS, "premis:formatVersion", format.version());
        }
        if (format.puid() != null) {
            Element registry = child(fmt, NS, "premis:formatRegistry");
            child(registry, NS, "premis:formatRegistryName", "PRONOM");
            child(registry, NS, "premis:formatRegistryKey", format.puid());
            child(registry, NS, "premis:formatRegistryRole", "specification");
        }
        Element extension = child(chars, NS, "premis:objectCharacteristicsExtension");
        Element kho = child(extension, KHO_NS, "kho:characterisation");
        attr(kho, "mediaType", format.mediaType());
        attr(kho, "basis", format.basis());
        FileValidation v = f.validation();
        if (v != null) {
            attr(kho, "validationStatus", v.status());
            optional(kho, "validationTool", v.tool());
            optional(kho, "pdfaClaimed", v.pdfaClaimed());
            optional(kho, "pdfaVerified", v.pdfaVerified());
        }
        PremisSignatures.write(object, signatures);
    }

    private static void optional(Element e, String name, String value) {
        if (value != null) {
            attr(e, name, value);
        }
    }

    /** The signatures of every file object written by {@link #write}, in document order. */
    static List<SignatureRecord> readSignatures(Element root) {
        List<SignatureRecord> signatures = new ArrayList<>();
        for (Element object : children(root, NS, "object")) {
            Element oid = firstChild(object, NS, "objectIdentifier");
            if (oid != null && "filepath".equals(childText(oid, NS, "objectIdentifierType"))) {
                signatures.addAll(PremisSignatures.read(object, childText(oid, NS, "objectIdentifierValue")));
            }
        }
        return signatures;
    }

    /** Every file object written by {@link #write}, by path; objects of other kinds or shapes are skipped. */
    static Map<String, PackageFile> read(Element root) {
        Map<String, PackageFile> files = new LinkedHashMap<>();
        for (Element object : children(root, NS, "object")) {
            Element oid = firstChild(object, NS, "objectIdentifier");
            Element chars = firstChild(object, NS, "objectCharacteristics");
            if (oid == null || chars == null || !"filepath".equals(childText(oid, NS, "objectIdentifierType"))) {
                continue;
            }
            String path = childText(oid, NS, "objectIdentifierValue");
            Element fixity = firstChild(chars, NS, "fixity");
            Element fmt = firstChild(chars, NS, "format");
            Element extension = firstChild(chars, NS, "objectCharacteristicsExtension");
            Element kho = extension == null ? null : firstChild(extension, KHO_NS, "characterisation");
            String size = childText(chars, NS, "size");
            if (path == null || fixity == null || fmt == null || kho == null || size == null) {
                continue;
            }
            Element designation = firstChild(fmt, NS, "formatDesignation");
            Element registry = firstChild(fmt, NS, "formatRegistry");
            String mediaType = kho.getAttribute("mediaType");
            String name = designation == null ? null : childText(designation, NS, "formatName");
            FileFormat format = new FileFormat(
                    mediaType,
                    // a format without a name is written under its media type (formatName is required)
                    mediaType.equals(name) ? null : name,
                    designation == null ? null : childText(designation, NS, "formatVersion"),
                    registry == null ? null : childText(registry, NS, "formatRegistryKey"),
                    kho.getAttribute("basis"));
            FileValidation validation = kho.hasAttribute("validationStatus")
                    ? new FileValidation(
                            attribute(kho, "validationTool"),
                            kho.getAttribute("validationStatus"),
                            attribute(kho, "pdfaClaimed"),
                            attribute(kho, "pdfaVerified"))
                    : null;
            files.put(
                    path,
                    new PackageFile(
                            path,
                            Long.parseLong(size.trim()),
                            childText(fixity, NS, "messageDigest").trim(),
                            mediaType,
                            format,
                            validation));
        }
        return files;
    }

    private static String attribute(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }
}
