package vn.kho.storage.ocfl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Makes the BLAKE2b digests that an OCFL fixity block may use available to ocfl-java, which asks the JCA for them by
 * their OCFL names ({@code blake2b-512}, ...). The JDK has none; Bouncy Castle does. Security providers are JVM-wide,
 * so this adds Bouncy Castle once, after every installed provider (it chooses no algorithm another provider already
 * offers), and only when no installed provider offers BLAKE2b.
 */
final class Blake2bDigests {
    private Blake2bDigests() {}

    static synchronized void ensureAvailable() {
        try {
            MessageDigest.getInstance("blake2b-512");
        } catch (NoSuchAlgorithmException e) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
