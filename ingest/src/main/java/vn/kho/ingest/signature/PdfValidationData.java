package vn.kho.ingest.signature;

import java.util.List;

/**
 * The validation data a PDF carries for its signatures in its Document Security Store (the catalog's {@code /DSS},
 * ETSI EN 319 142-1 / PDF 2.0): certificates ({@code /Certs}) and CRLs ({@code /CRLs}), DER as stored. A PAdES-LT
 * document keeps there the revocation data its signatures need, so Kho can decide without the network. OCSP
 * responses ({@code /OCSPs}) are not read: Kho decides revocation from CRLs.
 *
 * @param certificates DER certificates
 * @param crls DER CRLs
 */
public record PdfValidationData(List<byte[]> certificates, List<byte[]> crls) {
    public PdfValidationData {
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
    }

    public static PdfValidationData none() {
        return new PdfValidationData(List.of(), List.of());
    }
}
