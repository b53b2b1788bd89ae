package vn.kho.ingest.csip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/**
 * Which packages are checked at all, and how a package declaring an older profile is graded: the same checks, but
 * what only CSIP / SIP 2.2 demands is a warning.
 */
class CsipVersionsTest {
    private static final String ROOT = "METS.xml";

    @TempDir
    Path tmp;

    /** The representation described the CSIP 2.0 way: group USE and division LABEL just "Representations". */
    private static String representationsTheOldWay(String mets) {
        return mets.replace("USE=\"Representations/rep1\"", "USE=\"Representations\"")
                .replace("LABEL=\"Representations/rep1\"", "LABEL=\"Representations\"")
                .replaceFirst("(<agent ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\">\\s*)<name>[^<]*</name>", "$1<name/>");
    }

    private static UnaryOperator<String> profile(String url) {
        return mets -> representationsTheOldWay(mets).replaceFirst("PROFILE=\"[^\"]*\"", "PROFILE=\"" + url + "\"");
    }

    @Test
    void gradesWhatOnlyVersion22DemandsAsWarningsForASip204Package() {
        List<Finding> findings = CsipValidator.validate(CsipPackages.edited(
                Tt05SipBuilder.create(), ROOT, profile("https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-0-4.xml"), tmp));

        assertThat(findings).noneMatch(Finding::isError);
        assertThat(findings)
                .filteredOn(f -> f.severity() == Severity.WARNING)
                .extracting(Finding::requirement)
                .contains("SIP2", "CSIP107", "CSIP114", "SIP18");
    }

    @Test
    void rejectsTheSamePackageWhenItDeclaresSip22() {
        List<Finding> findings = CsipValidator.validate(
                CsipPackages.edited(Tt05SipBuilder.create(), ROOT, CsipVersionsTest::representationsTheOldWay, tmp));

        assertThat(findings)
                .filteredOn(Finding::isError)
                .extracting(Finding::requirement)
                .contains("CSIP107", "CSIP114", "SIP18");
    }

    @Test
    void gradesACsip204SchemasFolderWithoutSchemasGroupAsAWarning() {
        Tt05SipBuilder builder = Tt05SipBuilder.create().unreferencedFile("schemas/simpledc.xsd", new byte[] {'<'});

        List<Finding> findings = CsipValidator.validate(CsipPackages.edited(
                builder,
                ROOT,
                m -> m.replaceFirst(
                        "PROFILE=\"[^\"]*\"", "PROFILE=\"https://earkcsip.dilcis.eu/profile/E-ARK-CSIP-v2-0-4.xml\""),
                tmp));

        assertThat(findings)
                .anySatisfy(f -> {
                    assertThat(f.requirement()).isEqualTo("CSIP113");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                })
                .noneMatch(f -> f.requirement().startsWith("SIP"));
    }

    @Test
    void checksNothingInAPlainMetsPackageThatDoesNotDeclareCsip() {
        List<Finding> findings = CsipValidator.validate(CsipPackages.edited(
                Tt05SipBuilder.create(),
                ROOT,
                m -> m.replaceAll(" csip:[A-Z]+=\"[^\"]*\"", "")
                        .replace(" xmlns:csip=\"https://DILCIS.eu/XML/METS/CSIPExtensionMETS\"", "")
                        .replaceFirst(" PROFILE=\"[^\"]*\"", "")
                        .replace("LABEL=\"CSIP\"", "LABEL=\"Physical\""),
                tmp));

        assertThat(findings).isEmpty();
    }

    @Test
    void checksAPackageThatDeclaresCsipOnlyThroughItsNamespace() {
        List<Finding> findings = CsipValidator.validate(CsipPackages.edited(
                Tt05SipBuilder.create(), ROOT, m -> m.replaceFirst(" PROFILE=\"[^\"]*\"", ""), tmp));

        assertThat(findings).extracting(Finding::requirement).containsExactly("CSIP6");
    }

    @Test
    void checksNothingWhenThereIsNoRootMets() {
        List<Finding> findings = CsipValidator.validate(
                CsipPackages.withFiles("goi", java.util.Map.of("data/a.txt", new byte[] {1}), tmp));

        assertThat(findings).isEmpty();
    }
}
