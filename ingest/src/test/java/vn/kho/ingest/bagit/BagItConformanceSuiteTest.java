package vn.kho.ingest.bagit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.testkit.SharedFixtures;
import vn.kho.ingest.testkit.UnpackedTree;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.Severity;

/**
 * The Library of Congress BagIt conformance suite, read in place: each bag is described as if it had been unzipped
 * from a zip with the bag's folder as base directory, then detected and read. Invalid and warning bags must fail or
 * warn for the reason the suite names them after.
 */
class BagItConformanceSuiteTest {
    private static final Map<String, String> WHY_INVALID = Map.ofEntries(
            Map.entry("v1.0/invalid/bagit-with-invalid-whitespace", "BAGIT_DECLARATION_MALFORMED"),
            Map.entry("v1.0/invalid/notAllManifestsListAllFiles", "BAGIT_FILE_NOT_IN_MANIFEST"),
            Map.entry(
                    "v1.0/invalid/same-filename-listed-twice-with-different-hashes",
                    "BAGIT_MANIFEST_CONFLICTING_ENTRY"),
            Map.entry("v1.0/invalid/same-filename-listed-twice-with-the-same-hash", "BAGIT_MANIFEST_DUPLICATE_ENTRY"),
            Map.entry("v0.97/invalid/baginfo-missing-encoding", "BAGIT_DECLARATION_MALFORMED"),
            Map.entry("v0.97/invalid/bom-in-bagit.txt", "BAGIT_DECLARATION_BOM"),
            Map.entry("v0.97/invalid/corrupt-data-file", "BAGIT_CHECKSUM_MISMATCH"),
            Map.entry("v0.97/invalid/corrupt-tag-file", "BAGIT_CHECKSUM_MISMATCH"),
            Map.entry("v0.97/invalid/extra-file-in-bag", "BAGIT_FILE_NOT_IN_MANIFEST"),
            Map.entry("v0.97/invalid/invalid-version-number", "BAGIT_DECLARATION_MALFORMED"),
            Map.entry("v0.97/invalid/missing-baginfo", "BAGIT_FILE_MISSING"),
            Map.entry("v0.97/invalid/missing-bagit.txt", "PACKAGE_FORMAT_UNKNOWN"),
            Map.entry("v0.97/invalid/out-of-scope-file-paths-using-dot-notation", "BAGIT_PATH_OUTSIDE_BAG"),
            Map.entry(
                    "v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch",
                    "BAGIT_FETCH_PATH_OUTSIDE_PAYLOAD"),
            Map.entry(
                    "v0.97/invalid/same-filename-listed-twice-with-different-hashes",
                    "BAGIT_MANIFEST_CONFLICTING_ENTRY"),
            Map.entry("v0.97/linux-only/out-of-scope-file-paths-using-absolute-path", "BAGIT_PATH_OUTSIDE_BAG"),
            Map.entry(
                    "v0.97/linux-only/out-of-scope-file-paths-using-absolute-path-for-fetch",
                    "BAGIT_FETCH_PATH_OUTSIDE_PAYLOAD"),
            Map.entry("v0.97/linux-only/out-of-scope-file-paths-using-shortcut", "BAGIT_PATH_OUTSIDE_BAG"),
            Map.entry(
                    "v0.97/linux-only/out-of-scope-file-paths-using-shortcut-for-fetch",
                    "BAGIT_FETCH_PATH_OUTSIDE_PAYLOAD"),
            Map.entry("v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username", "BAGIT_PATH_OUTSIDE_BAG"),
            Map.entry(
                    "v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username-for-fetch",
                    "BAGIT_FETCH_PATH_OUTSIDE_PAYLOAD"));

    private static final Map<String, String> WHY_WARNING = Map.of(
            "v0.97/warning/duplicate-file-with-different-case", "BAGIT_PATH_CASE_COLLISION",
            "v0.97/warning/made-with-md5sum-tools", "BAGIT_MANIFEST_BINARY_MARKER",
            "v0.97/warning/relative-path", "BAGIT_PATH_NOT_NORMALIZED",
            "v0.97/warning/same-filename-listed-twice-with-different-normalization", "BAGIT_MANIFEST_DUPLICATE_ENTRY",
            "v0.97/warning/same-filename-listed-twice-with-the-same-hash", "BAGIT_MANIFEST_DUPLICATE_ENTRY",
            "v0.97/warning/special-system-files", "BAGIT_SYSTEM_FILE");

    @TestFactory
    Stream<DynamicTest> acceptsEveryValidBagWithoutErrors() {
        return bags("v1.0/valid", "v0.97/valid")
                .map(bag -> DynamicTest.dynamicTest(name(bag) + " is accepted", () -> {
                    assertThat(readAsSubmitted(bag))
                            .filteredOn(Finding::isError)
                            .isEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryInvalidAndLinuxOnlyBagForItsReason() {
        return bags("v1.0/invalid", "v0.97/invalid", "v0.97/linux-only")
                .map(bag -> DynamicTest.dynamicTest(name(bag) + " is rejected", () -> {
                    assertThat(WHY_INVALID)
                            .as("expected reason for %s", name(bag))
                            .containsKey(name(bag));
                    List<Finding> errors = readAsSubmitted(bag).stream()
                            .filter(Finding::isError)
                            .toList();
                    assertThat(errors).extracting(Finding::code).contains(WHY_INVALID.get(name(bag)));
                    assertThat(errors).allSatisfy(f -> assertThat(f.message()).isNotBlank());
                }));
    }

    @TestFactory
    Stream<DynamicTest> acceptsEveryWarningBagWithItsWarning() {
        return bags("v0.97/warning")
                .map(bag -> DynamicTest.dynamicTest(name(bag) + " is accepted with a warning", () -> {
                    assertThat(WHY_WARNING)
                            .as("expected warning for %s", name(bag))
                            .containsKey(name(bag));
                    List<Finding> findings = readAsSubmitted(bag);
                    assertThat(findings).filteredOn(Finding::isError).isEmpty();
                    assertThat(findings)
                            .filteredOn(f -> f.severity() == Severity.WARNING)
                            .extracting(Finding::code)
                            .contains(WHY_WARNING.get(name(bag)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> reportsOnEveryWindowsOnlyBagWithoutFailing() {
        // invalid only on Windows; on Linux no particular outcome is required, only a report instead of an exception
        return bags("v0.97/windows-only")
                .map(bag -> DynamicTest.dynamicTest(name(bag) + " gets a report", () -> {
                    assertThat(readAsSubmitted(bag)).isNotNull();
                }));
    }

    static List<Finding> readAsSubmitted(Path bag) {
        Path unpackDir = bag.getParent();
        PackageDetector.Detection detection = PackageDetector.detect(unpackDir, UnpackedTree.hash(unpackDir, bag));
        assertThat(detection.root().prefix()).isEqualTo(bag.getFileName() + "/");
        if (detection.format().isEmpty()) {
            return detection.findings();
        }
        assertThat(detection.format()).contains(PackageFormat.BAGIT);
        ParsedPackage parsed = BagReader.read(detection.root());
        assertThat(parsed.format()).isEqualTo(PackageFormat.BAGIT);
        return parsed.findings();
    }

    static Stream<Path> bags(String... folders) {
        Path suite = SharedFixtures.bagitConformance();
        return Stream.of(folders).flatMap(folder -> {
            try (Stream<Path> list = Files.list(suite.resolve(folder))) {
                return list.filter(Files::isDirectory).sorted().toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String name(Path bag) {
        return SharedFixtures.bagitConformance().relativize(bag).toString().replace('\\', '/');
    }
}
