package vn.kho.repository.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/** Reads the bytes of a {@code .p7s} (DER, or PEM as {@code PKCS7}, {@code CMS} or {@code PKCS #7 SIGNED DATA}). */
final class CmsBytes {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 #]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> LABELS = List.of("PKCS7", "CMS", "PKCS #7 SIGNED DATA");

    private CmsBytes() {}

    /** A readable CMS SignedData, with its certificates and CRLs already converted. */
    record Parsed(
            ContentInfo contentInfo, CMSSignedData signedData, List<X509Certificate> certificates, List<X509CRL> crls) {
        Parsed {
            certificates = List.copyOf(certificates);
            crls = List.copyOf(crls);
        }
    }

    /** The bytes cannot be read as a CMS SignedData; the message says how far reading got. */
    static final class MalformedCmsException extends Exception {
        MalformedCmsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Parses {@code input} fully (every SignerInfo, certificate and CRL), so that a truncated or damaged signature is
     * found here and not halfway through a check. Bytes after the first DER object (the zero padding of a PDF's
     * signature placeholder) are ignored.
     */
    static Parsed parse(byte[] input) throws MalformedCmsException {
        byte[] der = unPem(input);
        ContentInfo contentInfo;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive first = in.readObject();
            if (first == null) {
                throw new MalformedCmsException("the signature file is empty", null);
            }
            contentInfo = ContentInfo.getInstance(first);
        } catch (IOException | RuntimeException e) {
            throw new MalformedCmsException("the signature is not readable DER: " + e.getMessage(), e);
        }
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            throw new MalformedCmsException(
                    "the CMS content type is " + contentInfo.getContentType() + ", not SignedData", null);
        }
        try {
            CMSSignedData signed = new CMSSignedData(contentInfo);
            for (SignerInformation si : signed.getSignerInfos().getSigners()) {
                si.getSID();
                si.getSignedAttributes();
                si.getUnsignedAttributes();
            }
            List<X509Certificate> certs = new ArrayList<>();
            JcaX509CertificateConverter certConverter = new JcaX509CertificateConverter();
            for (X509CertificateHolder h : signed.getCertificates().getMatches(null)) {
                certs.add(certConverter.getCertificate(h));
            }
            List<X509CRL> crls = new ArrayList<>();
            JcaX509CRLConverter crlConverter = new JcaX509CRLConverter();
            for (X509CRLHolder h : signed.getCRLs().getMatches(null)) {
                crls.add(crlConverter.getCRL(h));
            }
            return new Parsed(contentInfo, signed, certs, crls);
        } catch (CMSException | CertificateException | CRLException | RuntimeException e) {
            throw new MalformedCmsException("the signature is not a readable CMS SignedData: " + e.getMessage(), e);
        }
    }

    private static byte[] unPem(byte[] input) throws MalformedCmsException {
        int start = 0;
        if (input.length >= 3 && (input[0] & 0xff) == 0xef && (input[1] & 0xff) == 0xbb && (input[2] & 0xff) == 0xbf) {
            start = 3;
        }
        while (start < input.length && Character.isWhitespace(input[start])) {
            start++;
        }
        if (!startsWith(input, start, "-----BEGIN ")) {
            return input;
        }
        String text = new String(input, start, input.length - start, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (!m.find() || !LABELS.contains(m.group(1))) {
            String label = m.find(0) ? m.group(1) : "?";
            throw new MalformedCmsException(
                    "the PEM signature must be a PKCS7 or CMS block, not '" + label + "' (or its END line is missing)",
                    null);
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new MalformedCmsException("the PEM signature is not valid base64: " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        if (bytes.length - offset < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
