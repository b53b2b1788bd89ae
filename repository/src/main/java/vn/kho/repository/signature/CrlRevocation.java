package vn.kho.repository.signature;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Decides revocation of each non-anchor certificate of a path at one instant from CRLs alone, never the network.
 *
 * <p>A CRL counts only if it names the certificate's issuer, its signature verifies with the issuer's key, and the
 * issuer may sign CRLs (keyUsage cRLSign when keyUsage is present). It proves revocation if it lists the serial with a
 * revocation date, or an invalidity date, at or before the instant. It proves non-revocation if it is complete for
 * the certificate (no delta, not indirect, not limited to some reasons, its scope includes the certificate) and
 * covers the instant: issued after it, or current at it ({@code thisUpdate <= at <= nextUpdate}, or no nextUpdate).
 */
final class CrlRevocation {
    private static final String IDP = "2.5.29.28";
    private static final String DELTA = "2.5.29.27";
    private static final String CRL_DP = "2.5.29.31";
    private static final String INVALIDITY_DATE = "2.5.29.24";
    private static final Set<String> KNOWN_CRITICAL = Set.of(IDP, DELTA, "2.5.29.20", "2.5.29.35");

    private CrlRevocation() {}

    /** The decision for a whole path: the worst certificate's outcome, every message, every CRL used. */
    record Decision(SignatureOutcome outcome, List<String> notes, List<X509CRL> crlsUsed) {
        Decision {
            notes = List.copyOf(notes);
            crlsUsed = List.copyOf(crlsUsed);
        }

        /** The note that decided a {@link SignatureOutcome#REVOKED} or unknown outcome, else all notes joined. */
        String problem() {
            String decisive = outcome == SignatureOutcome.REVOKED ? " was revoked on " : "cannot be decided";
            return notes.stream().filter(n -> n.contains(decisive)).findFirst().orElse(String.join("; ", notes));
        }
    }

