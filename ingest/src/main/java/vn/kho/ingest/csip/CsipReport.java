package vn.kho.ingest.csip;

import java.util.ArrayList;
import java.util.List;
import vn.kho.repository.Finding;

/**
 * Collects the findings of one validation and grades them by requirement level: a MUST broken is an error, a SHOULD
 * broken a warning. A MUST that only CSIP 2.2 / SIP 2.2 introduced is a warning when the package declares an older
 * profile, because the package may be right for the version it names.
 */
final class CsipReport {
    private final List<Finding> findings = new ArrayList<>();
    private final CsipDeclaration declaration;

    CsipReport(CsipDeclaration declaration) {
        this.declaration = declaration;
    }

    CsipDeclaration declaration() {
        return declaration;
    }

    /** A broken MUST requirement: an error. */
    void must(String requirement, String code, String message, String path) {
        findings.add(Finding.error(code, message, path).withRequirement(requirement));
    }

    /** A broken SHOULD requirement: a warning. */
    void should(String requirement, String code, String message, String path) {
        findings.add(Finding.warning(code, message, path).withRequirement(requirement));
    }

    /** A MUST that version 2.2 added or tightened: an error for a 2.2 package, a warning for an older one. */
    void mustSince22(String requirement, String code, String message, String path) {
        if (declaration.older()) {
            should(
                    requirement,
                    code,
                    message + " (required since E-ARK CSIP/SIP 2.2; the package declares the older profile "
                            + declaration.profile() + ")",
                    path);
        } else {
            must(requirement, code, message, path);
        }
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }
}
