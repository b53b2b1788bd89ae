package vn.kho.repository.signature;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which algorithms are too weak to trust: digests by name ({@code MD5}, {@code SHA-1}; compared without case and
 * without hyphens, so {@code SHA1} names the same digest), and the smallest key sizes in bits. DSA keys are held to
 * {@code minRsaBits} (same kind of strength); Ed25519 and Ed448 keys are never weak.
 */
public record VerificationPolicy(Set<String> weakDigests, int minRsaBits, int minEcBits) {
    public VerificationPolicy {
        weakDigests = Set.copyOf(weakDigests);
        for (String d : weakDigests) {
            if (d.isBlank()) {
                throw new IllegalArgumentException("a weak digest name must not be blank");
            }
        }
        if (minRsaBits < 0 || minEcBits < 0) {
            throw new IllegalArgumentException("minimum key sizes must not be negative");
        }
    }

    /** MD5 and SHA-1 are weak; RSA and DSA keys need 2048 bits, EC keys 224. */
    public static VerificationPolicy defaults() {
        return new VerificationPolicy(Set.of("MD5", "SHA-1"), 2048, 224);
    }

    /** Why the digest {@code digestName} (a JCA name such as {@code SHA-256}) is weak, or empty if it is not. */
    public Optional<String> digestWeakness(String digestName) {
        String n = normalise(digestName);
        boolean weak = weakDigests.stream().map(VerificationPolicy::normalise).anyMatch(n::equals);
        return weak ? Optional.of("the digest " + digestName + " is weak") : Optional.empty();
    }

    /**
     * Why a signature algorithm named like {@code SHA1withRSA} or {@code SHA1WITHRSA} is weak because of its digest,
     * or empty (also for names that do not say their digest, such as {@code RSASSA-PSS}).
     */
    public Optional<String> signatureAlgorithmWeakness(String signatureAlgorithm) {
        String n = normalise(signatureAlgorithm);
        int with = n.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String digest = n.substring(0, with);
        boolean weak = weakDigests.stream().map(VerificationPolicy::normalise).anyMatch(digest::equals);
        return weak
                ? Optional.of("the signature algorithm " + signatureAlgorithm + " uses a weak digest")
                : Optional.empty();
    }

    /** Why {@code key} is too short, or empty if it is long enough or of a kind without a minimum here. */
    public Optional<String> keyWeakness(PublicKey key) {
        int bits = keyBits(key);
        if (key instanceof RSAPublicKey && bits < minRsaBits) {
            return Optional.of("the RSA key has " + bits + " bits, fewer than " + minRsaBits);
        }
        if (key instanceof DSAPublicKey && bits < minRsaBits) {
            return Optional.of("the DSA key has " + bits + " bits, fewer than " + minRsaBits);
        }
        if (key instanceof ECPublicKey && bits < minEcBits) {
            return Optional.of("the EC key has " + bits + " bits, fewer than " + minEcBits);
        }
        return Optional.empty();
    }

    /**
     * Why a certificate of {@code chain} (signer first, anchor last) is weak: a short key anywhere, or a weak digest
     * in any certificate's signature but the anchor's signature on itself, which proves nothing anyway.
     */
    Optional<String> chainWeakness(List<X509Certificate> chain) {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            Optional<String> weak = keyWeakness(c.getPublicKey());
            if (weak.isEmpty() && i < chain.size() - 1) {
                weak = signatureAlgorithmWeakness(c.getSigAlgName());
            }
            if (weak.isPresent()) {
                return Optional.of("certificate " + Certificates.describe(c) + ": " + weak.get());
            }
        }
        return Optional.empty();
    }

    /** The size of {@code key} in bits (RSA modulus, DSA prime, EC field), 256 or 448 for EdDSA, 0 if unknown. */
    public static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg)) {
            return 256;
        }
        if ("Ed448".equalsIgnoreCase(alg)) {
            return 448;
        }
        return 0;
    }

    private static String normalise(String name) {
        return name.toUpperCase(Locale.ROOT)
                .chars()
                .filter(c -> c != '-' && c != '_')
                .mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
    }
}
