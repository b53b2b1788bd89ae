package vn.kho.repository.signature;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Who a certificate names, in the terms the archive records.
 *
 * <p>{@code subjectDn} and {@code issuerDn} are RFC 2253 strings (most specific first, {@code CN=...,O=...,C=VN})
 * with {@code organizationIdentifier} and {@code UID} written by name. {@code serialHex} is the serial number in
 * lower-case hexadecimal. {@code commonName} is the subject's first CN, or {@code null}. {@code organisationCode} is
 * the code of the organisation the certificate was issued to: the subject's {@code organizationIdentifier} (OID
 * 2.5.4.97, as eIDAS and ETSI EN 319 412-1 certificates carry it), else its {@code UID} (0.9.2342.19200300.100.1.1,
 * where Vietnamese CAs put an organisation's tax or budget code, for example {@code MST:0101234567}), else {@code
 * null}. Values are taken as written, prefixes included.
 */
public record SignerIdentity(
        String subjectDn, String issuerDn, String serialHex, String commonName, String organisationCode) {
    private static final Map<String, String> NAMES =
            Map.of("2.5.4.97", "organizationIdentifier", "0.9.2342.19200300.100.1.1", "UID");

    public SignerIdentity {
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(issuerDn, "issuerDn");
        Objects.requireNonNull(serialHex, "serialHex");
        if (!serialHex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("serialHex must be lower-case hexadecimal: " + serialHex);
        }
    }

    /** The identity {@code certificate} names. */
    public static SignerIdentity of(X509Certificate certificate) {
        X500Name subject =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String orgId = first(subject, BCStyle.ORGANIZATION_IDENTIFIER);
        return new SignerIdentity(
                dn(certificate.getSubjectX500Principal()),
                dn(certificate.getIssuerX500Principal()),
                serialHex(certificate.getSerialNumber()),
                first(subject, BCStyle.CN),
                orgId != null ? orgId : first(subject, BCStyle.UID));
    }

    /** {@code name} as RFC 2253 with {@code organizationIdentifier} and {@code UID} named. */
    public static String dn(X500Principal name) {
        return name.getName(X500Principal.RFC2253, NAMES);
    }

    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        for (RDN rdn : name.getRDNs(type)) {
            ASN1Encodable value = rdn.isMultiValued()
                    ? java.util.Arrays.stream(rdn.getTypesAndValues())
                            .filter(a -> a.getType().equals(type))
                            .findFirst()
                            .orElseThrow()
                            .getValue()
                    : rdn.getFirst().getValue();
            return value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
        }
        return null;
    }
}
