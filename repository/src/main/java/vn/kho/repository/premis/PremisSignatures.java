package vn.kho.repository.premis;

import static vn.kho.repository.premis.XmlDocuments.attr;
import static vn.kho.repository.premis.XmlDocuments.child;
import static vn.kho.repository.premis.XmlDocuments.childText;
import static vn.kho.repository.premis.XmlDocuments.children;
import static vn.kho.repository.premis.XmlDocuments.firstChild;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import vn.kho.repository.Finding;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.signature.SignatureRecord;

/**
 * The PREMIS {@code signatureInformation} of a signed file object: one {@code signature} per {@link SignatureRecord},
 * in the PREMIS 3.0 schema's order ({@code signatureEncoding}, {@code signer}, {@code signatureMethod},
 * {@code signatureValue}, {@code signatureValidationRules}, {@code signatureProperties}), so any PREMIS reader sees who
 * signed, how, and the verdict. What PREMIS has no element for is kept, for Kho's own rebuild, in
 * {@code signatureInformationExtension} as one {@code kho:signature} element:
 *
 * <pre>
 * &lt;kho:signature kind="PDF" ordinal="1" field="Signature1" outcome="VALID" validationTime="…" signingTime="…"
 *     timestampTime="…" organisation="…" issuer="…" serial="…" digestAlgorithm="SHA-256"
 *     signatureAlgorithm="SHA256withRSA" signaturePath="…"&gt;
 *   &lt;kho:message&gt;…&lt;/kho:message&gt;
 *   &lt;kho:evidence path="metadata/preservation/evidence/…"/&gt;…
 * &lt;/kho:signature&gt;
 * </pre>
 *
 * {@code signatureValue} names where the signature bytes are in the AIP (PREMIS requires the element; the CMS itself
 * stays in the signed PDF or the {@code .p7s} file, byte for byte).
 */
final class PremisSignatures {
    private static final String NS = PremisXml.NS;
    private static final String KHO_NS = PremisFileObjects.KHO_NS;
    static final String VALIDATION_RULES = "Kho: CMS (RFC 5652) signature value; PKIX certification path to the"
            + " archive's trust anchors at the validation time (an RFC 3161 timestamp from a trusted TSA, else the"
            + " time of ingest); revocation from CRLs only; configured weak algorithms refused; for a PDF, the"
            + " /ByteRange and the changes made after the signature";

    private PremisSignatures() {}

    static void write(Element object, List<SignatureRecord> signatures) {
        for (SignatureRecord s : signatures) {
            Element info = child(object, NS, "premis:signatureInformation");
            Element sig = child(info, NS, "premis:signature");
            child(sig, NS, "premis:signatureEncoding", s.kind() == SignatureRecord.Kind.PDF ? "PDF CMS" : "CMS DER");
            if (s.signer() != null) {
                child(sig, NS, "premis:signer", XmlDocuments.representable(s.signer(), "a signer name"));
            }
            child(
                    sig,
                    NS,
                    "premis:signatureMethod",
                    s.signatureAlgorithm() == null ? "unknown" : s.signatureAlgorithm());
            String value = s.signaturePath() != null
                    ? s.signaturePath()
                    : s.path() + (s.field() == null ? "" : "#" + s.field());
            child(sig, NS, "premis:signatureValue", XmlDocuments.representable(value, "a file path"));
            child(sig, NS, "premis:signatureValidationRules", VALIDATION_RULES);
            child(sig, NS, "premis:signatureProperties", "outcome: " + s.outcome());
            child(sig, NS, "premis:signatureProperties", "validation time: " + s.validationTime());
            Element ext = child(info, NS, "premis:signatureInformationExtension");
            Element kho = child(ext, KHO_NS, "kho:signature");
            attr(kho, "kind", s.kind().name());
            attr(kho, "ordinal", Integer.toString(s.ordinal()));
            attr(kho, "outcome", s.outcome());
            attr(kho, "validationTime", s.validationTime().toString());
            optional(kho, "field", s.field());
            optional(kho, "signaturePath", s.signaturePath());
            optional(kho, "organisation", s.organisation());
            optional(kho, "issuer", s.issuer());
            optional(kho, "serial", s.serial());
            optional(kho, "signingTime", s.claimedSigningTime());
            optional(kho, "timestampTime", s.timestampTime());
            optional(kho, "digestAlgorithm", s.digestAlgorithm());
            optional(kho, "signatureAlgorithm", s.signatureAlgorithm());
            child(kho, KHO_NS, "kho:message", XmlDocuments.representable(s.message(), "a signature message"));
            for (String e : s.evidence()) {
                attr(child(kho, KHO_NS, "kho:evidence"), "path", e);
            }
        }
    }

    /** The signatures of the file object {@code object} at {@code path}, as {@link #write} wrote them. */
    static List<SignatureRecord> read(Element object, String path) {
        List<SignatureRecord> out = new ArrayList<>();
        for (Element info : children(object, NS, "signatureInformation")) {
            Element sig = firstChild(info, NS, "signature");
            Element ext = firstChild(info, NS, "signatureInformationExtension");
            Element kho = ext == null ? null : firstChild(ext, KHO_NS, "signature");
            if (sig == null || kho == null) {
                continue; // not written by Kho: nothing to rebuild from
            }
            List<String> evidence = children(kho, KHO_NS, "evidence").stream()
                    .map(e -> e.getAttribute("path"))
                    .toList();
            try {
                out.add(new SignatureRecord(
                        path,
                        SignatureRecord.Kind.valueOf(kho.getAttribute("kind")),
                        Integer.parseInt(kho.getAttribute("ordinal")),
                        attribute(kho, "signaturePath"),
                        attribute(kho, "field"),
                        kho.getAttribute("outcome"),
                        String.valueOf(childText(kho, KHO_NS, "message")),
                        childText(sig, NS, "signer"),
                        attribute(kho, "organisation"),
                        attribute(kho, "issuer"),
                        attribute(kho, "serial"),
                        time(kho, "signingTime"),
                        time(kho, "timestampTime"),
                        time(kho, "validationTime"),
                        attribute(kho, "digestAlgorithm"),
                        attribute(kho, "signatureAlgorithm"),
                        evidence));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new InvalidPackageException(List.of(Finding.error(
                        "AIP_PREMIS_INVALID",
                        "PREMIS signature of " + path + " cannot be read: " + e.getMessage(),
                        "metadata/preservation/PREMIS.xml")));
            }
        }
        return out;
    }

    private static void optional(Element e, String name, Object value) {
        if (value != null) {
            attr(e, name, value.toString());
        }
    }

    private static String attribute(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static Instant time(Element e, String name) {
        return e.hasAttribute(name) ? Instant.parse(e.getAttribute(name)) : null;
    }
}
