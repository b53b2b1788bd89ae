package vn.kho.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.BagBuilder;
import vn.kho.ingest.testkit.TestCheckers;
import vn.kho.repository.PackageFormat;

class PackageCheckerTest {
    @TempDir
    Path tmp;

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void unpacksAndChecksTheSameWhenItStartsTheWritebackOfEachFileEarly() throws Exception {
        Path zip = BagBuilder.create()
                .payload("scans/a.tif", random(300_000, 1))
                .payload("scans/b.tif", random(5_000, 2))
                .payload("notes.txt", "ghi chú")
                .writeZip(tmp.resolve("bag.zip"), true);
        PackageChecker checker = TestCheckers.checker();

        CheckedPackage plain = checker.check(zip, tmp.resolve("plain"), tmp.resolve("plain-checks"), false);
        CheckedPackage early = checker.check(zip, tmp.resolve("early"), tmp.resolve("early-checks"), true);

        assertThat(early.findings()).isEqualTo(plain.findings()).noneMatch(f -> f.isError());
        assertThat(early.parsed().format()).isEqualTo(PackageFormat.BAGIT);
        assertThat(early.unpacked().files()).isEqualTo(plain.unpacked().files());
        for (var file : early.unpacked().files()) {
            assertThat(Files.readAllBytes(tmp.resolve("early").resolve(file.path())))
                    .as(file.path())
                    .isEqualTo(Files.readAllBytes(tmp.resolve("plain").resolve(file.path())));
        }
    }

    @Test
    void aRejectedPackageIsRejectedAlikeWhenItsFilesAreWrittenBackEarly() throws Exception {
        Path zip =
                BagBuilder.create().payload("a.txt", "một").payloadOxum("999.9").writeZip(tmp.resolve("bad.zip"), true);
        PackageChecker checker = TestCheckers.checker();

        CheckedPackage plain = checker.check(zip, tmp.resolve("plain"), tmp.resolve("plain-checks"), false);
        CheckedPackage early = checker.check(zip, tmp.resolve("early"), tmp.resolve("early-checks"), true);

        assertThat(plain.findings()).anyMatch(f -> f.isError());
        assertThat(early.findings()).isEqualTo(plain.findings());
    }
}
