package vn.kho.ingest.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.Submitter;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.Severity;
import vn.kho.repository.signature.CmsVerification;
import vn.kho.repository.signature.CmsVerifier;
import vn.kho.repository.signature.ContentSource;
import vn.kho.repository.signature.SignatureOutcome;
import vn.kho.repository.signature.SignatureRecord;
import vn.kho.repository.signature.SignerIdentity;

/**
 * The signature checks of a package, after its structure was read:
 *
 * <ul>
 *   <li>the package signature: a detached CMS of the root {@code METS.xml} in {@code METS.xml.p7s} (TT05 SIP), or of
 *       {@code tagmanifest-sha256.txt} in {@code tagmanifest-sha256.txt.p7s} (bag), checked with {@link CmsVerifier};
 *   <li>every signature of every PDF ({@link PdfSignatureScanner}): the CMS over its {@code /ByteRange}, or for a
 *       document timestamp ({@code /SubFilter /ETSI.RFC3161}, as PAdES B-LTA documents end with) the RFC 3161 token
 *       over it, and what changed after it ({@code SIGNATURE_MODIFIED_AFTER});
 *   <li>whether the agency had to sign ({@link SignatureRequirement}), by its identifier in the signer's certificate
 *       and by the one the package claims: either requiring a signature requires it ({@code SIGNATURE_REQUIRED}), and
 *       the two differing is reported ({@code SIGNATURE_AGENCY_MISMATCH}).
 * </ul>
 *
 * The validation time is the ingest's (or an earlier one a trusted timestamp proves; a document timestamp's own
 * time for the document timestamp). CRLs come from the trust
 * folder and from {@code .crl} files in the package; nothing is fetched. Each signature becomes a
 * {@link SignatureRecord} and a finding with its outcome's code, graded by {@link #severityOf}; the policy may change
 * that.
 */
public final class SignatureChecker {
    public static final String EVIDENCE_DIR = EvidenceFiles.DIR;
    public static final String METS_SIGNATURE = "METS.xml.p7s";
    public static final String TAGMANIFEST_SIGNATURE = "tagmanifest-sha256.txt.p7s";
    /** A detached signature larger than this is not read: certificates and CRLs included, real ones are far smaller. */
    static final long MAX_SIGNATURE_BYTES = 16L << 20;

    private final CmsVerifier verifier;
    private final PdfSignatureScanner pdfs;
    private final SignatureRequirement requirement;

