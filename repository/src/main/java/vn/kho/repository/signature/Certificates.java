package vn.kho.repository.signature;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How certificates and CRLs are named in messages, and the issuer test path building and CRL checks share. */
final class Certificates {
    private Certificates() {}

    /** {@code 'CN=...,O=...' (serial 1a2b)}. */
    static String describe(X509Certificate c) {
        return "'" + SignerIdentity.dn(c.getSubjectX500Principal()) + "' (serial "
                + SignerIdentity.serialHex(c.getSerialNumber()) + ")";
    }

    /** {@code the CRL of 'CN=...' issued 2025-01-01T00:00:00Z}. */
    static String describe(X509CRL crl) {
        return "the CRL of '" + SignerIdentity.dn(crl.getIssuerX500Principal()) + "' issued "
                + crl.getThisUpdate().toInstant()
                + (crl.getNextUpdate() == null
                        ? ""
                        : " (next update " + crl.getNextUpdate().toInstant() + ")");
    }

    /** Whether {@code issuer} names itself as {@code cert}'s issuer and its key verifies {@code cert}'s signature. */
    static boolean issued(X509Certificate issuer, X509Certificate cert) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * {@code the path through 'B' reaches the trust anchor 'C'} for {@code chain} (signer first, anchor last), the
     * signer left out: messages name it already.
     */
    static String pathText(List<X509Certificate> chain) {
        if (chain.size() == 1) {
            return "its certificate is itself a trust anchor";
        }
        List<String> between = new ArrayList<>();
        for (X509Certificate c : chain.subList(1, chain.size() - 1)) {
            between.add("'" + SignerIdentity.dn(c.getSubjectX500Principal()) + "'");
        }
        String anchor = "the trust anchor '"
                + SignerIdentity.dn(chain.get(chain.size() - 1).getSubjectX500Principal()) + "'";
        return between.isEmpty()
                ? "its certificate was issued by " + anchor
                : "the path through " + String.join(", ", between) + " reaches " + anchor;
    }

    static boolean validAt(X509Certificate c, Instant at) {
        return !at.isBefore(c.getNotBefore().toInstant())
                && !at.isAfter(c.getNotAfter().toInstant());
    }
}
