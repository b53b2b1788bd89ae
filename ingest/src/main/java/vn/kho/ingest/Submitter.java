package vn.kho.ingest;

/**
 * The agency a package says it comes from: for a TT05 SIP, the root METS's {@code agent ROLE="CREATOR"
 * TYPE="ORGANIZATION"} with its name and its {@code IDENTIFICATIONCODE} note (the agency identifier, mã định danh cơ
 * quan); for a bag, {@code Source-Organization}. A claim only: where a package signature names an organisation, the
 * signer's certificate is what counts.
 *
 * @param name the agency's name, or null
 * @param code the agency identifier, or null
 */
public record Submitter(String name, String code) {
    public Submitter {
        name = blankToNull(name);
        code = blankToNull(code);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
