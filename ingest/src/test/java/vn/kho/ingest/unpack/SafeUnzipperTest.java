package vn.kho.ingest.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.AsiExtraField;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.Severity;

class SafeUnzipperTest {
    private static final String VIET = "Báo cáo tổng kết năm 2024 – Sở Nội vụ tỉnh Đắk Lắk";

    @TempDir
    Path dir;

    private Path zip;
    private Path target;
    private Set<Path> before;

    @BeforeEach
    void paths() {
        zip = dir.resolve("package.zip");
        target = dir.resolve("out");
    }

    // ---- packages that must unpack ----

    @Test
    void extractsNestedDirectoriesAndEmptyFilesWrittenByJavaUtilZip() throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("data/"));
            out.putNextEntry(new ZipEntry("data/docs/"));
            out.putNextEntry(new ZipEntry("data/docs/a.txt"));
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.putNextEntry(new ZipEntry("data/empty.txt"));
            out.putNextEntry(new ZipEntry("data/implied/deep/b.txt"));
            out.write(new byte[10_000]);
            out.putNextEntry(new ZipEntry("empty-dir/"));
        }

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files())
                .extracting(UnpackedFile::path, UnpackedFile::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("data/docs/a.txt", 5L),
                        org.assertj.core.groups.Tuple.tuple("data/empty.txt", 0L),
                        org.assertj.core.groups.Tuple.tuple("data/implied/deep/b.txt", 10_000L));
        assertThat(target.resolve("data/docs/a.txt")).hasContent("hello");
        assertThat(target.resolve("data/empty.txt")).isEmptyFile();
        assertThat(target.resolve("empty-dir")).isEmptyDirectory();
        assertThat(result.files().get(1).sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(result.dir()).isEqualTo(target);
    }

    @Test
    void computesEveryRequestedDigestInTheWritingPass() throws Exception {
        byte[] text = "Lưu trữ số\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        byte[] random = randomBytes(300_000);
        TestZip z = new TestZip();
        z.add("text.txt", text);
        z.stored("random.bin", random);
        z.write(zip);

        UnpackedPackage result = unpack(zip, names -> Set.of("md5", "sha1", "sha224", "sha384", "sha512"));

        assertThat(result.findings()).isEmpty();
        for (UnpackedFile file : result.files()) {
            byte[] source = file.path().equals("text.txt") ? text : random;
            assertThat(file.digests()).containsOnlyKeys(DigestAlgorithms.names());
            for (String algorithm : DigestAlgorithms.names()) {
                String expected = HexFormat.of()
                        .formatHex(MessageDigest.getInstance(DigestAlgorithms.javaName(algorithm))
                                .digest(source));
                assertThat(file.digests().get(algorithm)).as(algorithm).isEqualTo(expected);
            }
            assertThat(Files.readAllBytes(target.resolve(file.path()))).isEqualTo(source);
        }
    }

    @Test
    void asksForAlgorithmsWithTheCheckedPathsOfTheFilesOnly() throws IOException {
        TestZip z = new TestZip();
        z.add("bag/", new byte[0]);
        z.add("bag/manifest-sha512.txt", "x".getBytes(StandardCharsets.US_ASCII));
        z.add("bag/data/Vie\u0323\u0302t.txt", new byte[0]);
        z.write(zip);
        List<List<String>> asked = new ArrayList<>();

        UnpackedPackage result = unpack(zip, names -> {
            asked.add(names);
            return Set.of("sha512");
        });

        assertThat(result.findings()).isEmpty();
        assertThat(asked).containsExactly(List.of("bag/manifest-sha512.txt", "bag/data/Vi\u1ec7t.txt"));
        assertThat(result.files()).allSatisfy(file -> assertThat(file.digests()).containsOnlyKeys("sha256", "sha512"));
    }

    @Test
    void keepsVietnameseUtf8NamesFlaggedAsUtf8() throws IOException {
        // java.util.zip sets the UTF-8 flag (bit 11) for names that are not ASCII.
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("Hồ sơ/" + VIET + ".pdf"));
            out.write(1);
        }

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files()).extracting(UnpackedFile::path).containsExactly("Hồ sơ/" + VIET + ".pdf");
        assertThat(target.resolve("Hồ sơ").resolve(VIET + ".pdf")).exists();
    }

    @Test
    void acceptsVietnameseUtf8NamesWithoutTheUtf8Flag() throws IOException {
        TestZip z = new TestZip();
        z.add("Công văn số 12.docx", new byte[] {1, 2, 3}); // raw UTF-8 bytes, bit 11 clear
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files()).extracting(UnpackedFile::path).containsExactly("Công văn số 12.docx");
    }

    @Test
    void writesDecomposedNamesInNfc() throws IOException {
        String nfd = Normalizer.normalize("Tiếng Việt/Hà Nội.txt", Normalizer.Form.NFD);
        TestZip z = new TestZip();
        z.add(nfd, new byte[] {42}).flags(TestZip.EFS);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        String nfc = Normalizer.normalize(nfd, Normalizer.Form.NFC);
        assertThat(result.files()).extracting(UnpackedFile::path).containsExactly(nfc);
        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> target.relativize(p).toString()))
                    .containsExactly(nfc);
        }
    }

    @Test
    void usesTheUnicodePathFieldForANameThatIsNotUtf8() throws IOException {
        byte[] cp1258 = windows1258("Báo cáo.txt");
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add(cp1258, "x".getBytes(StandardCharsets.US_ASCII), TestZip.DEFLATED);
        entry.centralExtra = TestZip.unicodePathField(cp1258, "Báo cáo.txt", -1);
        entry.localExtra = entry.centralExtra;
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files()).extracting(UnpackedFile::path).containsExactly("Báo cáo.txt");
    }

    @Test
    void unpacksZip64ArchivesWithDataDescriptors() throws IOException {
        byte[] random = randomBytes(200_000);
        // Streaming to a plain OutputStream makes commons-compress use data descriptors (bit 3) as well.
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.setUseZip64(Zip64Mode.Always);
            out.putArchiveEntry(new ZipArchiveEntry("a.txt"));
            out.write("zip64".getBytes(StandardCharsets.US_ASCII));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("d/"));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("d/random.bin"));
            out.write(random);
            out.closeArchiveEntry();
        }
        assertThat(indexOf(Files.readAllBytes(zip), new byte[] {0x50, 0x4b, 0x06, 0x06}))
                .as("has a Zip64 end record")
                .isPositive();

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files()).extracting(UnpackedFile::path).containsExactly("a.txt", "d/random.bin");
        assertThat(target.resolve("d/random.bin")).hasBinaryContent(random);
    }

    @Test
    void unpacksZip64ArchivesWithZip64LocalHeaders() throws IOException {
        byte[] random = randomBytes(100_000);
        // Writing to a file lets commons-compress put the sizes in each local header's Zip64 field.
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.setUseZip64(Zip64Mode.Always);
            out.putArchiveEntry(new ZipArchiveEntry("Tài liệu/random.bin"));
            out.write(random);
            out.closeArchiveEntry();
            ZipArchiveEntry stored = new ZipArchiveEntry("Tài liệu/stored.bin");
            stored.setMethod(ZipArchiveEntry.STORED);
            stored.setSize(random.length);
            stored.setCrc(TestZip.crc(random));
            out.putArchiveEntry(stored);
            out.write(random);
            out.closeArchiveEntry();
        }

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files()).hasSize(2).allSatisfy(file -> assertThat(file.size())
                .isEqualTo(100_000));
        assertThat(target.resolve("Tài liệu/stored.bin")).hasBinaryContent(random);
    }

    @Test
    void readsTheEntryCountOfZipsBeyondSixtyFiveThousandEntriesFromTheZip64EndRecord() throws IOException {
        // java.util.zip switches to a Zip64 end record past 65,535 entries; the count is checked before loading them.
        try (ZipOutputStream out =
                new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
            for (int i = 0; i < 70_000; i++) {
                ZipEntry entry = new ZipEntry("d" + i + "/");
                entry.setMethod(ZipEntry.STORED); // stored entries keep writing the zip fast
                entry.setSize(0);
                entry.setCrc(0);
                out.putNextEntry(entry);
            }
        }

        UnpackedPackage result = unpack(zip, UnpackLimits.defaults().withMaxEntries(65_536));

        assertRejectedBeforeExtraction(result, ZipCodes.TOO_MANY_ENTRIES);
        assertThat(finding(result, ZipCodes.TOO_MANY_ENTRIES).message()).contains("70000");
    }

    @Test
    void unpacksDeflate64Entries() throws IOException {
        // Deflate's stored blocks are also valid deflate64, which gives the deflate64 decoder real input.
        byte[] data = "Deflate64 từ Windows Explorer\n".repeat(4000).getBytes(StandardCharsets.UTF_8);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.NO_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 1024];
        int length = deflater.deflate(buffer);
        deflater.end();
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("big.txt", data);
        entry.method = 9;
        entry.payload = Arrays.copyOf(buffer, length);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(target.resolve("big.txt")).hasBinaryContent(data);
    }

    // ---- unreadable zips ----

    @Test
    void rejectsATruncatedUploadAsUnreadable() throws IOException {
        TestZip z = new TestZip();
        z.add("a.bin", randomBytes(50_000));
        z.add("b.bin", randomBytes(50_000));
        byte[] whole = z.bytes();
        Files.write(zip, Arrays.copyOf(whole, whole.length / 2));

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.UNREADABLE);
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws IOException {
        Files.writeString(zip, "<html>this is an error page, not a package</html>");

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.UNREADABLE);
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Files.write(zip, new byte[0]);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.UNREADABLE);
    }

    @Test
    void rejectsBytesAppendedAfterTheEndRecord() throws IOException {
        TestZip z = new TestZip();
        z.add("a.txt", new byte[] {1});
        byte[] whole = z.bytes();
        Files.write(zip, Arrays.copyOf(whole, whole.length + 100));

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.UNREADABLE);
    }

    @Test
    void rejectsCorruptDeflateDataAsUnreadable() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry =
                z.add("a.txt", "some text that compresses".repeat(100).getBytes(StandardCharsets.UTF_8));
        Arrays.fill(entry.payload, 2, entry.payload.length, (byte) 0xFF);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejected(result, ZipCodes.UNREADABLE, "a.txt");
    }

    // ---- names ----

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "a/../../evil.txt", "a/b/../../../evil.txt", "..", "../"})
    void rejectsEntryThatClimbsOutOfThePackage(String name) throws IOException {
        TestZip z = new TestZip();
        z.add("fine.txt", new byte[] {1});
        z.add(name, "escaped".getBytes(StandardCharsets.US_ASCII));
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.PATH_ESCAPE);
        assertThat(finding(result, ZipCodes.PATH_ESCAPE).path()).isEqualTo(name);
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void rejectsAnAbsoluteEntryName() throws IOException {
        // An absolute path into this test's directory, so that a write there would be seen.
        String absolute = dir.resolve("absolute-evil.txt").toAbsolutePath().toString();
        TestZip z = new TestZip();
        z.add(absolute, new byte[] {1});
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.PATH_ESCAPE);
        assertThat(finding(result, ZipCodes.PATH_ESCAPE).message()).contains(absolute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:/Windows/evil.dll", "c:evil.txt", "\\evil.txt", "\\\\server\\share\\evil.txt"})
    void rejectsDriveLetterAndBackslashRootedNames(String name) throws IOException {
        TestZip z = new TestZip();
        z.add(name, new byte[] {1});
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.PATH_ESCAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf\u0000.exe", "line\nbreak.txt", "bell\u0007.txt", "c1\u0085.txt"})
    void rejectsNamesWithControlCharacters(String name) throws IOException {
        TestZip z = new TestZip();
        z.add(name, new byte[] {1}).flags(TestZip.EFS);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.NAME_INVALID);
        assertThat(finding(result, ZipCodes.NAME_INVALID).message()).doesNotContain("\u0000", "\n");
    }

    @Test
    void rejectsNamesWithBackslashSeparators() throws IOException {
        TestZip z = new TestZip();
        z.add("folder\\file.txt", new byte[] {1});
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b.txt", "./a.txt", "a/./b.txt", "/", ""})
    void rejectsEmptyNamesAndEmptyOrDotSegments(String name) throws IOException {
        TestZip z = new TestZip();
        z.add(name, new byte[0]);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings())
                .extracting(Finding::code)
                .containsAnyOf(ZipCodes.NAME_INVALID, ZipCodes.PATH_ESCAPE);
        assertNothingExtracted(result);
    }

    @Test
    void rejectsAPathSegmentLongerThanTheNameLimit() throws IOException {
        TestZip z = new TestZip();
        z.add("ok/" + "a".repeat(256) + "/b.txt", new byte[] {1});
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_TOO_LONG);
    }

    @Test
    void countsTheNameLimitInUtf8BytesNotCharacters() throws IOException {
        String segment = "ệ".repeat(86); // 86 characters, 258 UTF-8 bytes
        TestZip z = new TestZip();
        z.add(segment, new byte[] {1}).flags(TestZip.EFS);
        z.add("ệ".repeat(85), new byte[] {1}).flags(TestZip.EFS); // 255 bytes: fine
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.NAME_TOO_LONG);
        assertThat(result.findings()).hasSize(1);
        assertThat(result.findings().get(0).path()).isEqualTo(segment);
    }

    @Test
    void rejectsAWholePathTooLongForTheStagingFilesystem() throws IOException {
        String deep = ("a".repeat(200) + "/").repeat(16) + "x.txt";
        TestZip z = new TestZip();
        z.add(deep, new byte[] {1});
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_TOO_LONG);
    }

    @Test
    void rejectsANameThatIsNotUtf8AndHasNoUnicodePathField() throws IOException {
        byte[] cp1258 = windows1258("Báo cáo.txt");
        TestZip z = new TestZip();
        z.add(cp1258, new byte[] {1}, TestZip.DEFLATED);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.NAME_NOT_UTF8);
        assertThat(finding(result, ZipCodes.NAME_NOT_UTF8).message())
                .contains(HexFormat.of().formatHex(cp1258));
    }

    @Test
    void rejectsTcvn3NamesRatherThanGuessingTheirCodePage() throws IOException {
        // "Hå s¬" is how TCVN3 (ABC) fonts store "Hồ sơ": bytes 0xE5 and 0xAC are not UTF-8 here.
        byte[] tcvn3 = {'H', (byte) 0xE5, ' ', 's', (byte) 0xAC, '.', 'd', 'o', 'c'};
        TestZip z = new TestZip();
        z.add(tcvn3, new byte[] {1}, TestZip.DEFLATED);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.NAME_NOT_UTF8);
        assertThat(finding(result, ZipCodes.NAME_NOT_UTF8).message()).contains("48e52073ac2e646f63");
    }

    @Test
    void rejectsANameFlaggedUtf8WhoseBytesAreNot() throws IOException {
        TestZip z = new TestZip();
        z.add(windows1258("Đà Nẵng.txt"), new byte[] {1}, TestZip.DEFLATED).flags(TestZip.EFS);
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_NOT_UTF8);
    }

    @Test
    void rejectsAUnicodePathFieldWhoseCrcDoesNotMatchTheName() throws IOException {
        byte[] cp1258 = windows1258("Báo cáo.txt");
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add(cp1258, new byte[] {1}, TestZip.DEFLATED);
        // Written for other bytes: the name was changed after the field was, so the field no longer describes it.
        entry.centralExtra = TestZip.unicodePathField(cp1258, "Báo cáo.txt", TestZip.crc(new byte[] {1, 2}));
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_NOT_UTF8);
    }

    @Test
    void rejectsDuplicateEntryNames() throws IOException {
        TestZip z = new TestZip();
        z.add("a.txt", "first".getBytes(StandardCharsets.US_ASCII));
        z.add("a.txt", "second".getBytes(StandardCharsets.US_ASCII));
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.DUPLICATE_ENTRY);
    }

    @Test
    void rejectsNamesThatCollideAfterNfcNormalisation() throws IOException {
        TestZip z = new TestZip();
        z.add("Việt.txt", new byte[] {1}).flags(TestZip.EFS);
        z.add(Normalizer.normalize("Việt.txt", Normalizer.Form.NFD), new byte[] {2})
                .flags(TestZip.EFS);
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_COLLISION_NFC);
    }

    @Test
    void rejectsNamesThatDifferOnlyInCase() throws IOException {
        TestZip z = new TestZip();
        z.add("Đơn.txt", new byte[] {1});
        z.add("đơn.txt", new byte[] {2});
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.NAME_COLLISION_CASE);
        assertThat(finding(result, ZipCodes.NAME_COLLISION_CASE).path()).isEqualTo("đơn.txt");
    }

    @Test
    void rejectsParentDirectoriesThatDifferOnlyInCase() throws IOException {
        TestZip z = new TestZip();
        z.add("Data/a.txt", new byte[] {1});
        z.add("data/b.txt", new byte[] {2});
        z.add("data/c.txt", new byte[] {3});
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.NAME_COLLISION_CASE);
        assertThat(result.findings()).extracting(Finding::path).containsExactly("data/b.txt");
    }

    @Test
    void rejectsANameUsedForBothAFileAndADirectory() throws IOException {
        TestZip z = new TestZip();
        z.add("a/b.txt", new byte[] {1});
        z.add("a", new byte[] {2});
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.NAME_COLLISION_FILE_DIRECTORY);
    }

    @Test
    void acceptsADirectoryEntryAlongsideTheFilesInIt() throws IOException {
        TestZip z = new TestZip();
        z.add("a/b.txt", new byte[] {1});
        z.stored("a/", new byte[0]);
        z.write(zip);

        assertThat(unpack(zip).findings()).isEmpty();
    }

    @Test
    void reportsEveryNameProblemBeforeExtractingAnything() throws IOException {
        TestZip z = new TestZip();
        z.add("good.txt", new byte[] {1});
        z.add("../up.txt", new byte[] {1});
        z.add(windows1258("Hà Nội.txt"), new byte[] {1}, TestZip.DEFLATED);
        z.add("good.txt", new byte[] {1});
        z.add("GOOD.TXT", new byte[] {1});
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings())
                .extracting(Finding::code)
                .containsExactlyInAnyOrder(
                        ZipCodes.PATH_ESCAPE,
                        ZipCodes.NAME_NOT_UTF8,
                        ZipCodes.DUPLICATE_ENTRY,
                        ZipCodes.NAME_COLLISION_CASE);
        assertNothingExtracted(result);
    }

    // ---- entry types, encryption, methods ----

    @Test
    void rejectsSymbolicLinkEntries() throws IOException {
        TestZip z = new TestZip();
        z.stored("link-to-passwd", "/etc/passwd".getBytes(StandardCharsets.US_ASCII))
                .unixMode(0120777);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.SYMLINK);
        assertThat(finding(result, ZipCodes.SYMLINK).path()).isEqualTo("link-to-passwd");
    }

    @Test
    void rejectsEntriesMarkedAsLinksByAnAsiUnixExtraField() throws IOException {
        AsiExtraField asi = new AsiExtraField();
        asi.setLinkedFile("/etc/passwd");
        asi.setMode(0777);
        byte[] data = asi.getCentralDirectoryData();
        TestZip z = new TestZip();
        TestZip.Entry entry = z.stored("innocent.txt", new byte[0]);
        entry.centralExtra = concat(new byte[] {0x6e, 0x75, (byte) data.length, 0}, data);
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.SYMLINK);
    }

    @ParameterizedTest
    @ValueSource(ints = {0010644, 0020644, 0060644, 0140644}) // FIFO, character device, block device, socket
    void rejectsSpecialFileEntries(int mode) throws IOException {
        TestZip z = new TestZip();
        z.stored("special", new byte[0]).unixMode(mode);
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.SYMLINK);
    }

    @Test
    void acceptsRegularFilesAndDirectoriesWithUnixModes() throws IOException {
        TestZip z = new TestZip();
        z.stored("dir/", new byte[0]).unixMode(040755);
        z.add("dir/script.sh", new byte[] {1}).unixMode(0100755);
        z.write(zip);

        assertThat(unpack(zip).findings()).isEmpty();
    }

    @Test
    void rejectsEncryptedEntries() throws IOException {
        TestZip z = new TestZip();
        z.add("secret.txt", new byte[] {1}).flags(1);
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.ENCRYPTED);
    }

    @Test
    void rejectsUnsupportedCompressionMethods() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("a.txt", new byte[] {1});
        entry.method = 12; // bzip2
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.UNSUPPORTED_METHOD);
        assertThat(finding(result, ZipCodes.UNSUPPORTED_METHOD).message()).contains("a.txt", "12");
    }

    @Test
    void rejectsADirectoryEntryThatCarriesData() throws IOException {
        TestZip z = new TestZip();
        z.stored("hidden/", "data nobody will see".getBytes(StandardCharsets.US_ASCII));
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.DIRECTORY_WITH_DATA);
    }

    // ---- limits ----

    @Test
    void rejectsMoreEntriesThanTheLimit() throws IOException {
        TestZip z = new TestZip();
        for (int i = 0; i < 4; i++) {
            z.add("f" + i, new byte[0]);
        }
        z.write(zip);

        assertRejectedBeforeExtraction(
                unpack(zip, UnpackLimits.defaults().withMaxEntries(3)), ZipCodes.TOO_MANY_ENTRIES);
    }

    @Test
    void rejectsAFileDeclaredLargerThanTheEntryLimit() throws IOException {
        TestZip z = new TestZip();
        z.add("big.bin", randomBytes(2000));
        z.write(zip);

        assertRejectedBeforeExtraction(
                unpack(zip, UnpackLimits.defaults().withMaxEntryBytes(1000)), ZipCodes.TOO_LARGE);
    }

    @Test
    void rejectsFilesDeclaredLargerTogetherThanTheTotalLimit() throws IOException {
        TestZip z = new TestZip();
        z.add("a.bin", randomBytes(800));
        z.add("b.bin", randomBytes(800));
        z.write(zip);

        UnpackedPackage result = unpack(zip, UnpackLimits.defaults().withMaxTotalBytes(1000));

        assertRejectedBeforeExtraction(result, ZipCodes.TOO_LARGE);
        assertThat(finding(result, ZipCodes.TOO_LARGE).path()).isNull();
    }

    @Test
    void rejectsAnEntryDeclaringABombRatioBeforeExtractingIt() throws IOException {
        TestZip z = new TestZip();
        z.add("zeros.bin", new byte[6 << 20]); // deflates about 1,000 to 1
        z.write(zip);

        assertRejectedBeforeExtraction(unpack(zip), ZipCodes.BOMB);
    }

    @Test
    void stopsAnEntryThatInflatesFarBeyondWhatItDeclaresAsABomb() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("lying.bin", new byte[16 << 20]);
        entry.size = 1000; // both headers lie about the size, so nothing is visible before inflating
        entry.localSize = 1000L;
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejected(result, ZipCodes.BOMB, "lying.bin");
        assertThat(Files.size(target.resolve("lying.bin"))).isLessThanOrEqualTo(SafeUnzipper.RATIO_GRACE_BYTES);
    }

    @Test
    void stopsWritingAnEntryAtTheEntryLimitWhateverItsHeadersSay() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("lying.bin", randomBytes(1 << 20));
        entry.size = 10;
        entry.localSize = 10L;
        z.write(zip);

        UnpackedPackage result = unpack(zip, UnpackLimits.defaults().withMaxEntryBytes(100_000));

        assertRejected(result, ZipCodes.TOO_LARGE, "lying.bin");
        assertThat(Files.size(target.resolve("lying.bin"))).isLessThanOrEqualTo(100_000);
    }

    @Test
    void stopsWritingAtTheTotalLimitWhateverTheHeadersSay() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("a.bin", randomBytes(400_000));
        entry.size = 10;
        entry.localSize = 10L;
        z.add("b.bin", new byte[] {1});
        z.write(zip);

        // Honest sizes would be refused before extraction, so only a lying entry can reach the total limit.
        UnpackedPackage result = unpack(zip, UnpackLimits.defaults().withMaxTotalBytes(300_000));

        assertRejected(result, ZipCodes.TOO_LARGE, "a.bin");
        assertThat(Files.size(target.resolve("a.bin"))).isLessThanOrEqualTo(300_000);
        assertThat(target.resolve("b.bin")).doesNotExist();
    }

    // ---- central directory against local headers and data ----

    @Test
    void rejectsALocalHeaderWhoseNameDiffersFromTheCentralDirectory() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("harmless.txt", new byte[] {1});
        entry.localName = "evil.exe.txt".getBytes(StandardCharsets.US_ASCII);
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.HEADER_MISMATCH);
        assertThat(finding(result, ZipCodes.HEADER_MISMATCH).message()).contains("harmless.txt", "name");
    }

    @Test
    void rejectsALocalHeaderWhoseCrcAndSizeDifferFromTheCentralDirectory() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("a.txt", new byte[] {1, 2, 3});
        entry.localCrc = 12345L;
        entry.localSize = 4L;
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.HEADER_MISMATCH);
        assertThat(finding(result, ZipCodes.HEADER_MISMATCH).message()).contains("CRC-32", "size");
    }

    @Test
    void rejectsALocalHeaderWithOtherFlagsOrMethod() throws IOException {
        TestZip z = new TestZip();
        z.add("a.txt", new byte[] {1}).localMethod = TestZip.STORED;
        z.add("b.txt", new byte[] {1}).localFlags = 1;
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.HEADER_MISMATCH);
        assertThat(result.findings()).extracting(Finding::path).containsExactly("a.txt", "b.txt");
    }

    @Test
    void rejectsACentralDirectoryPointingWhereThereIsNoLocalHeader() throws IOException {
        TestZip z = new TestZip();
        z.add("a.txt", randomBytes(100));
        z.add("b.txt", new byte[] {1}).offsetOverride = 40L; // inside a.txt's data
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.HEADER_MISMATCH);
    }

    @Test
    void rejectsEntriesSharingOneLocalHeaderAndData() throws IOException {
        // The overlapping-files bomb: many central directory entries, one kernel of compressed data.
        TestZip z = new TestZip();
        z.add("kernel.bin", new byte[1000]);
        for (int i = 0; i < 3; i++) {
            TestZip.Entry copy = z.add("kernel.bin", new byte[1000]);
            copy.name = ("copy" + i + ".bin").getBytes(StandardCharsets.US_ASCII);
            copy.offsetOverride = 0L;
        }
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.OVERLAPPING_ENTRIES);
    }

    @Test
    void rejectsAnEntryQuotedInsideAnotherEntrysData() throws IOException {
        // Same bomb without mismatched names: b's whole local record sits inside a's stored data.
        TestZip inner = new TestZip();
        TestZip.Entry b = inner.add("b.txt", "inner".getBytes(StandardCharsets.US_ASCII));
        byte[] quoted = TestZip.localRecord(b);
        TestZip z = new TestZip();
        TestZip.Entry a = z.stored("a.txt", quoted);
        TestZip.Entry quotedB = z.add("b.txt", "inner".getBytes(StandardCharsets.US_ASCII));
        quotedB.offsetOverride = 30L + a.name.length;
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejectedBeforeExtraction(result, ZipCodes.OVERLAPPING_ENTRIES);
        assertThat(result.findings()).extracting(Finding::code).containsOnly(ZipCodes.OVERLAPPING_ENTRIES);
    }

    @Test
    void rejectsDataWhoseCrcDoesNotMatchTheHeaders() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("a.txt", "content".getBytes(StandardCharsets.US_ASCII));
        entry.crc = 0xDEADBEEFL; // both headers agree, the data does not
        z.write(zip);

        UnpackedPackage result = unpack(zip);

        assertRejected(result, ZipCodes.CRC_MISMATCH, "a.txt");
    }

    @Test
    void rejectsBytesHiddenAfterAnEntrysDeflateStream() throws IOException {
        TestZip z = new TestZip();
        TestZip.Entry entry = z.add("a.txt", "content".getBytes(StandardCharsets.US_ASCII));
        entry.payload = concat(entry.payload, "hidden".getBytes(StandardCharsets.US_ASCII));
        z.write(zip);

        assertRejected(unpack(zip), ZipCodes.HEADER_MISMATCH, "a.txt");
    }

    // ---- contract ----

    @Test
    void refusesATargetDirectoryThatIsNotEmpty() throws IOException {
        new TestZip().write(zip);
        Files.createDirectories(target);
        Files.writeString(target.resolve("already.txt"), "x");

        assertThatThrownBy(() -> new SafeUnzipper(UnpackLimits.defaults()).unpack(zip, target))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnUnsupportedAlgorithm() throws IOException {
        TestZip z = new TestZip();
        z.add("a.txt", new byte[] {1});
        z.write(zip);

        assertThatThrownBy(() -> new SafeUnzipper(UnpackLimits.defaults()).unpack(zip, target, n -> Set.of("crc32")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crc32");
    }

    @Test
    void unpacksAnEmptyZip() throws IOException {
        new TestZip().write(zip);

        UnpackedPackage result = unpack(zip);

        assertThat(result.findings()).isEmpty();
        assertThat(result.files()).isEmpty();
    }

    // ---- helpers ----

    private UnpackedPackage unpack(Path file) throws IOException {
        return unpack(file, UnpackLimits.defaults());
    }

    private UnpackedPackage unpack(Path file, UnpackLimits limits) throws IOException {
        snapshot();
        return new SafeUnzipper(limits).unpack(file, target, names -> Set.of());
    }

    private UnpackedPackage unpack(Path file, java.util.function.Function<List<String>, Set<String>> algorithms)
            throws IOException {
        snapshot();
        return new SafeUnzipper(UnpackLimits.defaults()).unpack(file, target, algorithms);
    }

    private void snapshot() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            before = paths.collect(Collectors.toSet());
        }
    }

    /** The result has an error with this code and a message, and nothing outside the target directory changed. */
    private void assertRejected(UnpackedPackage result, String code, String path) throws IOException {
        Finding finding = finding(result, code);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).isNotBlank();
        if (path != null) {
            assertThat(finding.path()).isEqualTo(path);
            assertThat(finding.message()).contains(path);
        }
        assertThat(Findings.hasErrors(result.findings())).isTrue();
        assertNothingWrittenOutsideTarget();
    }

    private void assertRejectedBeforeExtraction(UnpackedPackage result, String code) throws IOException {
        assertRejected(result, code, null);
        assertNothingExtracted(result);
    }

    private void assertNothingExtracted(UnpackedPackage result) throws IOException {
        assertThat(result.files()).isEmpty();
        assertThat(target).isEmptyDirectory();
        assertNothingWrittenOutsideTarget();
    }

    private void assertNothingWrittenOutsideTarget() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            assertThat(paths.filter(p -> !before.contains(p) && !p.startsWith(target)))
                    .as("written outside the target directory")
                    .isEmpty();
        }
    }

    private static Finding finding(UnpackedPackage result, String code) {
        return result.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + result.findings()));
    }

    private static byte[] windows1258(String text) {
        // Windows-1258 stores these letters in one byte each, which is never valid UTF-8 before an ASCII letter.
        Map<Character, Byte> table =
                Map.of('á', (byte) 0xE1, 'à', (byte) 0xE0, 'Đ', (byte) 0xD0, 'ộ', (byte) 0xF4, 'ẵ', (byte) 0xE3);
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out[i] = c < 0x80 ? (byte) c : table.getOrDefault(c, (byte) 0xBF);
        }
        return out;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
