package vn.kho.ingest.testkit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.visible.PDVisibleSigProperties;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.visible.PDVisibleSignDesigner;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs PDFs for tests the way signing software does: PDFBox adds a signature field and writes an incremental update
 * with a placeholder, and the CMS is made over the two byte ranges and written into the placeholder. The key and chain
 * come from the caller (the project's test PKI, or {@link #selfSigned(String)}); how the CMS is made can be replaced
 * ({@link CmsMaker}). Free of JUnit.
 */
public final class SignedPdfs {
    /** Makes the value of /Contents from the signed bytes (the byte ranges, in order). */
    @FunctionalInterface
    public interface CmsMaker {
        byte[] cms(InputStream signedBytes) throws IOException;
    }

    /** How one signature is written. {@code visible}: with a widget on page 1 and an appearance stream. */
    public record Options(
            String name, String reason, String location, Instant time, COSName subFilter, boolean visible) {
        public static Options defaults() {
            return new Options(
                    "Nguyễn Văn A",
                    "Phê duyệt",
                    "Hà Nội",
                    Instant.parse("2025-03-04T05:06:07Z"),
                    PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED,
                    false);
        }

        public Options withName(String newName) {
            return new Options(newName, reason, location, time, subFilter, visible);
        }

        public Options withSubFilter(COSName newSubFilter) {
            return new Options(name, reason, location, time, newSubFilter, visible);
        }

        public Options visibly() {
            return new Options(name, reason, location, time, subFilter, true);
        }
    }

    private final PrivateKey key;
    private final X509Certificate[] chain;
    private final CmsMaker cmsMaker;

    /** Signs with a detached CMS (SHA-256) by {@code key}, carrying {@code chain} (signer first). */
    public SignedPdfs(PrivateKey key, X509Certificate... chain) {
        this(key, chain, detachedCms(key, chain));
    }

    public SignedPdfs(PrivateKey key, X509Certificate[] chain, CmsMaker cmsMaker) {
        this.key = key;
        this.chain = chain.clone();
        this.cmsMaker = cmsMaker;
    }

    /** A signer with a fresh P-256 key and a self-signed certificate for {@code commonName}. */
    public static SignedPdfs selfSigned(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    subject,
                                    BigInteger.valueOf(now.toEpochMilli()),
                                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                                    Date.from(now.plus(365, ChronoUnit.DAYS)),
                                    subject,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SignedPdfs(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey key() {
        return key;
    }

    public X509Certificate[] chain() {
        return chain.clone();
    }

    /** A CMS SignedData with the signed bytes as detached content, SHA-256 with the key's algorithm. */
    public static CmsMaker detachedCms(PrivateKey key, X509Certificate... chain) {
        return signedBytes -> signedData(key, chain, signedBytes.readAllBytes(), false);
    }

    /** The {@code adbe.pkcs7.sha1} form: a CMS SignedData that encapsulates the SHA-1 digest of the signed bytes. */
    public static CmsMaker sha1DigestCms(PrivateKey key, X509Certificate... chain) {
        return signedBytes -> {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(signedBytes.readAllBytes());
                return signedData(key, chain, digest, true);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static byte[] signedData(PrivateKey key, X509Certificate[] chain, byte[] content, boolean encapsulate)
            throws IOException {
        try {
            String algorithm = "SHA256with" + ("EC".equals(key.getAlgorithm()) ? "ECDSA" : key.getAlgorithm());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(new JcaContentSignerBuilder(algorithm).build(key), chain[0]));
            generator.addCertificates(new JcaCertStore(List.of(chain)));
            return generator
                    .generate(new CMSProcessableByteArray(content), encapsulate)
                    .getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException(e);
        }
    }

    /** The message-digest signed attribute of the first signer of {@code cms}: the digest of what it signs. */
    public static byte[] messageDigest(byte[] cms) {
        try {
            SignerInformation signer = new CMSSignedData(cms)
                    .getSignerInfos()
                    .getSigners()
                    .iterator()
                    .next();
            return ASN1OctetString.getInstance(signer.getSignedAttributes()
                            .get(CMSAttributes.messageDigest)
                            .getAttrValues()
                            .getObjectAt(0))
                    .getOctets();
        } catch (CMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An unsigned PDF of {@code pages} pages, each saying "Page n: text" in Helvetica (so {@code text} is WinAnsi). */
    public static byte[] unsigned(int pages, String text) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 14);
                    content.newLineAtOffset(72, 770);
                    content.showText("Page " + i + ": " + text);
                    content.endText();
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pdf} with one more signature, written as an incremental update. */
    public byte[] sign(byte[] pdf, Options options) {
        try (PDDocument document = Loader.loadPDF(pdf);
                SignatureOptions signatureOptions = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(options.subFilter());
            signature.setName(options.name());
            signature.setReason(options.reason());
            signature.setLocation(options.location());
            Calendar time = Calendar.getInstance(TimeZone.getTimeZone("GMT+07:00"));
            time.setTimeInMillis(options.time().toEpochMilli());
            signature.setSignDate(time);
            signatureOptions.setPreferredSignatureSize(8192);
            if (options.visible()) {
                signatureOptions.setVisualSignature(appearance(document, options));
                signatureOptions.setPage(0);
            }
            document.addSignature(signature, signatureOptions);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cmsMaker.cms(external.getContent()));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] sign(byte[] pdf) {
        return sign(pdf, Options.defaults());
    }

    private static PDVisibleSigProperties appearance(PDDocument document, Options options) throws IOException {
        BufferedImage image = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 120, 40);
        g.dispose();
        PDVisibleSignDesigner designer = new PDVisibleSignDesigner(document, image, 1)
                .xAxis(300)
                .yAxis(600)
                .zoom(0);
        PDVisibleSigProperties properties = new PDVisibleSigProperties()
                .signerName(options.name())
                .signerLocation(options.location())
                .signatureReason(options.reason())
                .page(1)
                .visualSignEnabled(true)
                .setPdVisibleSignature(designer);
        properties.buildSignature();
        return properties;
    }

    /** Writes {@code document} in full. */
    public static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** Writes the changes made to {@code document} (loaded from a file or bytes) as an incremental update. */
    public static byte[] saveIncremental(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.saveIncremental(out);
        return out.toByteArray();
    }

    /**
     * {@code pdf} with a Document Security Store added in an incremental update, as PAdES-LT signing tools do: the
     * DER {@code certificates} and {@code crls} as streams under /Certs and /CRLs, and one /VRI entry (keyed by the
     * SHA-1 of the last signature's /Contents) naming them all.
     */
    public static byte[] withDss(byte[] pdf, List<byte[]> certificates, List<byte[]> crls) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            byte[] cms = document.getLastSignatureDictionary().getContents();
            org.apache.pdfbox.cos.COSArray certs = new org.apache.pdfbox.cos.COSArray();
            for (byte[] der : certificates) {
                certs.add(stream(document, der));
            }
            org.apache.pdfbox.cos.COSArray crlArray = new org.apache.pdfbox.cos.COSArray();
            for (byte[] der : crls) {
                crlArray.add(stream(document, der));
            }
            org.apache.pdfbox.cos.COSDictionary vriEntry = new org.apache.pdfbox.cos.COSDictionary();
            vriEntry.setItem(COSName.getPDFName("Cert"), certs);
            vriEntry.setItem(COSName.getPDFName("CRL"), crlArray);
            org.apache.pdfbox.cos.COSDictionary vri = new org.apache.pdfbox.cos.COSDictionary();
            String key = java.util.HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(cms));
            vri.setItem(COSName.getPDFName(key), vriEntry);
            org.apache.pdfbox.cos.COSDictionary dss = new org.apache.pdfbox.cos.COSDictionary();
            dss.setItem(COSName.getPDFName("Certs"), certs);
            dss.setItem(COSName.getPDFName("CRLs"), crlArray);
            dss.setItem(COSName.getPDFName("VRI"), vri);
            org.apache.pdfbox.cos.COSDictionary catalog =
                    document.getDocumentCatalog().getCOSObject();
            catalog.setItem(COSName.getPDFName("DSS"), dss);
            catalog.setNeedToBeUpdated(true);
            return saveIncremental(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.apache.pdfbox.cos.COSStream stream(PDDocument document, byte[] bytes) throws IOException {
        org.apache.pdfbox.cos.COSStream stream = document.getDocument().createCOSStream();
        try (var out = stream.createOutputStream()) {
            out.write(bytes);
        }
        return stream;
    }

    /** Signs with {@code party}'s key and certificate chain from the test PKI. */
    public static SignedPdfs by(vn.kho.repository.signature.TestPki.Party party) {
        return new SignedPdfs(party.privateKey(), party.chain().toArray(X509Certificate[]::new));
    }

    /**
     * A two-page document as a government office issues it: signed by the signer ({@code pki.agency()}), then by the
     * agency ({@code pki.agencyWithUid()}) in a later incremental update.
     */
    public static byte[] signedBySignerThenAgency(vn.kho.repository.signature.TestPki pki) {
        byte[] bySigner = by(pki.agency())
                .sign(unsigned(2, "Quyet dinh"), Options.defaults().withName("Signer"));
        return by(pki.agencyWithUid()).sign(bySigner, Options.defaults().withName("Agency"));
    }
}