    /**
     * Checks every certificate of {@code chain} but its last (the anchor) at {@code at}. The outcome is {@link
     * SignatureOutcome#VALID}, {@link SignatureOutcome#REVOKED} or {@link SignatureOutcome#REVOCATION_UNKNOWN}; the
     * notes say which CRL decided, for every certificate.
     */
    static Decision check(List<X509Certificate> chain, Instant at, Collection<X509CRL> crls) {
        SignatureOutcome worst = SignatureOutcome.VALID;
        List<String> notes = new ArrayList<>();
        List<X509CRL> used = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            SignatureOutcome outcome = checkOne(cert, issuer, at, crls, notes, used);
            if (outcome.isWorseThan(worst)) {
                worst = outcome;
            }
        }
        return new Decision(worst, notes, used);
    }

    private static SignatureOutcome checkOne(
            X509Certificate cert,
            X509Certificate issuer,
            Instant at,
            Collection<X509CRL> crls,
            List<String> notes,
            List<X509CRL> used) {
        List<X509CRL> fromIssuer = crls.stream()
                .filter(crl -> signedBy(crl, issuer))
                .sorted(Comparator.comparing(X509CRL::getThisUpdate).reversed())
                .toList();
        String who = "certificate " + Certificates.describe(cert);
        X509CRL laterRevocation = null;
        for (X509CRL crl : fromIssuer) {
            X509CRLEntry entry = crl.getRevokedCertificate(cert);
            if (entry == null || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
                continue;
            }
            Instant revoked = entry.getRevocationDate().toInstant();
            Instant invalid = invalidityDate(entry);
            Instant effective = invalid != null && invalid.isBefore(revoked) ? invalid : revoked;
            if (!effective.isAfter(at)) {
                used.add(crl);
                notes.add(who + " was revoked on " + revoked
                        + (invalid != null ? " (key invalid since " + invalid + ")" : "")
                        + reason(entry) + ", at or before the validation time " + at + ", says "
                        + Certificates.describe(crl));
                return SignatureOutcome.REVOKED;
            }
            laterRevocation = laterRevocation == null ? crl : laterRevocation;
        }
        for (X509CRL crl : fromIssuer) {
            if (covers(crl, at) && complete(crl, cert)) {
                used.add(crl);
                if (laterRevocation != null) {
                    used.add(laterRevocation);
                    notes.add(who + " was revoked only after the validation time " + at + ", says "
                            + Certificates.describe(laterRevocation));
                } else {
                    notes.add(who + " was not revoked at " + at + ", says " + Certificates.describe(crl));
                }
                return SignatureOutcome.VALID;
            }
        }
        String issuerName = "'" + SignerIdentity.dn(issuer.getSubjectX500Principal()) + "'";
        if (fromIssuer.isEmpty()) {
            notes.add("no CRL signed by " + issuerName + " is known, so the revocation of " + who + " at " + at
                    + " cannot be decided");
        } else {
            notes.add("no CRL of " + issuerName + " covers the validation time " + at + " (the newest is "
                    + Certificates.describe(fromIssuer.get(0)) + "), so the revocation of " + who
                    + " cannot be decided");
        }
        return SignatureOutcome.REVOCATION_UNKNOWN;
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length < 7 || !keyUsage[6])) {
            return false;
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null && !KNOWN_CRITICAL.containsAll(critical)) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean covers(X509CRL crl, Instant at) {
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(at)) {
            return true;
        }
        return crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isBefore(at);
    }

    /** Whether {@code crl} lists every revoked certificate of its issuer that {@code cert} could be. */
    private static boolean complete(X509CRL crl, X509Certificate cert) {
        try {
            return scopeIncludes(crl, cert);
        } catch (RuntimeException unreadableExtension) {
            return false;
        }
    }

    private static boolean scopeIncludes(X509CRL crl, X509Certificate cert) {
        if (crl.getExtensionValue(DELTA) != null) {
            return false;
        }
        byte[] idpValue = crl.getExtensionValue(IDP);
        if (idpValue == null) {
            return true;
        }
        IssuingDistributionPoint idp = IssuingDistributionPoint.getInstance(octets(idpValue));
        if (idp.isIndirectCRL() || idp.getOnlySomeReasons() != null || idp.onlyContainsAttributeCerts()) {
            return false;
        }
        boolean isCa = cert.getBasicConstraints() >= 0;
        if ((idp.onlyContainsUserCerts() && isCa) || (idp.onlyContainsCACerts() && !isCa)) {
            return false;
        }
        return idp.getDistributionPoint() == null || namedIn(idp.getDistributionPoint(), cert);
    }

    /** Whether the certificate's CRL distribution points include the partition {@code name}. */
    private static boolean namedIn(DistributionPointName name, X509Certificate cert) {
        byte[] dpValue = cert.getExtensionValue(CRL_DP);
        if (dpValue == null) {
            return false;
        }
        for (DistributionPoint dp : CRLDistPoint.getInstance(octets(dpValue)).getDistributionPoints()) {
            DistributionPointName theirs = dp.getDistributionPoint();
            if (theirs == null) {
                continue;
            }
            if (theirs.getType() == DistributionPointName.FULL_NAME
                    && name.getType() == DistributionPointName.FULL_NAME) {
                var ours =
                        Arrays.asList(GeneralNames.getInstance(name.getName()).getNames());
                if (Arrays.stream(GeneralNames.getInstance(theirs.getName()).getNames())
                        .anyMatch(ours::contains)) {
                    return true;
                }
            } else if (theirs.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Instant invalidityDate(X509CRLEntry entry) {
        byte[] value = entry.getExtensionValue(INVALIDITY_DATE);
        if (value == null) {
            return null;
        }
        try {
            return ASN1GeneralizedTime.getInstance(octets(value)).getDate().toInstant();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    private static String reason(X509CRLEntry entry) {
        CRLReason reason = entry.getRevocationReason();
        return reason == null ? "" : " (reason " + reason + ")";
    }

    private static ASN1Primitive octets(byte[] extensionValue) {
        try {
            return ASN1Primitive.fromByteArray(
                    ASN1OctetString.getInstance(extensionValue).getOctets());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable extension", e);
        }
    }
}
