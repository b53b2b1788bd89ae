package vn.kho.ingest.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.bagit.BagReader;
import vn.kho.ingest.tt05.Tt05SipReader;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.PackageFormat;

/** The committed {@code samples/} are what {@link SampleGenerator} writes, and Kho reads them without findings. */
class SamplesTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path tmp;

    @Test
    void regeneratesTheCommittedSamplesByteForByte() throws IOException {
        SampleGenerator.write(tmp);

        for (String name : new String[] {SampleGenerator.TT05_SAMPLE, SampleGenerator.BAG_SAMPLE}) {
            assertThat(Files.readAllBytes(SAMPLES.resolve(name)))
                    .as("samples/%s differs from what SampleGenerator writes; rerun it (see samples/README.md)", name)
                    .isEqualTo(Files.readAllBytes(tmp.resolve(name)));
        }
    }

    @Test
    void readsTheTt05SampleAsAPublicSipWithoutFindings() {
        Path dir = tmp.resolve("sip");
        PackageDetector.Detection detection =
                PackageDetector.detect(dir, UnpackedTree.unzip(SAMPLES.resolve(SampleGenerator.TT05_SAMPLE), dir));
        assertThat(detection.format()).contains(PackageFormat.TT05_SIP);

        ParsedPackage parsed = Tt05SipReader.read(detection.root());

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.descriptive().access()).isEqualTo(AccessRegime.PUBLIC);
        assertThat(parsed.declaredId().orElseThrow().uuid()).isEqualTo(SampleGenerator.TT05_SAMPLE_ID);
        assertThat(parsed.content().keySet())
                .filteredOn(p -> p.endsWith(".pdf"))
                .hasSize(2);
    }

    @Test
    void readsTheBagSampleWithoutFindings() {
        Path dir = tmp.resolve("bag");
        PackageDetector.Detection detection =
                PackageDetector.detect(dir, UnpackedTree.unzip(SAMPLES.resolve(SampleGenerator.BAG_SAMPLE), dir));
        assertThat(detection.format()).contains(PackageFormat.BAGIT);

        ParsedPackage parsed = BagReader.read(detection.root());

        assertThat(parsed.findings()).isEmpty();
        assertThat(parsed.descriptive().title()).isEqualTo("Bản tin nội bộ năm 2025 (mẫu BagIt)");
    }
}
