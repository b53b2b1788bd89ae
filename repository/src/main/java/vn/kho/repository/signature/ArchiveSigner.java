package vn.kho.repository.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The archive's own signing key, kept in a PKCS#12 file, used to sign receipts and the archive's METS so that anyone
 * can check them without Kho:
 *
 * <pre>openssl cms -verify -binary -inform DER -content receipt.json -in receipt.p7s -CAfile archive.pem</pre>
 *
 * <p>where {@code archive.pem} is {@link #certificatePem()}. Signatures are detached CMS SignedData in DER, SHA-256,
 * with the signed attributes content-type, message-digest, signing-time (from the clock) and CMSAlgorithmProtection,
 * and the certificate chain included. Thread-safe.
 */
public final class ArchiveSigner implements DetachedSigner {
    /** The alias of the key entry {@link #openOrCreate} writes. */
    public static final String ALIAS = "kho-archive";

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Clock clock;

    private ArchiveSigner(PrivateKey key, List<X509Certificate> chain, Clock clock) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.clock = clock;
    }

    /**
     * Opens the key in {@code p12}, or, if there is no such file, creates it: an RSA 3072 key and a self-signed
     * certificate for {@code subjectDn} (RFC 2253, such as {@code CN=Kho archive,O=Example,C=VN}), valid 20 years from
     * the clock's now (less five minutes for clocks that lag), a CA (basicConstraints, keyUsage digitalSignature,
     * nonRepudiation, keyCertSign) so that it can be its own trust anchor. The file is written atomically and durably,
     * readable by its owner only where the file system has POSIX permissions. Creation is not safe against another
     * process creating the same file at the same moment.
     *
     * @throws SigningKeyException when the file exists but cannot be opened (see {@link #open(Path, char[], String,
     *     Clock)}), when {@code subjectDn} does not parse ({@code SIGNING_KEY_SUBJECT_INVALID}), or the file cannot be
     *     written ({@code SIGNING_KEY_UNREADABLE})
     */
    public static ArchiveSigner openOrCreate(Path p12, char[] password, String subjectDn, Clock clock) {
        Objects.requireNonNull(subjectDn, "subjectDn");
        if (Files.exists(p12)) {
            return open(p12, password, null, clock);
        }
        X500Principal subject;
        try {
            subject = new X500Principal(subjectDn);
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(
                    "SIGNING_KEY_SUBJECT_INVALID",
                    "the archive key's subject '" + subjectDn + "' is not a valid name: " + e.getMessage(),
                    e);
        }
        ArchiveKeyFile.Entry entry = ArchiveKeyFile.create(p12, password, subject, clock.instant());
        return new ArchiveSigner(entry.key(), entry.chain(), clock);
    }

    /** {@link #open(Path, char[], String, Clock)} of the first key entry, signing times from the system clock. */
    public static ArchiveSigner open(Path p12, char[] password) {
        return open(p12, password, null, Clock.systemUTC());
    }

    /**
     * Opens a configured PKCS#12 file, such as one holding a key and a certificate chain from a real CA. The key entry
     * is {@code alias}, or the first key entry when {@code alias} is {@code null}; the entry's password is the file's.
     *
     * @throws SigningKeyException {@code SIGNING_KEY_MISSING} when there is no such file, {@code
     *     SIGNING_KEY_WRONG_PASSWORD} when the password does not open it, {@code SIGNING_KEY_UNREADABLE} when it is not
     *     a PKCS#12 file, has no such key entry, or its key is neither RSA nor EC
     */
    public static ArchiveSigner open(Path p12, char[] password, String alias, Clock clock) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clock, "clock");
        ArchiveKeyFile.Entry entry = ArchiveKeyFile.read(p12, password, alias);
        return new ArchiveSigner(entry.key(), entry.chain(), clock);
    }

    /**
     * Signs {@code content} (read to its end, streamed, not closed) and returns a detached CMS SignedData in DER.
     *
     * @throws SigningKeyException {@code SIGNING_FAILED} when reading the content or signing fails
     */
    @Override
    public byte[] signDetached(InputStream content) {
        Objects.requireNonNull(content, "content");
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            AttributeTable signingTime = new AttributeTable(new Attribute(
                    CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant()), Locale.ROOT))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
                            .build(new JcaContentSignerBuilder(algorithm).build(key), chain.get(0)));
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new StreamedContent(content), false).getEncoded(ASN1Encoding.DER);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new SigningKeyException("SIGNING_FAILED", "cannot sign: " + e.getMessage(), e);
        }
    }

    /** The signing certificate. */
    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signing certificate and the rest of its chain as stored (only the certificate when self-signed). */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The signing certificate in PEM, for {@code openssl -CAfile} and for publishing. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a loaded certificate cannot be encoded", e);
        }
    }

    /** Content written once, from a stream, into the signature generator's digest. */
    private static final class StreamedContent implements CMSTypedData {
        private final InputStream in;

        StreamedContent(InputStream in) {
            this.in = in;
        }

        @Override
        public ASN1ObjectIdentifier getContentType() {
            return CMSObjectIdentifiers.data;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            in.transferTo(out);
        }

        /** Not null: Bouncy Castle writes (and so digests) only content that is present. */
        @Override
        public Object getContent() {
            return in;
        }
    }
}
