package vn.kho.repository.signature;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Kho decided about one signature at ingest, as the AIP keeps it (PREMIS {@code signatureInformation} of the
 * signed file) and the index and RDF graph publish it. Everything here can be read back from the AIP.
 *
 * @param path the AIP logical path of the signed file: the PDF, or the file a detached signature covers (the
 *     submitted {@code METS.xml} or {@code tagmanifest-sha256.txt}, under {@code submission/})
 * @param kind {@link Kind#DETACHED_CMS} or {@link Kind#PDF}
 * @param ordinal the signature's place among the file's signatures, from 1, in the order they were made
 * @param signaturePath the AIP path of the detached signature file ({@code ….p7s}); for a PDF, null
 * @param field the PDF signature field's name; null for a detached signature
 * @param outcome the verdict, a {@code SignatureOutcome} name ({@code VALID}, {@code REVOKED}, …); kept as text so an
 *     AIP written by a later Kho with more outcomes still reads
 * @param message why, in words (which certificate, which date, which CRL)
 * @param signer the signer certificate's subject DN; null when no signer could be read
 * @param organisation the organisation code in the signer's certificate (see {@code SignerIdentity}); null if none
 * @param issuer the signer certificate's issuer DN
 * @param serial the signer certificate's serial number, hex
 * @param claimedSigningTime the time the signature claims (CMS signingTime or the PDF's {@code /M}); proves nothing
 * @param timestampTime the time a trusted RFC 3161 timestamp proves; null when there is none
 * @param validationTime the time validity was judged at: the timestamp's, or else the ingest's
 * @param digestAlgorithm for example SHA-256
 * @param signatureAlgorithm for example SHA256withRSA
 * @param evidence AIP paths of the certificates, CRLs and timestamp tokens the decision used
 */
public record SignatureRecord(
        String path,
        Kind kind,
        int ordinal,
        String signaturePath,
        String field,
        String outcome,
        String message,
        String signer,
        String organisation,
        String issuer,
        String serial,
        Instant claimedSigningTime,
        Instant timestampTime,
        Instant validationTime,
        String digestAlgorithm,
        String signatureAlgorithm,
        List<String> evidence) {
    private static final Pattern OUTCOME = Pattern.compile("[A-Z][A-Z_]*");

    /** How the signature is carried. */
    public enum Kind {
        /** A detached CMS (PKCS#7) signature file beside the signed file. */
        DETACHED_CMS,
        /** A CMS signature inside a PDF, or an RFC 3161 document timestamp, over its {@code /ByteRange}. */
        PDF
    }

    public SignatureRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(validationTime, "validationTime");
        if (outcome == null || !OUTCOME.matcher(outcome).matches()) {
            throw new IllegalArgumentException("outcome must be an UPPER_SNAKE name: " + outcome);
        }
        if (ordinal < 1) {
            throw new IllegalArgumentException("ordinal < 1");
        }
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean isValid() {
        return outcome.equals("VALID");
    }

    /** The finding code of this record's outcome: {@code SIGNATURE_} + outcome. */
    public String findingCode() {
        return "SIGNATURE_" + outcome;
    }
}
