package vn.kho.repository.signature;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;

/**
 * What every check of one signature works with: the trust anchors, the algorithm policy, the time of ingest, the
 * certificates to build paths from and the CRLs to decide revocation from (besides the trust store's).
 */
record CheckContext(
        TrustStore trust,
        VerificationPolicy policy,
        Instant ingestTime,
        Collection<X509Certificate> pool,
        Collection<X509CRL> crls) {}
