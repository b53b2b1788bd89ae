package vn.kho.ingest.signature;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.kho.repository.Finding;
import vn.kho.repository.signature.SignatureRecord;

/**
 * What the signature checks of one package found.
 *
 * @param records every signature checked, with AIP paths, in the order they were checked
 * @param findings one per signature (its outcome's code), and the package-level ones (a required signature missing,
 *     an agency that differs from the signer's)
 * @param evidence AIP path → DER bytes of each certificate, CRL and timestamp token a decision used, to be kept in the
 *     AIP ({@link SignatureChecker#EVIDENCE_DIR})
 */
public record SignatureCheck(List<SignatureRecord> records, List<Finding> findings, Map<String, byte[]> evidence) {
    public SignatureCheck {
        records = List.copyOf(records);
        findings = List.copyOf(findings);
        evidence = java.util.Collections.unmodifiableMap(new TreeMap<>(evidence));
    }

    public static SignatureCheck none() {
        return new SignatureCheck(List.of(), List.of(), Map.of());
    }
}
