package vn.kho.repository.signature;

import java.io.InputStream;
import java.security.cert.X509Certificate;

/** Makes detached CMS signatures with one key: the archive's own, in Kho. */
public interface DetachedSigner {
    /**
     * A DER CMS SignedData, detached, over every byte of {@code content} (read to its end, not closed), with the
     * signing certificate included.
     */
    byte[] signDetached(InputStream content);

    /** The certificate that verifies this signer's signatures. */
    X509Certificate certificate();
}
