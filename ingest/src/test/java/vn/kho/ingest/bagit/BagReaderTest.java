package vn.kho.ingest.bagit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.testkit.BagBuilder;
import vn.kho.ingest.testkit.BagZipper;
import vn.kho.ingest.testkit.SharedFixtures;
import vn.kho.ingest.testkit.UnpackedTree;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.Severity;

class BagReaderTest {
    @TempDir
    Path tmp;

    @Test
    void acceptsAFreshBagAndMapsItsPayloadAndBagInfoIntoTheAipView() {
        Path bag = BagBuilder.create()
                .payload("báo cáo.pdf", "%PDF-1.4 tiny")
                .payload("sub/notes.txt", "ghi chú")
                .info("Title", "Báo cáo tổng kết năm 2024")
                .info("External-Identifier", "000.00.00.H30.2024.01")
                .info("External-Description", "mô tả")
                .writeDirectory(tmp);

        ParsedPackage parsed = read(bag);

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.format()).isEqualTo(PackageFormat.BAGIT);
        assertThat(parsed.declaredId()).isEmpty();
        assertThat(parsed.content())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "representations/rep1/data/báo cáo.pdf", "data/báo cáo.pdf",
                        "representations/rep1/data/sub/notes.txt", "data/sub/notes.txt",
                        "metadata/descriptive/bag-info.txt", "bag-info.txt"));
        assertThat(parsed.descriptive().title()).isEqualTo("Báo cáo tổng kết năm 2024");
        assertThat(parsed.descriptive().identifier()).isEqualTo("000.00.00.H30.2024.01");
        assertThat(parsed.descriptive().startDate()).isEqualTo("2025-07-01");
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.PUBLIC);
        assertThat(parsed.descriptive().fields()).containsKeys("Bag-Software-Agent", "Payload-Oxum", "Title");
    }

    @Test
    void takesTheTitleFromExternalDescriptionWhenThereIsNoTitle() {
        Path bag = BagBuilder.create()
                .payload("a.txt", "a")
                .info("External-Description", "Ảnh chụp hội nghị")
                .writeDirectory(tmp);

        assertThat(read(bag).descriptive().title()).isEqualTo("Ảnh chụp hội nghị");
    }

    @Test
    void foldsContinuationLinesOfBagInfoIntoOneValue() throws IOException {
        Path bag =
                BagBuilder.create().payload("a.txt", "a").withoutTagManifests().writeDirectory(tmp);
        Files.writeString(
                bag.resolve("bag-info.txt"),
                "External-Description: first line\n   second line\nPayload-Oxum: 1.1\n",
                java.nio.charset.StandardCharsets.UTF_8);

        ParsedPackage parsed = read(bag);

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.descriptive().title()).isEqualTo("first line second line");
    }

    @Test
    void readsTheAccessRegimeFromBagInfoAndFailsClosedOnAnUnknownOne() {
        Path conditional = BagBuilder.create()
                .payload("a.txt", "a")
                .info("Access-Regime", "02")
                .folderName("conditional")
                .writeDirectory(tmp);
        Path unknown = BagBuilder.create()
                .payload("a.txt", "a")
                .info("Access-Regime", "secret-ish")
                .folderName("unknown")
                .writeDirectory(tmp);

        assertThat(read(conditional).descriptive().access()).isEqualTo(AccessRegime.CONDITIONAL);
        ParsedPackage parsed = read(unknown);
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.UNKNOWN);
        assertThat(parsed.findings()).extracting(Finding::code).containsExactly("BAGIT_ACCESS_UNKNOWN");
    }

    @Test
    void rejectsBagWhosePayloadOxumDisagreesWithItsFiles() {
        Path bag =
                BagBuilder.create().payload("a.txt", "abc").payloadOxum("4.1").writeDirectory(tmp);

        assertThat(errorCodes(read(bag))).containsExactly("BAGIT_PAYLOAD_OXUM_MISMATCH");
    }

    @Test
    void rejectsBagWhosePayloadOxumIsNotOctetsDotStreams() {
        Path bag =
                BagBuilder.create().payload("a.txt", "abc").payloadOxum("three").writeDirectory(tmp);

        assertThat(errorCodes(read(bag))).containsExactly("BAGIT_PAYLOAD_OXUM_MALFORMED");
    }

    @Test
    void acceptsBagWhoseFetchListedFilesAreAllPresentWithoutFetchingAnything() {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .fetch("http://203.0.113.1/never-contacted/a.txt", "data/a.txt")
                .writeDirectory(tmp);

        assertThat(read(bag).findings()).filteredOn(Finding::isError).isEmpty();
    }

    @Test
    void rejectsBagWhoseFetchListedFileIsMissingAsIncomplete() throws IOException {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .payload("b.txt", "def")
                .fetch("http://203.0.113.1/never-contacted/b.txt", "data/b.txt")
                .writeDirectory(tmp);
        Files.delete(bag.resolve("data/b.txt"));

        assertThat(errorCodes(read(bag))).contains("BAGIT_INCOMPLETE").doesNotContain("BAGIT_FILE_MISSING");
    }

    @Test
    void rejectsFetchPathOutsideThePayload() {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .fetch("http://203.0.113.1/x", "bagit.txt")
                .writeDirectory(tmp);

        assertThat(errorCodes(read(bag))).contains("BAGIT_FETCH_PATH_OUTSIDE_PAYLOAD");
    }

    @Test
    void rejectsPayloadFileThatIsListedButMissing() throws IOException {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .payload("b.txt", "def")
                .writeDirectory(tmp);
        Files.delete(bag.resolve("data/b.txt"));

        assertThat(errorCodes(read(bag))).contains("BAGIT_FILE_MISSING", "BAGIT_PAYLOAD_OXUM_MISMATCH");
    }

    @Test
    void rejectsManifestPathThatClimbsOutOfThePayload() throws IOException {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .withoutTagManifests()
                .writeDirectory(tmp);
        Files.writeString(
                bag.resolve("manifest-sha256.txt"),
                Files.readString(bag.resolve("manifest-sha256.txt")) + UnpackedTree.digest("x".getBytes(), "sha256")
                        + "  data/../bagit.txt\n");

        assertThat(errorCodes(read(bag))).contains("BAGIT_PATH_OUTSIDE_BAG");
    }

    @Test
    void decodesPercentEncodedPathsInBagIt1Manifests() {
        Path bag = BagBuilder.create()
                .payload("100%.txt", "full")
                .payload("%7E.txt", "tilde, literally")
                .writeDirectory(tmp);

        ParsedPackage parsed = read(bag);

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.content())
                .containsKeys("representations/rep1/data/100%.txt", "representations/rep1/data/%7E.txt");
    }

    @Test
    void rejectsTagManifestThatListsItself() throws IOException {
        Path bag = BagBuilder.create().payload("a.txt", "abc").writeDirectory(tmp);
        Files.writeString(
                bag.resolve("tagmanifest-sha256.txt"),
                UnpackedTree.digest("x".getBytes(), "sha256") + "  tagmanifest-sha256.txt\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(errorCodes(read(bag))).contains("BAGIT_TAGMANIFEST_LISTS_ITSELF");
    }

    @Test
    void rejectsTagManifestThatListsAPayloadFile() throws IOException {
        Path bag = BagBuilder.create().payload("a.txt", "abc").writeDirectory(tmp);
        Files.writeString(
                bag.resolve("tagmanifest-sha256.txt"),
                UnpackedTree.digest("abc".getBytes(), "sha256") + "  data/a.txt\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(errorCodes(read(bag))).contains("BAGIT_TAGMANIFEST_LISTS_PAYLOAD");
    }

    @Test
    void rejectsBagWithoutAnyPayloadManifest() throws IOException {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .withoutTagManifests()
                .writeDirectory(tmp);
        Files.delete(bag.resolve("manifest-sha256.txt"));
        Files.delete(bag.resolve("manifest-sha512.txt"));

        assertThat(errorCodes(read(bag))).contains("BAGIT_MANIFEST_MISSING");
    }

    @Test
    void rejectsBagWithoutBagitTxtWhenReadDirectly() {
        Path bag = SharedFixtures.bagitConformance().resolve("v0.97/invalid/missing-bagit.txt");

        assertThat(errorCodes(read(bag))).contains("BAGIT_DECLARATION_MISSING");
    }

    @Test
    void comparesManifestsWithTheUnpackedDigestsAndNeverRereadsThePayload() throws IOException {
        Path bag = BagBuilder.create().payload("a.txt", "abc").writeDirectory(tmp);
        List<UnpackedFile> files = UnpackedTree.hash(tmp, bag);
        // If the reader hashed the payload itself it would see this change; it must trust the unzipper's digests.
        Files.writeString(bag.resolve("data/a.txt"), "xyz");
        ParsedPackage trusted =
                BagReader.read(PackageDetector.detect(tmp, files).root());
        assertThat(trusted.findings()).isEmpty();

        List<UnpackedFile> tampered = files.stream()
                .map(f -> f.path().endsWith("data/a.txt") ? withDigest(f, "sha512", "00".repeat(64)) : f)
                .toList();
        ParsedPackage parsed =
                BagReader.read(PackageDetector.detect(tmp, tampered).root());
        assertThat(parsed.findings())
                .filteredOn(Finding::isError)
                .extracting(Finding::code, Finding::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BAGIT_CHECKSUM_MISMATCH", "data/a.txt"));
    }

    @Test
    void reportsADigestTheUnzipperDidNotComputeInsteadOfHashingItself() {
        Path bag = BagBuilder.create().payload("a.txt", "abc").writeDirectory(tmp);
        List<UnpackedFile> onlySha256 = UnpackedTree.hash(tmp, bag).stream()
                .map(f -> new UnpackedFile(f.path(), f.size(), Map.of("sha256", f.sha256())))
                .toList();

        ParsedPackage parsed =
                BagReader.read(PackageDetector.detect(tmp, onlySha256).root());

        assertThat(errorCodes(parsed)).contains("BAGIT_DIGEST_UNAVAILABLE");
    }

    @Test
    void readsAConformanceBagZippedWithoutABaseDirectory() {
        Path zip = BagZipper.zip(
                SharedFixtures.bagitConformance().resolve("v0.97/valid/bag-with-space"), tmp.resolve("bag.zip"), false);
        Path unpacked = tmp.resolve("unpacked");
        List<UnpackedFile> files = UnpackedTree.unzip(zip, unpacked);

        PackageDetector.Detection detection = PackageDetector.detect(unpacked, files);
        assertThat(detection.root().prefix()).isEmpty();
        ParsedPackage parsed = BagReader.read(detection.root());

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.content()).containsEntry("representations/rep1/data/test 1.txt", "data/test 1.txt");
        assertThat(parsed.descriptive().identifier()).isEqualTo("spengler_yoshimuri_001");
        assertThat(parsed.descriptive().title())
                .isEqualTo("Uncompressed greyscale TIFF images from the Yoshimuri papers collection.");
    }

    @Test
    void warnsButAcceptsAnOperatingSystemFileInThePayload() {
        Path bag = BagBuilder.create()
                .payload("a.txt", "abc")
                .payload("Thumbs.db", "")
                .writeDirectory(tmp);

        ParsedPackage parsed = read(bag);

        assertThat(parsed.findings())
                .extracting(Finding::severity, Finding::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "BAGIT_SYSTEM_FILE"));
    }

    private ParsedPackage read(Path bag) {
        Path unpackDir = bag.getParent();
        PackageRoot root = PackageDetector.detect(unpackDir, UnpackedTree.hash(unpackDir, bag))
                .root();
        return BagReader.read(root);
    }

    private static List<String> errorCodes(ParsedPackage parsed) {
        return parsed.findings().stream()
                .filter(Finding::isError)
                .map(Finding::code)
                .toList();
    }

    private static UnpackedFile withDigest(UnpackedFile f, String algorithm, String hex) {
        Map<String, String> digests = new LinkedHashMap<>(f.digests());
        digests.put(algorithm, hex);
        return new UnpackedFile(f.path(), f.size(), digests);
    }
}
