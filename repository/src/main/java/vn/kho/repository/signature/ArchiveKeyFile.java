package vn.kho.repository.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The PKCS#12 file of {@link ArchiveSigner}: creating it with a new self-signed key, and reading a key entry from it. */
final class ArchiveKeyFile {
    private static final int RSA_BITS = 3072;
    private static final Duration VALIDITY = Duration.ofDays(20L * 365 + 5);
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private ArchiveKeyFile() {}

    /** A private key and its certificate chain, the key's certificate first. */
    record Entry(PrivateKey key, List<X509Certificate> chain) {
        Entry {
            chain = List.copyOf(chain);
        }
    }

    /** Creates {@code p12} (which must not exist) with a new key and self-signed certificate for {@code subject}. */
    static Entry create(Path p12, char[] password, X500Principal subject, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X509Certificate cert = selfSigned(subject, keys, now);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ArchiveSigner.ALIAS, keys.getPrivate(), password, new Certificate[] {cert});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            DurableFile.writeOwnerOnly(p12, bytes.toByteArray());
            return new Entry(keys.getPrivate(), List.of(cert));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new SigningKeyException(
                    "SIGNING_KEY_UNREADABLE",
                    "cannot create the archive signing key " + p12 + ": " + e.getMessage(),
                    e);
        }
    }

    /** Reads the key entry {@code alias} (or the first key entry, when null) of {@code p12}. */
    static Entry read(Path p12, char[] password, String alias) {
        if (!Files.isRegularFile(p12)) {
            throw new SigningKeyException("SIGNING_KEY_MISSING", "the archive signing key " + p12 + " does not exist");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(p12)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new SigningKeyException(
                        "SIGNING_KEY_WRONG_PASSWORD", "the password does not open the archive signing key " + p12, e);
            }
            throw new SigningKeyException(
                    "SIGNING_KEY_UNREADABLE",
                    "the archive signing key " + p12 + " is not a readable PKCS#12 file: " + e.getMessage(),
                    e);
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(
                    "SIGNING_KEY_UNREADABLE",
                    "the archive signing key " + p12 + " is not a readable PKCS#12 file: " + e.getMessage(),
                    e);
        }
        try {
            String entry = alias != null ? alias : firstKeyEntry(store);
            if (entry == null || !store.isKeyEntry(entry)) {
                throw new SigningKeyException(
                        "SIGNING_KEY_UNREADABLE",
                        "the archive signing key file " + p12 + " has no key entry"
                                + (alias != null ? " named '" + alias + "'" : ""));
            }
            Key key = store.getKey(entry, password);
            if (!(key instanceof PrivateKey privateKey) || !List.of("RSA", "EC").contains(key.getAlgorithm())) {
                throw new SigningKeyException(
                        "SIGNING_KEY_UNREADABLE",
                        "the key '" + entry + "' in " + p12 + " is not an RSA or EC private key");
            }
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] certs = store.getCertificateChain(entry);
            if (certs == null || certs.length == 0) {
                throw new SigningKeyException(
                        "SIGNING_KEY_UNREADABLE", "the key '" + entry + "' in " + p12 + " has no certificate");
            }
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            return new Entry(privateKey, chain);
        } catch (UnrecoverableKeyException e) {
            throw new SigningKeyException(
                    "SIGNING_KEY_WRONG_PASSWORD", "the password does not open the key in " + p12, e);
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(
                    "SIGNING_KEY_UNREADABLE",
                    "the archive signing key " + p12 + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static String firstKeyEntry(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        return null;
    }

    private static X509Certificate selfSigned(X500Principal subject, KeyPair keys, Instant now)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        Instant notBefore = now.minus(BACKDATE);
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(1, serial),
                Date.from(notBefore),
                Date.from(notBefore.plus(VALIDITY)),
                subject,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyCertSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(
                Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
