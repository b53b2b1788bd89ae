package vn.kho.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.ValidationSamples;
import vn.kho.repository.Finding;

/** Real JHOVE and veraPDF in real child JVMs: one pool of two workers for the whole class. */
class ValidatorPoolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static ValidatorPool pool;
    static Path plainPdf;
    static Path pdfA2b;
    static Path pdfA1b;
    static Path tiff;
    static Path jpeg;
    static Path png;
    static Path gif;
    static Path xml;

    @BeforeAll
    static void startPool() {
        pool = new ValidatorPool(ValidatorSettings.defaults()
                .withWorkers(2)
                .withHeapMb(256)
                .withPerFileTimeout(TIMEOUT)
                .withExtraJvmArgs(List.of("-D" + ValidatorWorker.TEST_HOOKS + "=true")));
        plainPdf = ValidationSamples.plainPdf(dir.resolve("plain.pdf"), "Hello, archive");
        pdfA2b = ValidationSamples.pdfA(dir.resolve("a2b.pdf"), 2, "B", 2);
        pdfA1b = ValidationSamples.pdfA(dir.resolve("a1b.pdf"), 1, "B", 1);
        tiff = ValidationSamples.image(dir.resolve("scan.tif"), "tiff", 120, 80);
        jpeg = ValidationSamples.image(dir.resolve("photo.jpg"), "jpeg", 120, 80);
        png = ValidationSamples.image(dir.resolve("chart.png"), "png", 120, 80);
        gif = ValidationSamples.image(dir.resolve("icon.gif"), "gif", 60, 40);
        xml = ValidationSamples.xml(dir.resolve("record.xml"));
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void plainPdfIsValidButNotPdfA() {
        ValidationResult r = pool.validate(plainPdf, "application/pdf", dir.resolve("plain.xml"));
        System.out.println(r);
        assertThat(r.module()).isEqualTo("PDF-hul");
        assertThat(r.status()).isEqualTo(ValidationStatus.VALID);
        assertThat(r.format()).isEqualTo("PDF");
        assertThat(r.pdfa()).isEqualTo(PdfaResult.notClaimed());
        assertThat(r.reportWritten()).isTrue();
        assertThat(ValidationFindings.of("data/plain.pdf", r))
                .extracting(Finding::code)
                .containsExactly("PDFA_NOT_CLAIMED");
    }

    @Test
    void pdfA2bIsVerifiedAgainstItsClaim() {
        ValidationResult r = pool.validate(pdfA2b, "application/pdf", null);
        System.out.println(r);
        assertThat(r.status()).isIn(ValidationStatus.VALID, ValidationStatus.WELL_FORMED);
        assertThat(r.pdfa().claimed()).isEqualTo("2b");
        assertThat(r.pdfa().failedRuleSummaries()).isEmpty();
        assertThat(r.pdfa().compliant()).isTrue();
        assertThat(ValidationFindings.of("a.pdf", r)).extracting(Finding::code).doesNotContain("PDFA_NOT_COMPLIANT");
    }

    @Test
    void pdfA1bIsVerifiedAgainstItsClaim() {
        ValidationResult r = pool.validate(pdfA1b, "application/pdf", null);
        System.out.println(r);
        assertThat(r.pdfa().claimed()).isEqualTo("1b");
        assertThat(r.pdfa().compliant()).isTrue();
    }

    @Test
    void imagesAndXmlAreWellFormed() {
        for (Map.Entry<Path, String> e : Map.of(
                        tiff,
                        "image/tiff",
                        jpeg,
                        "image/jpeg",
                        png,
                        "image/png",
                        gif,
                        "image/gif",
                        xml,
                        "application/xml")
                .entrySet()) {
            ValidationResult r = pool.validate(e.getKey(), e.getValue(), null);
            System.out.println(e.getKey().getFileName() + " " + r);
            assertThat(r.status()).as(e.getKey().toString()).isIn(ValidationStatus.VALID, ValidationStatus.WELL_FORMED);
            assertThat(r.pdfa()).isNull();
        }
    }
}
