package vn.kho.ingest.csip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.Finding;

/** TT05 SIPs declare the E-ARK SIP 2.2 profile; the ones the test kit builds conform to CSIP 2.2 and SIP 2.2. */
class CsipValidatorTt05Test {
    @TempDir
    Path tmp;

    @Test
    void acceptsTheSipTheTestKitBuildsWithoutAnyFinding() {
        List<Finding> findings = CsipValidator.validate(CsipPackages.of(Tt05SipBuilder.create(), tmp));

        assertThat(findings).isEmpty();
    }

    @Test
    void acceptsATestKitSipWithPreservationMetadataAndDocumentation() {
        Tt05SipBuilder builder = Tt05SipBuilder.create()
                .withPremis()
                .extraFile(
                        "documentation/huong-dan.txt", "Hướng dẫn".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<Finding> findings = CsipValidator.validate(CsipPackages.of(builder, tmp));

        assertThat(findings).noneMatch(Finding::isError);
    }
}
