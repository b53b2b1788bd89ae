package vn.kho.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.kho.ingest.policy.FindingPolicy;
import vn.kho.ingest.testkit.SharedFixtures;
import vn.kho.ingest.testkit.TestCheckers;
import vn.kho.ingest.testkit.TinyPdf;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.tt05.ArchiveKind;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/** The checker as Kho wires it: CSIP and TT05 rules, the policy and the file checks, each stage graded. */
class PackageCheckerRulesTest {
    @TempDir
    Path tmp;

    private int runs;

    private CheckedPackage check(PackageChecker checker, Path zip) {
        String name = zip.getFileName().toString() + "-" + (++runs);
        return checker.check(zip, tmp.resolve(name + "-unpacked"), tmp.resolve(name + "-checks"));
    }

    @ParameterizedTest
    @CsvSource({
        "minimal_IP_invmets.zip, CSIP0",
        "minimal_IP_nocrtdt.zip, CSIP7",
        "minimal_IP_noflscid.zip, CSIP59",
        "minimal_IP_nomtshdr.zip, CSIP117",
        "minimal_IP_nopcktyp.zip, CSIP9",
        "minimal_IP_with_schemas.zip, CSIP66 CSIP80"
    })
    void rejectsEveryEarkExampleNamingTheRequirementsItsReadmeGives(String example, String ids) {
        Path zip = SharedFixtures.fixtures().resolve("eark-csip-examples").resolve(example);

        CheckedPackage checked = check(TestCheckers.checker(), zip);

        assertThat(checked.findings()).anyMatch(Finding::isError);
        assertThat(checked.characterisation())
                .as("no file is validated in a rejected package")
                .isNull();
        for (String id : ids.split(" ")) {
            assertThat(checked.findings())
                    .as(example + " names " + id)
                    .anyMatch(f -> f.isError() && id.equals(f.requirement()));
        }
    }

    @Test
    void aHistoricalArchiveRefusesRecordsThatAreNotPermanentAndAnAgencyArchiveTakesThem() {
        Path zip = Tt05SipBuilder.create().maintenance("02").writeZip(tmp.resolve("70-years.zip"));

        CheckedPackage historical = check(TestCheckers.checker(FindingPolicy.defaults(), ArchiveKind.HISTORICAL), zip);
        CheckedPackage agency = check(TestCheckers.checker(FindingPolicy.defaults(), ArchiveKind.AGENCY), zip);

        assertThat(historical.findings())
                .anyMatch(f -> f.isError() && f.code().equals("TT05_MAINTENANCE_NOT_PERMANENT"));
        assertThat(agency.findings()).noneMatch(Finding::isError);
    }

    @Test
    void aTestKitSipPassesEveryStageAndEveryFileIsCharacterised() {
        CheckedPackage checked =
                check(TestCheckers.checker(), Tt05SipBuilder.create().writeZip(tmp.resolve("ok.zip")));

        assertThat(checked.findings()).noneMatch(Finding::isError);
        assertThat(checked.characterisation().files()).containsKeys("METS.xml", "metadata/descriptive/EAD.xml");
        var pdf = checked.characterisation().files().values().stream()
                .filter(c -> c.path().endsWith(".pdf"))
                .findFirst()
                .orElseThrow();
        assertThat(pdf.format().puid()).isEqualTo("fmt/18");
        assertThat(pdf.validation().status()).isEqualTo("VALID");
        assertThat(checked.characterisation().jhoveReport()).isPresent();
        // the default policy lets a PDF that is not PDF/A through with a warning
        assertThat(checked.findings())
                .anyMatch(f -> f.code().equals("PDFA_NOT_CLAIMED") && f.severity() == Severity.WARNING);
    }

    @Test
    void aDeploymentPolicyCanRefusePdfsThatAreNotPdfa() throws IOException {
        FindingPolicy strict = FindingPolicy.load(
                Files.writeString(tmp.resolve("strict.yaml"), "version: 1\nrules:\n  PDFA_*: reject\n"));

        CheckedPackage checked = check(
                TestCheckers.checker(strict, ArchiveKind.AGENCY),
                Tt05SipBuilder.create().writeZip(tmp.resolve("p.zip")));

        assertThat(checked.findings()).anyMatch(f -> f.isError() && f.code().equals("PDFA_NOT_CLAIMED"));
    }

    @Test
    void aBrokenPdfIsAWarningByDefaultNotARejection() {
        byte[] pdf = TinyPdf.bytes("t", "x");
        Path zip = Tt05SipBuilder.create()
                .document("000.00.00.H30.2024.01.0000001.001.pdf", java.util.Arrays.copyOf(pdf, pdf.length / 3))
                .writeZip(tmp.resolve("broken.zip"));

        CheckedPackage checked = check(TestCheckers.checker(), zip);

        assertThat(checked.findings()).noneMatch(Finding::isError);
        assertThat(checked.findings())
                .anyMatch(f -> f.code().equals("JHOVE_NOT_WELL_FORMED") && f.severity() == Severity.WARNING);
        assertThat(Map.copyOf(checked.characterisation().files()))
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        c -> c.validation().status().equals("NOT_WELL_FORMED"), "not well-formed"));
    }
}
