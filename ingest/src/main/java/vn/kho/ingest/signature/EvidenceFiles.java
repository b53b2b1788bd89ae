package vn.kho.ingest.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.kho.repository.signature.Evidence;

/**
 * The validation evidence of a package's signatures as AIP files, each named by the SHA-256 of its DER bytes, so
 * that a certificate or CRL several signatures used is kept once:
 *
 * <pre>
 * metadata/preservation/evidence/certificates/&lt;sha256&gt;.cer   X.509 certificate, DER
 * metadata/preservation/evidence/crls/&lt;sha256&gt;.crl           X.509 CRL, DER
 * metadata/preservation/evidence/timestamps/&lt;sha256&gt;.tst     RFC 3161 timestamp token, DER
 * </pre>
 */
final class EvidenceFiles {
    static final String DIR = "metadata/preservation/evidence/";

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** Adds {@code evidence} and returns the AIP paths of its files. */
    List<String> add(Evidence evidence) {
        List<String> paths = new ArrayList<>();
        try {
            for (X509Certificate c : evidence.certificates()) {
                paths.add(put("certificates/", ".cer", c.getEncoded()));
            }
            for (X509CRL crl : evidence.crls()) {
                paths.add(put("crls/", ".crl", crl.getEncoded()));
            }
        } catch (CertificateEncodingException | CRLException e) {
            throw new IllegalStateException("a parsed certificate or CRL always encodes", e);
        }
        for (byte[] token : evidence.timestampTokens()) {
            paths.add(put("timestamps/", ".tst", token));
        }
        return paths;
    }

    Map<String, byte[]> files() {
        return files;
    }

    private String put(String folder, String extension, byte[] der) {
        String path = DIR + folder + sha256(der) + extension;
        files.putIfAbsent(path, der);
        return path;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
