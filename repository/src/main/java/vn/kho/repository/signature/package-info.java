/**
 * CMS (PKCS#7) signing and verification primitives, on Bouncy Castle and the JDK's own providers.
 *
 * <p>{@link vn.kho.repository.signature.CmsVerifier} checks a detached signature against a
 * {@link vn.kho.repository.signature.TrustStore} (trust anchors, intermediates and CRLs from a folder named in the
 * configuration) and answers, per signer, a {@link vn.kho.repository.signature.CmsVerification}: an outcome, an
 * English message that names the certificate, date or CRL that decided, and the {@link
 * vn.kho.repository.signature.Evidence} (certificates, CRLs, timestamp tokens) to keep beside the package; it checks a
 * PDF's RFC 3161 document timestamp the same way, its timestamp authority standing as the signer. Findings are
 * data: nothing wrong with a signature is thrown. Nothing here ever touches the network: revocation is decided from
 * the CRLs the caller hands over, and no CRL means {@link vn.kho.repository.signature.SignatureOutcome#REVOCATION_UNKNOWN}.
 *
 * <p>{@link vn.kho.repository.signature.ArchiveSigner} holds the archive's own key and signs receipts and METS so that
 * {@code openssl cms -verify} can check them with the archive certificate as its only trust anchor.
 */
package vn.kho.repository.signature;
