package vn.kho.ingest.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kho.ingest.Submitter;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.Receipt;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;
import vn.kho.repository.signature.DetachedSigner;
import vn.kho.repository.signature.SignatureRecord;

/**
 * Issues the ingest receipt (biên bản giao nhận) of a finished ingest: what was received (the upload's size and
 * SHA-256, every submitted file with its size and SHA-256), from whom, what became of it (outcome, package id,
 * fileCode, the error codes that refused it, the signatures found), and when; as UTF-8 JSON, signed by the archive's
 * key with a detached CMS signature. Anyone can check it without Kho:
 *
 * <pre>
 * openssl cms -verify -binary -inform DER -content receipt.json -in receipt.p7s -CAfile archive.pem
 * </pre>
 *
 * The JSON's shape is versioned ({@code "receiptVersion": 1}); fields are never renamed, only added.
 */
public final class ReceiptIssuer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DetachedSigner signer;
    private final String agent;
    private final String archiveName;

    /**
     * @param signer the archive's key
     * @param agent the software issuing it, e.g. "Kho 0.1.0"
     * @param archiveName the archive's name as the receipt gives it
     */
    public ReceiptIssuer(DetachedSigner signer, String agent, String archiveName) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.archiveName = Objects.requireNonNull(archiveName, "archiveName");
    }

    /**
     * What Kho learnt of the package before the ingest ended; everything may be missing for a package refused before
     * it could be read.
     *
     * @param files the submitted files, as unpacked (package paths as in the zip)
     * @param descriptive the package's descriptive record, when it was read
     * @param submitter the agency the package names, when it does
     * @param signatures the signatures checked
     */
    public record Contents(
            List<UnpackedFile> files,
            Optional<DescriptiveRecord> descriptive,
            Optional<Submitter> submitter,
            List<SignatureRecord> signatures) {
        public Contents {
            files = List.copyOf(files);
            Objects.requireNonNull(descriptive, "descriptive");
            Objects.requireNonNull(submitter, "submitter");
            signatures = List.copyOf(signatures);
        }

        public static Contents nothing() {
            return new Contents(List.of(), Optional.empty(), Optional.empty(), List.of());
        }
    }

    /** The signed receipt of {@code job}, which must be final. */
    public Receipt issue(IngestJob job, Contents contents) {
        if (!job.status().isFinal()) {
            throw new IllegalArgumentException("ingest " + job.id() + " has not ended: " + job.status());
        }
        byte[] json = json(job, contents);
        return new Receipt(json, signer.signDetached(new ByteArrayInputStream(json)));
    }

    private byte[] json(IngestJob job, Contents contents) {
        ObjectNode r = JSON.createObjectNode();
        r.put("type", "kho-ingest-receipt");
        r.put("receiptVersion", 1);
        r.put("title", "Biên bản giao nhận hồ sơ, tài liệu điện tử / Ingest receipt");
        r.put("ingest", job.id().toString());
        r.put("outcome", job.status().name());
        r.put("received", job.received().toString());
        r.put("decided", job.updated().toString());
        r.put("package", job.packageId() == null ? null : job.packageId().urn());
        DescriptiveRecord d = contents.descriptive().orElse(null);
        r.put("fileCode", d == null ? null : d.identifier());
        r.put("packageTitle", d == null ? null : d.title());
        ObjectNode agency = r.putObject("submittingAgency");
        Submitter claimed = contents.submitter().orElse(new Submitter(null, null));
        agency.put("name", claimed.name());
        agency.put("code", claimed.code());
        String signedBy = contents.signatures().stream()
                .filter(s -> s.kind() == SignatureRecord.Kind.DETACHED_CMS && s.isValid())
                .map(SignatureRecord::organisation)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        agency.put("codeInPackageSignature", signedBy);
        ObjectNode upload = r.putObject("upload");
        upload.put("size", job.uploadSize());
        upload.put("sha256", job.uploadSha256());
        ArrayNode files = r.putArray("files");
        for (UnpackedFile f : contents.files()) {
            files.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
        }
        ObjectNode findings = r.putObject("findings");
        findings.put("errors", count(job, Severity.ERROR));
        findings.put("warnings", count(job, Severity.WARNING));
        ArrayNode errorCodes = findings.putArray("errorCodes");
        job.findings().stream()
                .filter(Finding::isError)
                .map(Finding::code)
                .distinct()
                .forEach(errorCodes::add);
        ArrayNode signatures = r.putArray("signatures");
        for (SignatureRecord s : contents.signatures()) {
            ObjectNode o = signatures.addObject();
            o.put("path", s.path());
            o.put("kind", s.kind().name());
            o.put("ordinal", s.ordinal());
            o.put("outcome", s.outcome());
            o.put("signer", s.signer());
            o.put("organisation", s.organisation());
        }
        ObjectNode archive = r.putObject("archive");
        archive.put("name", archiveName);
        archive.put("software", agent);
        archive.put("certificateSha256", certificateDigest());
        try {
            return JSON.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is always serialisable", e);
        }
    }

    private static long count(IngestJob job, Severity severity) {
        return job.findings().stream().filter(f -> f.severity() == severity).count();
    }

    private String certificateDigest() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(signer.certificate().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot digest the archive's certificate", e);
        }
    }
}
