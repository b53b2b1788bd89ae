package vn.kho.ingest.signature;

/** What the value in a signature's /Contents signs, as its /SubFilter declares. */
public enum SignatureForm {
    /**
     * {@code adbe.pkcs7.detached} and {@code ETSI.CAdES.detached}: a CMS SignedData whose detached content is the
     * signed bytes (the two byte ranges).
     */
    DETACHED_CMS,
    /**
     * {@code adbe.pkcs7.sha1}: a CMS SignedData that encapsulates the SHA-1 digest of the signed bytes. Only as strong
     * as SHA-1; PDF 2.0 deprecates it.
     */
    SHA1_DIGEST_CMS,
    /**
     * {@code ETSI.RFC3161}: a document timestamp, an RFC 3161 timestamp token whose message imprint is the digest of
     * the signed bytes.
     */
    DOCUMENT_TIMESTAMP,
    /** Any other or no /SubFilter (for example {@code adbe.x509.rsa_sha1}, a bare PKCS#1 signature): not a CMS. */
    UNSUPPORTED;

    public static SignatureForm ofSubFilter(String subFilter) {
        if (subFilter == null) {
            return UNSUPPORTED;
        }
        return switch (subFilter) {
            case "adbe.pkcs7.detached", "ETSI.CAdES.detached" -> DETACHED_CMS;
            case "adbe.pkcs7.sha1" -> SHA1_DIGEST_CMS;
            case "ETSI.RFC3161" -> DOCUMENT_TIMESTAMP;
            default -> UNSUPPORTED;
        };
    }
}
