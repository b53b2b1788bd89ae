package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/**
 * The official OCFL 1.1 fixtures ({@code ../shared/fixtures/ocfl-fixtures/1.1}, used as they are), each checked as a
 * single object root with content fixity on. A bad object's folder name starts with the codes it must raise
 * ({@code E003_E063_empty}), a warn object's with its warning codes.
 */
class OcflVerifierFixturesTest {
    /**
     * The fixture codes {@code kho verify} does not name, with what it reports for the same fault instead. The README
     * section "kho verify: deviations from the OCFL fixtures" lists the same.
     */
    static final Map<String, Deviation> DEVIATIONS =
            Map.of("E037_inconsistent_id", new Deviation("OCFL_E037", "OCFL_E110"));

    /** The objects on which ocfl-java 2.2.3 throws instead of reporting; Kho's own checks name their code. */
    static final Set<String> OCFL_JAVA_FAILS_ON = Set.of("E001_v2_file_in_root");

    record Deviation(String notNamed, String reportedInstead) {}

    private static final OcflVerifier VERIFIER = new OcflVerifier(true);

    static Path fixtures() {
        String shared = System.getProperty("kho.shared");
        for (String candidate : new String[] {shared, "../shared", "../../shared"}) {
            if (candidate != null) {
                Path p = Path.of(candidate, "fixtures", "ocfl-fixtures", "1.1")
                        .toAbsolutePath()
                        .normalize();
                if (Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("OCFL fixtures not found: set -Dkho.shared=<path to shared>");
    }

    private static Stream<Named<Path>> objects(String kind) throws IOException {
        try (Stream<Path> list = Files.list(fixtures().resolve(kind))) {
            List<Path> dirs = list.filter(Files::isDirectory).sorted().toList();
            assertThat(dirs).as(kind).isNotEmpty();
            return dirs.stream().map(p -> Named.of(p.getFileName().toString(), p));
        }
    }

    static Stream<Named<Path>> goodObjects() throws IOException {
        return objects("good-objects");
    }

    static Stream<Named<Path>> badObjects() throws IOException {
        return objects("bad-objects");
    }

    static Stream<Named<Path>> warnObjects() throws IOException {
        return objects("warn-objects");
    }

    /** {@code E049_E050_E054_bad_version_block_values} → OCFL_E049, OCFL_E050, OCFL_E054. */
    static List<String> codesOfName(String name) {
        List<String> codes = new ArrayList<>();
        for (String part : name.split("_")) {
            if (!part.matches("[EW]\\d{3}")) {
                break;
            }
            codes.add("OCFL_" + part);
        }
        return codes;
    }

    private static List<String> codes(List<Finding> findings, Severity severity) {
        return findings.stream()
                .filter(f -> f.severity() == severity)
                .map(Finding::code)
                .distinct()
                .toList();
    }

    @ParameterizedTest
    @MethodSource("goodObjects")
    void aGoodObjectHasNoError(Path object) {
        List<Finding> findings = VERIFIER.verify(object);

        assertThat(codes(findings, Severity.ERROR)).as(findings.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("badObjects")
    void aBadObjectFailsNamingEveryCodeOfItsFolderName(Path object) {
        String name = object.getFileName().toString();
        List<Finding> findings = VERIFIER.verify(object);
        List<String> errors = codes(findings, Severity.ERROR);

        assertThat(codesOfName(name)).as(name).isNotEmpty();
        assertThat(errors).as(name).isNotEmpty();
        for (String code : codesOfName(name)) {
            Deviation deviation = DEVIATIONS.get(name);
            if (deviation != null && deviation.notNamed().equals(code)) {
                assertThat(errors).as(name).doesNotContain(code).contains(deviation.reportedInstead());
            } else {
                assertThat(errors).as(name + ": " + findings).contains(code);
            }
        }
        assertThat(errors.contains("OCFL_VALIDATOR_FAILED")).as(name).isEqualTo(OCFL_JAVA_FAILS_ON.contains(name));
    }

    @ParameterizedTest
    @MethodSource("warnObjects")
    void aWarnObjectHasNoErrorAndReportsTheCodesOfItsFolderNameAsWarnings(Path object) {
        String name = object.getFileName().toString();
        List<Finding> findings = VERIFIER.verify(object);

        assertThat(codes(findings, Severity.ERROR)).as(findings.toString()).isEmpty();
        assertThat(codesOfName(name)).as(name).isNotEmpty();
        assertThat(codes(findings, Severity.WARNING)).as(name).containsAll(codesOfName(name));
    }

    @Test
    void everyDeviationIsABadFixtureThatTheReadmeLists() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("kho verify: deviations from the OCFL fixtures");
        assertThat(section).isNotNegative();
        for (String name : DEVIATIONS.keySet()) {
            assertThat(fixtures().resolve("bad-objects").resolve(name)).isDirectory();
            assertThat(readme.substring(section)).contains(name);
        }
        for (String name : OCFL_JAVA_FAILS_ON) {
            assertThat(fixtures().resolve("bad-objects").resolve(name)).isDirectory();
        }
    }

    @Test
    void namesTheContentFileWhoseDigestDiffers() {
        Path object = fixtures().resolve("bad-objects/E092_content_file_digest_mismatch");

        assertThat(VERIFIER.verify(object))
                .filteredOn(f -> f.code().equals("OCFL_E092"))
                .extracting(Finding::path)
                .containsExactly("E092_content_file_digest_mismatch/v1/content/test.txt");
    }
}
