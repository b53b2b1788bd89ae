package vn.kho.ingest.csip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.kho.ingest.testkit.SharedFixtures;
import vn.kho.repository.Finding;

/**
 * The E-ARK CSIP example packages (made for CSIP 2.0, found INVALID against CSIP 2.2 by commons-ip 2.12): each is
 * rejected naming at least the requirement ids the shared fixtures' README gives for it.
 */
class CsipValidatorEarkExamplesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @CsvSource({
        "minimal_IP_invmets.zip, CSIP0",
        "minimal_IP_nocrtdt.zip, CSIP7",
        "minimal_IP_noflscid.zip, CSIP59",
        "minimal_IP_nomtshdr.zip, CSIP117",
        "minimal_IP_nopcktyp.zip, CSIP9",
        "minimal_IP_with_schemas.zip, CSIP66 CSIP80",
    })
    void rejectsEveryExampleNamingTheRequirementsItBreaks(String zip, String requirements) {
        Path fixture = SharedFixtures.fixtures().resolve("eark-csip-examples").resolve(zip);

        List<Finding> findings = CsipValidator.validate(CsipPackages.unzip(fixture, tmp));

        List<String> errors = findings.stream()
                .filter(Finding::isError)
                .map(Finding::requirement)
                .toList();
        assertThat(errors).contains(requirements.split(" "));
        assertThat(findings).allSatisfy(f -> assertThat(f.requirement()).isNotNull());
    }
}
