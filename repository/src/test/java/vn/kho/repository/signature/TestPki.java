package vn.kho.repository.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A small public key infrastructure for tests, built with Bouncy Castle around one instant {@link #now()}, with every
 * certificate and CRL a signature test needs, and the means to sign with them. Any module's tests can use it through
 * the repository's test-jar.
 *
 * <pre>
 * root ("Kho Test Root CA", the trust anchor)
 * ├── intermediate ("Kho Test Agency CA")
 * │   ├── agency        valid now-1y .. now+2y, organizationIdentifier 000.00.01.H26
 * │   ├── agencyWithUid valid now-1y .. now+2y, UID MST:0101234567 and no organizationIdentifier
 * │   ├── expired       valid now-3y .. now-1y
 * │   ├── notYetValid   valid now+1y .. now+3y
 * │   ├── revoked       valid now-1y .. now+2y, revoked at {@link #revocationTime()} = now-30d (keyCompromise)
 * │   └── weakRsa1024   a 1024-bit RSA key
 * ├── tsa               extendedKeyUsage timeStamping (critical); issues RFC 3161 tokens for any time
 * ├── rootCrl()         thisUpdate now-1d, nextUpdate now+30d, empty
 * └── intermediateCrl() thisUpdate now-1d, nextUpdate now+30d, lists revoked
 * untrustedRoot ─ untrustedSigner   (a CA the trust store does not know)
 * </pre>
 *
 * <p>Certificates use RSA 2048 keys and SHA-256 except {@code weakRsa1024}. {@link #shared()} is built once per JVM at
 * the real current time (openssl checks against the real clock), so tests should share it rather than build their
 * own: key generation costs a few seconds.
 */
public final class TestPki {
    /** The password of every PKCS#12 file this PKI writes unless told otherwise. */
    public static final char[] PASSWORD = "test-password".toCharArray();

    private static final ASN1ObjectIdentifier TSA_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");
    private static TestPki shared;

    private final Instant now;
    private final SecureRandom random = new SecureRandom();
    private final Party root;
    private final Party intermediate;
    private final Party agency;
    private final Party agencyWithUid;
    private final Party expired;
    private final Party notYetValid;
    private final Party revoked;
    private final Party weakRsa1024;
    private final Party tsa;
    private final Party untrustedRoot;
    private final Party untrustedSigner;
    private final X509CRL rootCrl;
    private final X509CRL intermediateCrl;

    /**
     * A holder of a key: its short name, keys, certificate and chain (the certificate first, up to and including the
     * root).
     */
    public record Party(String name, KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        public Party {
            Objects.requireNonNull(name, "name");
            chain = List.copyOf(chain);
        }

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }

        public SignerIdentity identity() {
            return SignerIdentity.of(certificate);
        }

        /** The certificate as PEM. */
        public String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as openssl reads it. */
        public String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** The chain above this party's certificate (issuers only, root last) as PEM, for {@code -certfile}. */
        public String issuersPem() {
            StringBuilder out = new StringBuilder();
            for (X509Certificate c : chain.subList(1, chain.size())) {
                out.append(pem("CERTIFICATE", encoded(c)));
            }
            return out.toString();
        }
    }

    private TestPki(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        Instant year = this.now.plus(Duration.ofDays(365));
        root = selfSignedCa("root", "CN=Kho Test Root CA,O=Kho Test PKI,C=VN", days(-3650), days(7300));
        intermediate = issue(
                "intermediate",
                "CN=Kho Test Agency CA,O=Kho Test PKI,C=VN",
                root,
                days(-1825),
                days(3650),
                2048,
                Profile.INTERMEDIATE);
        agency = issueSigner(
                "agency", "CN=Nguyễn Văn An,O=Sở Nội vụ thử nghiệm,organizationIdentifier=000.00.01.H26,C=VN");
        agencyWithUid = issueSigner("agency-uid", "CN=Trần Thị Bình,O=Công ty thử nghiệm,UID=MST:0101234567,C=VN");
        expired = issue(
                "expired",
                "CN=Expired Signer,O=Kho Test PKI,C=VN",
                intermediate,
                days(-1095),
                days(-365),
                2048,
                Profile.SIGNER);
        notYetValid = issue(
                "not-yet-valid",
                "CN=Future Signer,O=Kho Test PKI,C=VN",
                intermediate,
                year,
                days(1095),
                2048,
                Profile.SIGNER);
        revoked = issueSigner("revoked", "CN=Revoked Signer,O=Kho Test PKI,C=VN");
        weakRsa1024 = issue(
                "weak-rsa-1024",
                "CN=Weak Signer,O=Kho Test PKI,C=VN",
                intermediate,
                days(-365),
                days(730),
                1024,
                Profile.SIGNER);
        tsa = issue("tsa", "CN=Kho Test TSA,O=Kho Test PKI,C=VN", root, days(-1825), days(1825), 2048, Profile.TSA);
        untrustedRoot =
                selfSignedCa("untrusted-root", "CN=Untrusted Root CA,O=Elsewhere,C=VN", days(-3650), days(7300));
        untrustedSigner = issue(
                "untrusted-signer",
                "CN=Untrusted Signer,O=Elsewhere,C=VN",
                untrustedRoot,
                days(-365),
                days(730),
                2048,
                Profile.SIGNER);
        rootCrl = crl(root, days(-1), days(30), Map.of());
        intermediateCrl = crl(intermediate, days(-1), days(30), Map.of(revoked, revocationTime()));
    }

    /** A new PKI around the real current time. Prefer {@link #shared()}. */
    public static TestPki create() {
        return new TestPki(Instant.now());
    }

    /** A new PKI around {@code now} (truncated to seconds). */
    public static TestPki create(Instant now) {
        return new TestPki(now);
    }

    /** One PKI for the whole JVM, built at the real time of first use. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** The instant this PKI is built around: use it as the ingest time. */
    public Instant now() {
        return now;
    }

    /** When {@link #revoked()} was revoked: thirty days before {@link #now()}. */
    public Instant revocationTime() {
        return days(-30);
    }

    /** {@link #now()} moved by {@code days} days. */
    public Instant days(long days) {
        return now.plus(Duration.ofDays(days));
    }

    public Party root() {
        return root;
    }

    public Party intermediate() {
        return intermediate;
    }

    /** An agency signer with organizationIdentifier {@code 000.00.01.H26}. */
    public Party agency() {
        return agency;
    }

    /** An agency signer with UID {@code MST:0101234567} and no organizationIdentifier. */
    public Party agencyWithUid() {
        return agencyWithUid;
    }

    public Party expired() {
        return expired;
    }

    public Party notYetValid() {
        return notYetValid;
    }

    public Party revoked() {
        return revoked;
    }

    public Party weakRsa1024() {
        return weakRsa1024;
    }

    public Party tsa() {
        return tsa;
    }

    public Party untrustedRoot() {
        return untrustedRoot;
    }

    public Party untrustedSigner() {
        return untrustedSigner;
    }

    /** The root's CRL: empty, thisUpdate now-1d, nextUpdate now+30d. */
    public X509CRL rootCrl() {
        return rootCrl;
    }

    /** The intermediate's CRL: lists {@link #revoked()}, thisUpdate now-1d, nextUpdate now+30d. */
    public X509CRL intermediateCrl() {
        return intermediateCrl;
    }

    /** The deployment's trust as most tests want it: the root as the only anchor, both CRLs. */
    public TrustStore trustStore() {
        return TrustStore.of(List.of(root.certificate()), List.of(), List.of(rootCrl, intermediateCrl));
    }

    /** The root as the only anchor and no CRLs: every signature checks to REVOCATION_UNKNOWN at best. */
    public TrustStore trustStoreWithoutCrls() {
        return TrustStore.of(List.of(root.certificate()), List.of(), List.of());
    }

    /** A verifier on {@link #trustStore()} with the default policy. */
    public CmsVerifier verifier() {
        return new CmsVerifier(trustStore(), VerificationPolicy.defaults());
    }

    /**
     * Writes the trust folder a deployment would configure: {@code root.pem}, {@code root-crl.pem} (PEM) and {@code
     * intermediate.crl} (DER). Returns {@code dir}.
     */
    public Path writeTrustFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("root.pem"), root.certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(
                    dir.resolve("root-crl.pem"), pem("X509 CRL", rootCrl.getEncoded()), StandardCharsets.US_ASCII);
            Files.write(dir.resolve("intermediate.crl"), intermediateCrl.getEncoded());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code party}'s certificate and unencrypted private key as PEM, for {@code openssl -signer/-inkey}. */
    public void writePem(Party party, Path certificatePem, Path privateKeyPem) {
        try {
            Files.writeString(certificatePem, party.certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(privateKeyPem, party.privateKeyPem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code party}'s key and chain as a PKCS#12 file with entry alias {@code party.name()}. Returns {@code file}. */
    public Path writePkcs12(Party party, Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    party.name(), party.privateKey(), password, party.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            Files.write(file, out.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A detached DER signature of {@code content} by {@code signer}: SHA-256, chain included, signingTime now. */
    public byte[] signDetached(Party signer, byte[] content) {
        return signing(signer).der(content);
    }

    /** A signature of {@code signer} with the defaults of {@link #signDetached}, to change before signing. */
    public Signing signing(Party signer) {
        return new Signing(signer, "SHA-256", now, null, null, true, true);
    }

    /**
     * An RFC 3161 token (DER ContentInfo) from {@code timestampAuthority} stamping the SHA-256 of {@code signatureValue}
     * at {@code genTime}, with the TSA's certificate included.
     */
    public byte[] timestampToken(Party timestampAuthority, byte[] signatureValue, Instant genTime) {
        return timestampToken(timestampAuthority, signatureValue, genTime, "SHA-256");
    }

    /**
     * An RFC 3161 token (DER ContentInfo) from {@code timestampAuthority} stamping the {@code imprintDigest} ({@code
     * SHA-256}, {@code SHA-1}, …) of {@code data} at {@code genTime}, with the TSA's certificate included; the token
     * itself is signed with SHA256withRSA. Over a document's signed bytes it is a document timestamp.
     */
    public byte[] timestampToken(Party timestampAuthority, byte[] data, Instant genTime, String imprintDigest) {
        try {
            byte[] imprint = MessageDigest.getInstance(imprintDigest).digest(data);
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true);
            TimeStampRequest request = requests.generate(
                    new DefaultDigestAlgorithmIdentifierFinder()
                            .find(imprintDigest)
                            .getAlgorithm(),
                    imprint,
                    new BigInteger(64, random));
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder()
                            .build("SHA256withRSA", timestampAuthority.privateKey(), timestampAuthority.certificate()),
                    new JcaDigestCalculatorProviderBuilder().build().get(sha256()),
                    TSA_POLICY);
            generator.addCertificates(new JcaCertStore(List.of(timestampAuthority.certificate())));
            return generator
                    .generate(request, new BigInteger(64, random), Date.from(genTime))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a timestamp token", e);
        }
    }

    /** A CMS SignedData that carries the intermediate's certificate and no SignerInfo (a "certs-only" PKCS#7). */
    public byte[] certificatesOnlyCms() {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(List.of(intermediate.certificate())));
            return generator.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An end-entity signer issued by the intermediate, valid now-1y .. now+2y, RSA 2048. */
    public Party issueSigner(String name, String subjectDn) {
        return issue(name, subjectDn, intermediate, days(-365), days(730), 2048, Profile.SIGNER);
    }

    /**
     * A timestamp authority for {@code subjectDn} issued by {@code issuer} (any party, such as {@link
     * #untrustedRoot()}), valid now-5y .. now+5y, with extendedKeyUsage timeStamping (critical), RSA 2048.
     */
    public Party issueTimestampAuthority(String name, String subjectDn, Party issuer) {
        return issue(name, subjectDn, issuer, days(-1825), days(1825), 2048, Profile.TSA);
    }

    /**
     * An end-entity signing certificate (keyUsage digitalSignature and nonRepudiation) for {@code subjectDn} (RFC 2253
     * order, most specific first; {@code organizationIdentifier} and {@code UID} are understood) issued by {@code
     * issuer}.
     */
    public Party issueSigner(
            String name, String subjectDn, Party issuer, Instant notBefore, Instant notAfter, int rsaBits) {
        return issue(name, subjectDn, issuer, notBefore, notAfter, rsaBits, Profile.SIGNER);
    }

    /**
     * A CRL of {@code issuer} listing each party of {@code revocations} as revoked (keyCompromise) at its instant;
     * {@code nextUpdate} may be null.
     */
    public X509CRL crl(Party issuer, Instant thisUpdate, Instant nextUpdate, Map<Party, Instant> revocations) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(
                            issuer.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            if (nextUpdate != null) {
                builder.setNextUpdate(Date.from(nextUpdate));
            }
            for (Map.Entry<Party, Instant> r : new LinkedHashMap<>(revocations).entrySet()) {
                builder.addCRLEntry(
                        r.getKey().certificate().getSerialNumber(), Date.from(r.getValue()), CRLReason.keyCompromise);
            }
            builder.addExtension(
                    Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a CRL", e);
        }
    }

    /** PEM of {@code der} under {@code label}, lines of 64 characters. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * One signature to make, changed by the {@code with...} methods (each returns a new Signing), then made by {@link
     * #der} or {@link #pem}.
     */
    public final class Signing {
        private final Party signer;
        private final String digest;
        private final Instant claimedSigningTime;
        private final Party timestampAuthority;
        private final Instant timestampTime;
        private final boolean withChain;
        private final boolean withCertificates;

        private Signing(
                Party signer,
                String digest,
                Instant claimedSigningTime,
                Party timestampAuthority,
                Instant timestampTime,
                boolean withChain,
                boolean withCertificates) {
            this.signer = signer;
            this.digest = digest;
            this.claimedSigningTime = claimedSigningTime;
            this.timestampAuthority = timestampAuthority;
            this.timestampTime = timestampTime;
            this.withChain = withChain;
            this.withCertificates = withCertificates;
        }

        /** Sign with this digest: {@code SHA-256} (default), {@code SHA-384}, {@code SHA-1}, {@code MD5}. */
        public Signing digest(String digestName) {
            return new Signing(
                    signer,
                    digestName,
                    claimedSigningTime,
                    timestampAuthority,
                    timestampTime,
                    withChain,
                    withCertificates);
        }

        /** Claim this signing time in the signed attributes (default: {@link #now()}). */
        public Signing claimedSigningTime(Instant time) {
            return new Signing(signer, digest, time, timestampAuthority, timestampTime, withChain, withCertificates);
        }

        /** Leave the signing-time attribute out. */
        public Signing withoutSigningTime() {
            return claimedSigningTime(null);
        }

        /** Add an RFC 3161 signature timestamp from {@link #tsa()} at {@code time}. */
        public Signing timestampedAt(Instant time) {
            return timestampedBy(tsa, time);
        }

        /** Add an RFC 3161 signature timestamp from {@code authority} (any party, trusted or not) at {@code time}. */
        public Signing timestampedBy(Party authority, Instant time) {
            return new Signing(signer, digest, claimedSigningTime, authority, time, withChain, withCertificates);
        }

        /** Include only the signer's certificate, not its issuers. */
        public Signing withoutChain() {
            return new Signing(
                    signer, digest, claimedSigningTime, timestampAuthority, timestampTime, false, withCertificates);
        }

        /** Include no certificate at all. */
        public Signing withoutCertificates() {
            return new Signing(signer, digest, claimedSigningTime, timestampAuthority, timestampTime, withChain, false);
        }

        /** The detached signature of {@code content}, DER. */
        public byte[] der(byte[] content) {
            try {
                return cms(content).getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The detached signature of {@code content}, PEM ({@code BEGIN PKCS7}). */
        public byte[] pem(byte[] content) {
            return TestPki.pem("PKCS7", der(content)).getBytes(StandardCharsets.US_ASCII);
        }

        /** The detached signature of {@code content} as Bouncy Castle's object. */
        public CMSSignedData cms(byte[] content) {
            try {
                String keyAlgorithm = signer.privateKey().getAlgorithm();
                String algorithm = digest.replace("-", "").toUpperCase(Locale.ROOT) + "with"
                        + ("EC".equals(keyAlgorithm) ? "ECDSA" : keyAlgorithm);
                AttributeTable signed = claimedSigningTime == null
                        ? new AttributeTable(new org.bouncycastle.asn1.ASN1EncodableVector())
                        : new AttributeTable(new Attribute(
                                CMSAttributes.signingTime,
                                new DERSet(new Time(Date.from(claimedSigningTime), Locale.ROOT))));
                DefaultSignedAttributeTableGenerator attributes = claimedSigningTime == null
                        ? new DefaultSignedAttributeTableGenerator(signed) {
                            @Override
                            protected java.util.Hashtable<ASN1ObjectIdentifier, Object> createStandardAttributeTable(
                                    Map parameters) {
                                java.util.Hashtable<ASN1ObjectIdentifier, Object> table =
                                        super.createStandardAttributeTable(parameters);
                                table.remove(CMSAttributes.signingTime);
                                return table;
                            }
                        }
                        : new DefaultSignedAttributeTableGenerator(signed);
                CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
                generator.addSignerInfoGenerator(
                        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                                .setSignedAttributeGenerator(attributes)
                                .build(
                                        new JcaContentSignerBuilder(algorithm).build(signer.privateKey()),
                                        signer.certificate()));
                if (withCertificates) {
                    List<X509Certificate> certs = withChain
                            ? signer.chain()
                                    .subList(0, Math.max(1, signer.chain().size() - 1))
                            : List.of(signer.certificate());
                    generator.addCertificates(new JcaCertStore(certs));
                }
                CMSSignedData data = generator.generate(new CMSProcessableByteArray(content), false);
                if (timestampAuthority == null) {
                    return data;
                }
                SignerInformation info =
                        data.getSignerInfos().getSigners().iterator().next();
                byte[] token = timestampToken(timestampAuthority, info.getSignature(), timestampTime);
                AttributeTable unsigned = new AttributeTable(new Attribute(
                        PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(ContentInfo.getInstance(token))));
                info = SignerInformation.replaceUnsignedAttributes(info, unsigned);
                return CMSSignedData.replaceSigners(data, new SignerInformationStore(info));
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign", e);
            }
        }
    }

    private enum Profile {
        INTERMEDIATE,
        SIGNER,
        TSA
    }

    private Party selfSignedCa(String name, String subjectDn, Instant notBefore, Instant notAfter) {
        KeyPair keys = keys(2048);
        X500Name subject = name(subjectDn);
        X509Certificate cert = build(subject, keys, subject, keys, notBefore, notAfter, Profile.INTERMEDIATE, true);
        return new Party(name, keys, cert, List.of(cert));
    }

    private Party issue(
            String name,
            String subjectDn,
            Party issuer,
            Instant notBefore,
            Instant notAfter,
            int rsaBits,
            Profile profile) {
        KeyPair keys = keys(rsaBits);
        X500Name issuerName = X500Name.getInstance(
                issuer.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate cert =
                build(name(subjectDn), keys, issuerName, issuer.keys(), notBefore, notAfter, profile, false);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(issuer.chain());
        return new Party(name, keys, cert, chain);
    }

    private X509Certificate build(
            X500Name subject,
            KeyPair keys,
            X500Name issuer,
            KeyPair issuerKeys,
            Instant notBefore,
            Instant notAfter,
            Profile profile,
            boolean root) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(96, random).setBit(95),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    keys.getPublic());
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            switch (profile) {
                case INTERMEDIATE -> {
                    builder.addExtension(
                            Extension.basicConstraints,
                            true,
                            root ? new BasicConstraints(true) : new BasicConstraints(0));
                    builder.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SIGNER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                }
                case TSA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a certificate for " + subject, e);
        }
    }

    /** {@code dn} in RFC 2253 order (most specific first), encoded in X.509 order (country first). */
    private static X500Name name(String dn) {
        RDN[] rdns = new X500Name(BCStyle.INSTANCE, dn).getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(BCStyle.INSTANCE, reversed);
    }

    private KeyPair keys(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.bouncycastle.asn1.x509.AlgorithmIdentifier sha256() {
        return new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256);
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
