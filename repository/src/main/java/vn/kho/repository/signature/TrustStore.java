package vn.kho.repository.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/**
 * The deployment's trust: the anchors every accepted signature must chain to, other certificates that help build
 * paths (intermediate CAs, timestamp authorities), and the CRLs known to the deployment. Immutable.
 */
public final class TrustStore {
    private static final Set<String> CERT_EXTENSIONS = Set.of("pem", "crt", "cer", "der");
    private static final Set<String> CRL_EXTENSIONS = Set.of("crl");

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final List<X509CRL> crls;

    private TrustStore(List<X509Certificate> anchors, List<X509Certificate> intermediates, List<X509CRL> crls) {
        this.anchors = List.copyOf(anchors);
        this.intermediates = List.copyOf(intermediates);
        this.crls = List.copyOf(crls);
    }

    /**
     * These anchors, path-building certificates and CRLs, taken as given (an anchor need not be self-signed).
     */
    public static TrustStore of(
            List<X509Certificate> anchors, List<X509Certificate> intermediates, List<X509CRL> crls) {
        return new TrustStore(anchors, intermediates, crls);
    }

    /** No anchors: every signature is {@link SignatureOutcome#UNTRUSTED}. */
    public static TrustStore empty() {
        return new TrustStore(List.of(), List.of(), List.of());
    }

    /**
     * Reads every regular file directly in {@code dir} (not its subfolders; names starting with a dot are skipped).
     * Files named {@code .pem}, {@code .crt}, {@code .cer} or {@code .der} hold certificates, {@code .crl} files CRLs;
     * each may be PEM (several blocks allowed, a {@code .pem} may mix certificates and CRLs) or DER. A self-signed
     * certificate that is a CA (basicConstraints CA, or a version 1 certificate) becomes a trust anchor; every other
     * certificate only helps build paths. An empty folder gives a store with no anchors.
     *
     * @throws TrustStoreException naming the folder or file when the folder does not exist, a file has another
     *     extension, or a file cannot be read or holds something else than certificates and CRLs
     */
    public static TrustStore load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TrustStoreException(dir, "is not a folder");
        }
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TrustStoreException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        for (Path file : files) {
            readFile(file, certs, crls);
        }
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> others = new ArrayList<>();
        for (X509Certificate c : certs) {
            (isSelfSignedCa(c) ? anchors : others).add(c);
        }
        return new TrustStore(anchors, others, crls);
    }

    /** The trust anchors. */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** Certificates that are not anchors but may appear in a path (intermediate CAs, TSA certificates). */
    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /** The CRLs of the deployment. */
    public List<X509CRL> crls() {
        return crls;
    }

    /** Whether {@code certificate} is one of the anchors (same encoding). */
    public boolean isAnchor(X509Certificate certificate) {
        return anchors.contains(certificate);
    }

    private static boolean isSelfSignedCa(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return c.getBasicConstraints() >= 0 || c.getVersion() == 1;
    }

    private static void readFile(Path file, List<X509Certificate> certs, List<X509CRL> crls) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!CERT_EXTENSIONS.contains(ext) && !CRL_EXTENSIONS.contains(ext)) {
            throw new TrustStoreException(
                    file, "is neither a certificate nor a CRL file (expected .pem, .crt, .cer, .der or .crl)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustStoreException(file, "cannot be read: " + e.getMessage(), e);
        }
        try {
            if (isPem(bytes)) {
                readPem(file, bytes, certs, crls);
            } else {
                readDer(ext, bytes, certs, crls);
            }
        } catch (TrustStoreException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TrustStoreException(file, "is not a readable certificate or CRL: " + e.getMessage(), e);
        }
    }

    private static boolean isPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    private static void readPem(Path file, byte[] bytes, List<X509Certificate> certs, List<X509CRL> crls)
            throws IOException, GeneralSecurityException {
        JcaX509CertificateConverter certConverter = new JcaX509CertificateConverter();
        JcaX509CRLConverter crlConverter = new JcaX509CRLConverter();
        int found = 0;
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(certConverter.getCertificate(h));
                } else if (o instanceof X509TrustedCertificateBlock t) {
                    certs.add(certConverter.getCertificate(t.getCertificateHolder()));
                } else if (o instanceof X509CRLHolder h) {
                    crls.add(crlConverter.getCRL(h));
                } else {
                    throw new TrustStoreException(
                            file,
                            "holds a PEM block that is neither a certificate nor a CRL ("
                                    + o.getClass().getSimpleName() + ")");
                }
                found++;
            }
        }
        if (found == 0) {
            throw new TrustStoreException(file, "holds no PEM certificate or CRL");
        }
    }

    private static void readDer(String ext, byte[] bytes, List<X509Certificate> certs, List<X509CRL> crls)
            throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        if (CRL_EXTENSIONS.contains(ext)) {
            crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(bytes)));
            return;
        }
        try {
            certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
        } catch (GeneralSecurityException notACertificate) {
            // a .der may hold a CRL too
            crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(bytes)));
        }
    }
}
