package vn.kho.ingest.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

class FindingPolicyTest {
    @TempDir
    Path tmp;

    private Path policy(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("policy.yaml"), yaml);
    }

    @Test
    void byDefaultFormatFindingsWarnWhileChecksumStructureAndMetadataErrorsStillReject() {
        List<Finding> graded = FindingPolicy.defaults()
                .apply(List.of(
                        Finding.error("JHOVE_NOT_WELL_FORMED", "broken pdf", "a.pdf"),
                        Finding.warning("PDFA_NOT_CLAIMED", "not PDF/A", "a.pdf"),
                        Finding.error("PDFA_NOT_COMPLIANT", "claims 2b, fails", "a.pdf"),
                        Finding.warning("FORMAT_UNIDENTIFIED", "unknown", "b.bin"),
                        Finding.error("METS_CHECKSUM_MISMATCH", "wrong sha", "a.pdf"),
                        Finding.error("TT05_FIELD_REQUIRED", "no title", null),
                        Finding.error("CSIP_CREATEDATE_MISSING", "no date", "METS.xml")
                                .withRequirement("CSIP7")));

        assertThat(graded)
                .extracting(Finding::severity)
                .containsExactly(
                        Severity.WARNING,
                        Severity.WARNING,
                        Severity.WARNING,
                        Severity.WARNING,
                        Severity.ERROR,
                        Severity.ERROR,
                        Severity.ERROR);
    }

    @Test
    void aDeploymentCanRejectWhatTheDefaultOnlyWarnsAbout() throws IOException {
        FindingPolicy strict = FindingPolicy.load(policy("version: 1\nrules:\n  PDFA_*: reject\n  FORMAT_*: warn\n"));

        assertThat(strict.apply(List.of(Finding.warning("PDFA_NOT_CLAIMED", "not PDF/A", "a.pdf"))))
                .extracting(Finding::severity)
                .containsExactly(Severity.ERROR);
    }

    @Test
    void theExactCodeWinsOverTheRequirementIdWhichWinsOverTheLongestPrefix() throws IOException {
        FindingPolicy p = FindingPolicy.load(
                policy(
                        "version: 1\nrules:\n  CSIP_*: reject\n  CSIP_FILE_*: warn\n  CSIP66: accept\n  CSIP_FILE_SIZE_MISSING: reject\n"));

        assertThat(p.actionFor(Finding.error("CSIP_FILE_CREATED_MISSING", "x", null)))
                .isEqualTo(FindingPolicy.Action.WARN);
        assertThat(p.actionFor(
                        Finding.error("CSIP_FILE_UNREFERENCED", "x", null).withRequirement("CSIP66")))
                .isEqualTo(FindingPolicy.Action.ACCEPT);
        assertThat(p.actionFor(
                        Finding.error("CSIP_FILE_SIZE_MISSING", "x", null).withRequirement("CSIP69")))
                .isEqualTo(FindingPolicy.Action.REJECT);
        assertThat(p.actionFor(Finding.error("CSIP_OBJID_MISSING", "x", null))).isEqualTo(FindingPolicy.Action.REJECT);
        assertThat(p.actionFor(Finding.error("TT05_FIELD_REQUIRED", "x", null))).isNull();
    }

    @Test
    void acceptedFindingsAreKeptAsInformation() throws IOException {
        FindingPolicy p = FindingPolicy.load(policy("version: 1\nrules:\n  TT05_FIELD_TOO_LONG: accept\n"));

        Finding graded = p.apply(List.of(Finding.error("TT05_FIELD_TOO_LONG", "title too long", null)))
                .get(0);

        assertThat(graded.severity()).isEqualTo(Severity.INFO);
        assertThat(graded.message()).isEqualTo("title too long");
    }

    @Test
    void refusesAPolicyThatWouldLetAnUnreadablePackageThrough() throws IOException {
        for (String key : List.of("ZIP_PATH_TRAVERSAL", "ZIP_*", "PACKAGE_FORMAT_UNKNOWN", "UPLOAD_*", "Z*")) {
            Path file = policy("version: 1\nrules:\n  " + key + ": warn\n");
            assertThatThrownBy(() -> FindingPolicy.load(file))
                    .isInstanceOf(PolicyException.class)
                    .hasMessageContaining(key)
                    .hasMessageContaining("always reject");
        }
    }

    @Test
    void namesTheKeyOfABadRuleAndRefusesUnknownSettings() throws IOException {
        Path badAction = policy("version: 1\nrules:\n  JHOVE_NOT_VALID: ignore\n");
        assertThatThrownBy(() -> FindingPolicy.load(badAction))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("rules.JHOVE_NOT_VALID")
                .hasMessageContaining("'ignore' is not reject, warn or accept");

        Path badKey = policy("version: 1\nrules:\n  jhove not valid: warn\n");
        assertThatThrownBy(() -> FindingPolicy.load(badKey)).hasMessageContaining("a key is a finding code");

        Path unknown = policy("version: 1\nrule:\n  JHOVE_NOT_VALID: warn\n");
        assertThatThrownBy(() -> FindingPolicy.load(unknown)).hasMessageContaining("unknown setting 'rule'");

        Path noVersion = policy("rules: {}\n");
        assertThatThrownBy(() -> FindingPolicy.load(noVersion)).hasMessageContaining("'version' must be 1");

        Path broken = policy("version: 1\nrules: [unclosed\n");
        assertThatThrownBy(() -> FindingPolicy.load(broken)).hasMessageContaining("not valid YAML or JSON");
    }
}
