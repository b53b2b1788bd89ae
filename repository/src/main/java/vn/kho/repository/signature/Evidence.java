package vn.kho.repository.signature;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a signature decision rested on, to be kept in the archive beside the package so the decision can be checked
 * again in fifty years without the network: the certificates of the signer's chain and of the timestamp
 * authority's chain, the CRLs that decided revocation, and the DER bytes of the RFC 3161 timestamp tokens that
 * set the validation time (signature timestamps that counted, or the document timestamp that was checked). Certificates and CRLs appear once each, in the order first met.
 */
public record Evidence(List<X509Certificate> certificates, List<X509CRL> crls, List<byte[]> timestampTokens) {
    public Evidence {
        certificates = List.copyOf(new LinkedHashSet<>(certificates));
        crls = List.copyOf(new LinkedHashSet<>(crls));
        timestampTokens = timestampTokens.stream().map(byte[]::clone).toList();
    }

    /** No evidence (a signature that could not be read). */
    public static Evidence none() {
        return new Evidence(List.of(), List.of(), List.of());
    }

    /** Copies of the tokens' DER bytes. */
    @Override
    public List<byte[]> timestampTokens() {
        return timestampTokens.stream().map(byte[]::clone).toList();
    }

    /** This evidence and {@code other}'s, duplicates once. */
    public Evidence plus(Evidence other) {
        List<X509Certificate> certs = new ArrayList<>(certificates);
        certs.addAll(other.certificates);
        List<X509CRL> allCrls = new ArrayList<>(crls);
        allCrls.addAll(other.crls);
        List<byte[]> tokens = new ArrayList<>(timestampTokens);
        tokens.addAll(other.timestampTokens);
        return new Evidence(certs, allCrls, tokens);
    }
}