    public SignatureChecker(CmsVerifier verifier, PdfSignatureScanner pdfs, SignatureRequirement requirement) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.pdfs = Objects.requireNonNull(pdfs, "pdfs");
        this.requirement = Objects.requireNonNull(requirement, "requirement");
    }

    /**
     * The severity a check gives an outcome before the policy: an error for a signature that proves a change or is no
     * signature at all (BROKEN, MODIFIED_AFTER, MALFORMED, NO_SIGNER); a warning for one that verifies but cannot be
     * trusted today (UNTRUSTED, EXPIRED, REVOKED, REVOCATION_UNKNOWN, WEAK_ALGORITHM), since archives receive records
     * signed years ago with certificates long expired; information for VALID.
     */
    public static Severity severityOf(String outcome) {
        return switch (outcome) {
            case "VALID" -> Severity.INFO;
            case "BROKEN", "MODIFIED_AFTER", "MALFORMED", "NO_SIGNER" -> Severity.ERROR;
            default -> Severity.WARNING;
        };
    }

    /**
     * Checks the signatures of the package at {@code root}.
     *
     * @param pdfFiles root-relative paths of the files identified as PDF
     * @param ingestTime the validation time unless a trusted timestamp proves an earlier one
     */
    public SignatureCheck check(
            PackageRoot root, ParsedPackage parsed, Collection<String> pdfFiles, Instant ingestTime) {
        Map<String, String> aipPathOf = aipPaths(root, parsed);
        EvidenceFiles evidence = new EvidenceFiles();
        List<SignatureRecord> records = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<X509CRL> packageCrls = packageCrls(root, findings);

        String signed = parsed.format() == PackageFormat.BAGIT ? "tagmanifest-sha256.txt" : "METS.xml";
        String signature = signed + ".p7s";
        Optional<SignatureRecord> packageSignature = Optional.empty();
        if (root.files().containsKey(signature)) {
            if (!root.files().containsKey(signed)) {
                findings.add(Finding.error(
                        "SIGNATURE_SIGNED_FILE_MISSING",
                        signature + " signs " + signed + ", which is not in the package",
                        signature));
            } else if (root.files().get(signature).size() > MAX_SIGNATURE_BYTES) {
                findings.add(Finding.error(
                        "SIGNATURE_MALFORMED",
                        signature + " is " + root.files().get(signature).size() + " bytes, more than a signature"
                                + " can be (" + MAX_SIGNATURE_BYTES + "); it was not read",
                        signature));
            } else {
                List<CmsVerification> verifications = verifier.verifyDetached(
                        read(root.dir().resolve(signature)),
                        ContentSource.of(root.dir().resolve(signed)),
                        ingestTime,
                        packageCrls,
                        List.of());
                int ordinal = 0;
                for (CmsVerification v : verifications) {
                    SignatureRecord r = record(
                            aipPathOf.get(signed),
                            SignatureRecord.Kind.DETACHED_CMS,
                            ++ordinal,
                            aipPathOf.get(signature),
                            null,
                            v.outcome(),
                            v.message(),
                            v,
                            null,
                            evidence);
                    records.add(r);
                    findings.add(finding(r, signed, "package signature " + signature));
                    if (packageSignature.isEmpty() || r.isValid()) {
                        packageSignature = Optional.of(r);
                    }
                }
            }
        }
        for (String pdf : pdfFiles) {
            checkPdf(root.dir().resolve(pdf), pdf, aipPathOf.get(pdf), ingestTime, packageCrls, evidence)
                    .forEach(r -> {
                        records.add(r);
                        findings.add(finding(r, pdf, "signature " + r.ordinal() + " of " + pdf));
                    });
        }
        findings.addAll(requirementFindings(parsed.submitter(), packageSignature, signature));
        return new SignatureCheck(records, findings, evidence.files());
    }

    private List<SignatureRecord> checkPdf(
            Path file,
            String relative,
            String aipPath,
            Instant ingestTime,
            List<X509CRL> packageCrls,
            EvidenceFiles evidence) {
        List<SignatureRecord> out = new ArrayList<>();
        List<PdfSignature> signatures = pdfs.scan(file);
        if (signatures.isEmpty()) {
            return out;
        }
        // the document's own validation data (its DSS) counts as the package's
        PdfValidationData dss = pdfs.validationData(file);
        List<X509CRL> crls = new ArrayList<>(packageCrls);
        List<X509Certificate> certificates = new ArrayList<>();
        parse(dss.crls(), dss.certificates(), crls, certificates);
        int ordinal = 0;
        for (PdfSignature s : signatures) {
            ordinal++;
            Instant claimed = s.claimedSigningTime() == null
                    ? null
                    : s.claimedSigningTime().toInstant();
            if (!s.problems().isEmpty()) {
                out.add(unverified(
                        aipPath,
                        ordinal,
                        s,
                        SignatureOutcome.MALFORMED,
                        String.join("; ", s.problems()),
                        ingestTime,
                        claimed));
                continue;
            }
            switch (s.form()) {
                case SHA1_DIGEST_CMS -> {
                    out.add(unverified(
                            aipPath,
                            ordinal,
                            s,
                            SignatureOutcome.WEAK_ALGORITHM,
                            "SubFilter adbe.pkcs7.sha1 signs a SHA-1 digest of the document, which no longer proves"
                                    + " integrity (deprecated by PDF 2.0)",
                            ingestTime,
                            claimed));
                    continue;
                }
                case UNSUPPORTED -> {
                    out.add(unverified(
                            aipPath,
                            ordinal,
                            s,
                            SignatureOutcome.MALFORMED,
                            "SubFilter " + s.subFilter() + " is not a CMS signature Kho can verify",
                            ingestTime,
                            claimed));
                    continue;
                }
                case DETACHED_CMS, DOCUMENT_TIMESTAMP -> {
                    // checked below
                }
            }
            CmsVerification v = s.form() == SignatureForm.DOCUMENT_TIMESTAMP
                    ? verifier.verifyDocumentTimestamp(s.cms(), s::openSignedBytes, ingestTime, crls)
                    : CmsVerification.worst(
                            verifier.verifyDetached(s.cms(), s::openSignedBytes, ingestTime, crls, certificates));
            SignatureOutcome outcome = v.outcome();
            String message = v.message();
            if (!s.modification().isIntact()
                    && SignatureOutcome.MODIFIED_AFTER.isWorseThan(outcome)
                    && s.modification().kind() == Modification.Kind.MODIFIED) {
                outcome = SignatureOutcome.MODIFIED_AFTER;
                message = "the document was changed after this signature: "
                        + s.modification().message() + " (the signature itself: " + v.message() + ")";
            } else if (s.modification().kind() == Modification.Kind.UNDETERMINED) {
                message = message + "; changes after the signature could not be determined: "
                        + s.modification().message();
            }
            out.add(record(
                    aipPath,
                    SignatureRecord.Kind.PDF,
                    ordinal,
                    null,
                    s.fieldName(),
                    outcome,
                    message,
                    v,
                    claimed,
                    evidence));
        }
        return out;
    }

    private static SignatureRecord unverified(
            String aipPath,
            int ordinal,
            PdfSignature s,
            SignatureOutcome outcome,
            String message,
            Instant ingestTime,
            Instant claimed) {
        return new SignatureRecord(
                aipPath,
                SignatureRecord.Kind.PDF,
                ordinal,
                null,
                s.fieldName(),
                outcome.name(),
                message,
                null,
                null,
                null,
                null,
                claimed,
                null,
                ingestTime,
                null,
                null,
                List.of());
    }

    private static SignatureRecord record(
            String aipPath,
            SignatureRecord.Kind kind,
            int ordinal,
            String signaturePath,
            String field,
            SignatureOutcome outcome,
            String message,
            CmsVerification v,
            Instant claimedFallback,
            EvidenceFiles evidence) {
        Optional<SignerIdentity> signer = v.signer();
        return new SignatureRecord(
                aipPath,
                kind,
                ordinal,
                signaturePath,
                field,
                outcome.name(),
                message,
                signer.map(SignerIdentity::subjectDn).orElse(null),
                signer.map(SignerIdentity::organisationCode).orElse(null),
                signer.map(SignerIdentity::issuerDn).orElse(null),
                signer.map(SignerIdentity::serialHex).orElse(null),
                v.signingTime() != null ? v.signingTime() : claimedFallback,
                v.timestampTime(),
                v.validationTime(),
                v.digestAlgorithm(),
                v.signatureAlgorithm(),
                evidence.add(v.evidence()));
    }

    private static Finding finding(SignatureRecord r, String relative, String what) {
        String who = r.signer() == null ? "" : " by " + r.signer();
        return new Finding(severityOf(r.outcome()), r.findingCode(), what + who + ": " + r.message(), relative);
    }

    private List<Finding> requirementFindings(
            Optional<Submitter> submitter, Optional<SignatureRecord> packageSignature, String signatureFile) {
        String claimed = submitter.map(Submitter::code).orElse(null);
        String certified = packageSignature
                .filter(SignatureRecord::isValid)
                .map(SignatureRecord::organisation)
                .orElse(null);
        List<Finding> out = new ArrayList<>();
        boolean required =
                requirement.requiredFor(claimed) || (certified != null && requirement.requiredFor(certified));
        if (required && packageSignature.filter(SignatureRecord::isValid).isEmpty()) {
            String agency = certified != null ? certified : claimed != null ? claimed : "an unnamed agency";
            out.add(Finding.error(
                    "SIGNATURE_REQUIRED",
                    "packages from " + agency + " must carry a valid package signature (" + signatureFile + "); "
                            + packageSignature
                                    .map(r -> "its signature is " + r.outcome())
                                    .orElse("there is none"),
                    signatureFile));
        }
        if (certified != null && claimed != null && !certified.equals(claimed)) {
            out.add(Finding.warning(
                    "SIGNATURE_AGENCY_MISMATCH",
                    "the package says it comes from " + claimed + ", but its signer's certificate names " + certified,
                    signatureFile));
        }
        return out;
    }

    /** AIP path of every root-relative path: its content copy, or else its submission/ copy. */
    private static Map<String, String> aipPaths(PackageRoot root, ParsedPackage parsed) {
        Map<String, String> out = new HashMap<>();
        for (String rel : root.files().keySet()) {
            out.put(rel, "submission/" + root.prefix() + rel);
        }
        parsed.content().forEach((aip, rel) -> out.put(rel, aip));
        return out;
    }

    /** CRLs the package carries ({@code .crl} files, DER or PEM); one that does not parse is reported and skipped. */
    private static List<X509CRL> packageCrls(PackageRoot root, List<Finding> findings) {
        List<X509CRL> crls = new ArrayList<>();
        for (String rel : root.files().keySet()) {
            if (!rel.toLowerCase(java.util.Locale.ROOT).endsWith(".crl")) {
                continue;
            }
            try (InputStream in = Files.newInputStream(root.dir().resolve(rel))) {
                for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    crls.add((X509CRL) crl);
                }
            } catch (CRLException | CertificateException | IOException e) {
                findings.add(Finding.warning(
                        "SIGNATURE_CRL_UNREADABLE", rel + " is not a readable CRL: " + e.getMessage(), rel));
            }
        }
        return crls;
    }

    /** Parses DER CRLs and certificates; one that does not parse is skipped (it cannot have decided anything). */
    private static void parse(
            List<byte[]> derCrls, List<byte[]> derCertificates, List<X509CRL> crls, List<X509Certificate> certs) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK has an X.509 certificate factory", e);
        }
        for (byte[] der : derCrls) {
            try {
                crls.add((X509CRL) factory.generateCRL(new java.io.ByteArrayInputStream(der)));
            } catch (CRLException | RuntimeException e) {
                // not a CRL: nothing to decide with
            }
        }
        for (byte[] der : derCertificates) {
            try {
                certs.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                // not a certificate: nothing to build a path with
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
