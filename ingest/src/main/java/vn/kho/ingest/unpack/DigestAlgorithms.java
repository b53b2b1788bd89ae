package vn.kho.ingest.unpack;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checksum algorithms Kho computes, named as BagIt (RFC 8493) names them in {@code manifest-<name>.txt}:
 * {@code md5}, {@code sha1}, {@code sha224}, {@code sha256}, {@code sha384}, {@code sha512}. Names are matched exactly
 * (lowercase), as they appear in tag file names.
 */
public final class DigestAlgorithms {
    /** The algorithm Kho always computes. */
    public static final String SHA256 = "sha256";

    private static final Map<String, String> JAVA_NAMES = Map.of(
            "md5", "MD5",
            "sha1", "SHA-1",
            "sha224", "SHA-224",
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512");

    private DigestAlgorithms() {}

    /** Whether {@code bagitName} is an algorithm Kho can compute. */
    public static boolean isSupported(String bagitName) {
        return bagitName != null && JAVA_NAMES.containsKey(bagitName);
    }

    /**
     * The {@link MessageDigest} name for a BagIt algorithm name.
     *
     * @throws IllegalArgumentException when the name is not supported
     */
    public static String javaName(String bagitName) {
        String name = bagitName == null ? null : JAVA_NAMES.get(bagitName);
        if (name == null) {
            throw new IllegalArgumentException("unsupported digest algorithm: " + bagitName);
        }
        return name;
    }

    /** A fresh digest for a BagIt algorithm name; throws {@link IllegalArgumentException} when unsupported. */
    public static MessageDigest newDigest(String bagitName) {
        try {
            return MessageDigest.getInstance(javaName(bagitName));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide these algorithms.
            throw new IllegalStateException("the JVM lacks " + javaName(bagitName), e);
        }
    }

    /** All supported BagIt names, sorted. */
    public static Set<String> names() {
        return Set.copyOf(new TreeSet<>(JAVA_NAMES.keySet()));
    }
}
