package vn.kho.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;

class PackageDetectorTest {
    private static final Path DIR = Path.of("/unpacked");

    @Test
    void takesTheOnlyTopLevelFolderAsTheRootOfABag() {
        PackageDetector.Detection d =
                PackageDetector.detect(DIR, files("b/bagit.txt", "b/data/x.txt", "b/manifest-sha256.txt"));

        assertThat(d.format()).contains(PackageFormat.BAGIT);
        assertThat(d.root().prefix()).isEqualTo("b/");
        assertThat(d.root().dir()).isEqualTo(DIR.resolve("b"));
        assertThat(d.root().files()).containsOnlyKeys("bagit.txt", "data/x.txt", "manifest-sha256.txt");
        assertThat(d.findings()).isEmpty();
    }

    @Test
    void takesTheZipRootWhenEntriesSitInSeveralTopLevelPlaces() {
        PackageDetector.Detection d = PackageDetector.detect(DIR, files("bagit.txt", "data/x.txt"));

        assertThat(d.root().prefix()).isEmpty();
        assertThat(d.root().dir()).isEqualTo(DIR);
        assertThat(d.format()).contains(PackageFormat.BAGIT);
    }

    @Test
    void recognisesATt05SipByTheMetsFileInItsRoot() {
        PackageDetector.Detection d =
                PackageDetector.detect(DIR, files("urn_uuid_1/METS.xml", "urn_uuid_1/metadata/descriptive/EAD.xml"));

        assertThat(d.format()).contains(PackageFormat.TT05_SIP);
        assertThat(d.root().prefix()).isEqualTo("urn_uuid_1/");
    }

    @Test
    void rejectsAnUnknownFormatNamingTheFormatsKhoAccepts() {
        PackageDetector.Detection d = PackageDetector.detect(DIR, files("folder/readme.txt", "folder/sub/METS.xml"));

        assertThat(d.format()).isEmpty();
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.isError()).isTrue();
            assertThat(f.code()).isEqualTo("PACKAGE_FORMAT_UNKNOWN");
            assertThat(f.message()).contains("BagIt 1.0/0.97", "TT05 SIP");
        });
    }

    @Test
    void rejectsAnEmptyZipAsAnUnknownFormat() {
        PackageDetector.Detection d = PackageDetector.detect(DIR, List.of());

        assertThat(d.findings()).extracting(Finding::code).containsExactly("PACKAGE_FORMAT_UNKNOWN");
        assertThat(d.root().files()).isEmpty();
    }

    private static List<UnpackedFile> files(String... paths) {
        return java.util.Arrays.stream(paths)
                .map(p -> new UnpackedFile(p, 1, Map.of("sha256", "00".repeat(32))))
                .toList();
    }
}
