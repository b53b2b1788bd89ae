package vn.kho.repository.signature;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a path from a certificate to a trust anchor by names and signatures alone, so that a path with an expired
 * certificate is still found (and reported as expired, not as untrusted); then checks it against RFC 5280 with the
 * JDK's PKIX validator, revocation off.
 */
final class CertificatePaths {
    private static final int MAX_DEPTH = 10;

    private CertificatePaths() {}

    /**
     * A path {@code [target, ..., anchor]} whose certificates come from {@code pool} and whose last is an anchor of
     * {@code trust}; {@code [target]} alone when target is an anchor. Issuers valid at {@code at} are tried first.
     */
    static Optional<List<X509Certificate>> build(
            X509Certificate target, TrustStore trust, Collection<X509Certificate> pool, Instant at) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(target);
        return search(path, trust, List.copyOf(Set.copyOf(pool)), at)
                ? Optional.of(List.copyOf(path))
                : Optional.empty();
    }

    private static boolean search(
            List<X509Certificate> path, TrustStore trust, List<X509Certificate> pool, Instant at) {
        X509Certificate last = path.get(path.size() - 1);
        if (trust.isAnchor(last)) {
            return true;
        }
        for (X509Certificate anchor : trust.anchors()) {
            if (Certificates.issued(anchor, last)) {
                path.add(anchor);
                return true;
            }
        }
        if (path.size() >= MAX_DEPTH) {
            return false;
        }
        List<X509Certificate> issuers = pool.stream()
                .filter(c -> !path.contains(c) && Certificates.issued(c, last))
                .sorted(Comparator.comparing((X509Certificate c) -> !Certificates.validAt(c, at)))
                .toList();
        for (X509Certificate issuer : issuers) {
            path.add(issuer);
            if (search(path, trust, pool, at)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    /** The first certificate of {@code chain} not valid at {@code at}, with why, or empty. */
    static Optional<String> validityProblem(List<X509Certificate> chain, Instant at) {
        for (X509Certificate c : chain) {
            Instant notBefore = c.getNotBefore().toInstant();
            Instant notAfter = c.getNotAfter().toInstant();
            if (at.isAfter(notAfter)) {
                return Optional.of("certificate " + Certificates.describe(c) + " expired on " + notAfter
                        + ", before the validation time " + at);
            }
            if (at.isBefore(notBefore)) {
                return Optional.of("certificate " + Certificates.describe(c) + " is not valid before " + notBefore
                        + ", after the validation time " + at);
            }
        }
        return Optional.empty();
    }

    /**
     * What RFC 5280 path validation at {@code at} finds wrong with {@code chain} (CA flags, key usage of CAs, path
     * length, name constraints, unknown critical extensions), or empty. Validity dates are checked first by
     * {@link #validityProblem}; revocation is left to {@link CrlRevocation}.
     */
    static Optional<String> pkixProblem(List<X509Certificate> chain, Instant at) {
        if (chain.size() < 2) {
            return Optional.empty();
        }
        X509Certificate anchor = chain.get(chain.size() - 1);
        try {
            CertPath path =
                    CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            String which = e.getIndex() >= 0 && e.getIndex() < chain.size()
                    ? " at certificate " + Certificates.describe(chain.get(e.getIndex()))
                    : "";
            return Optional.of("the certificate path breaks a PKIX rule" + which + ": " + e.getMessage());
        } catch (InvalidAlgorithmParameterException e) {
            return Optional.of("the certificate path cannot be checked: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PKIX validator", e);
        }
    }
}
