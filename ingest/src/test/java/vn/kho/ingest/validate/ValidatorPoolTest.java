package vn.kho.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import vn.kho.ingest.testkit.ValidationSamples;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/** Real JHOVE and veraPDF in real child JVMs: one pool of two workers for the whole class. */
class ValidatorPoolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static ValidatorPool pool;
    static Path plainPdf;
    static Path pdfA2b;
    static Path pdfA1b;
    static Path pdfA1bXrefStream;
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
        pdfA1bXrefStream = ValidationSamples.pdfA(dir.resolve("a1b-xref-stream.pdf"), 1, "B", 1, false);
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
        assertThat(r.status()).isIn(ValidationStatus.VALID, ValidationStatus.WELL_FORMED);
        assertThat(r.pdfa().claimed()).isEqualTo("2b");
        assertThat(r.pdfa().failedRuleSummaries()).isEmpty();
        assertThat(r.pdfa().compliant()).isTrue();
        assertThat(ValidationFindings.of("a.pdf", r)).extracting(Finding::code).doesNotContain("PDFA_NOT_COMPLIANT");
    }

    @Test
    void pdfA1bIsVerifiedAgainstItsClaim() {
        ValidationResult r = pool.validate(pdfA1b, "application/pdf", null);
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
            assertThat(r.status()).as(e.getKey().toString()).isIn(ValidationStatus.VALID, ValidationStatus.WELL_FORMED);
            assertThat(r.pdfa()).isNull();
        }
    }

    @Test
    void pdfClaimingPdfA1bWithACrossReferenceStreamIsNotCompliant() {
        ValidationResult r = pool.validate(pdfA1bXrefStream, "application/pdf", null);
        assertThat(r.pdfa().claimed()).isEqualTo("1b");
        assertThat(r.pdfa().compliant()).isFalse();
        assertThat(r.pdfa().failedRules()).isPositive();
        assertThat(r.pdfa().failedRuleSummaries()).anyMatch(s -> s.startsWith("6.1.4-3"));
        assertThat(ValidationFindings.of("data/a.pdf", r))
                .filteredOn(f -> f.code().equals("PDFA_NOT_COMPLIANT"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("PDF/A-1b", "6.1.4-3");
                    assertThat(f.path()).isEqualTo("data/a.pdf");
                });
    }

    @Test
    void brokenFilesComeBackAsFindingsWithinTheTimeLimit() throws Exception {
        byte[] pdf = Files.readAllBytes(plainPdf);
        Path truncatedPdf = Files.write(dir.resolve("truncated.pdf"), java.util.Arrays.copyOf(pdf, pdf.length / 2));
        byte[] noise = new byte[4096];
        new SplittableRandom(7).nextBytes(noise);
        Path garbagePdf = Files.write(dir.resolve("garbage.pdf"), noise);
        byte[] tif = Files.readAllBytes(tiff);
        for (int i = 4; i < 16; i++) {
            tif[i] ^= (byte) 0xFF; // the first IFD offset and the start of the image
        }
        Path flippedTiff = Files.write(dir.resolve("flipped.tif"), tif);
        byte[] jpg = Files.readAllBytes(jpeg);
        Path truncatedJpeg = Files.write(dir.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpg, jpg.length / 3));
        Path brokenXml = ValidationSamples.write(dir.resolve("broken.xml"), "<?xml version=\"1.0\"?>\n<a><b></a>\n");
        Map<Path, String> broken = Map.of(
                truncatedPdf,
                "application/pdf",
                garbagePdf,
                "application/pdf",
                flippedTiff,
                "image/tiff",
                truncatedJpeg,
                "image/jpeg",
                brokenXml,
                "text/xml",
                dir.resolve("missing.pdf"),
                "application/pdf");
        for (Map.Entry<Path, String> e : broken.entrySet()) {
            ValidationResult r = pool.validate(e.getKey(), e.getValue(), null);
            String name = e.getKey().getFileName().toString();
            assertThat(r.status()).as(name).isEqualTo(ValidationStatus.NOT_WELL_FORMED);
            assertThat(r.elapsed()).as(name).isLessThan(TIMEOUT);
            List<Finding> findings = ValidationFindings.of(name, r);
            assertThat(findings).as(name).extracting(Finding::code).contains("JHOVE_NOT_WELL_FORMED");
            assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
        }
        ValidationResult garbage = pool.validate(garbagePdf, "application/pdf", null);
        assertThat(garbage.pdfa().error()).isNotNull();
        assertThat(ValidationFindings.of("garbage.pdf", garbage))
                .extracting(Finding::code)
                .contains("PDFA_VALIDATION_FAILED");
    }

    @Test
    void seededFuzzOfEveryFormatGivesAResultForEachFileAndLeavesThePoolWorking() throws Exception {
        Map<Path, String> samples = Map.of(
                plainPdf,
                "application/pdf",
                pdfA2b,
                "application/pdf",
                tiff,
                "image/tiff",
                jpeg,
                "image/jpeg",
                png,
                "image/png",
                gif,
                "image/gif",
                xml,
                "application/xml");
        SplittableRandom random = new SplittableRandom(20240131);
        int files = 0;
        for (Map.Entry<Path, String> e : samples.entrySet()) {
            byte[] original = Files.readAllBytes(e.getKey());
            List<byte[]> variants = new ArrayList<>();
            for (double cut : new double[] {0.0, 0.1, 0.5, 0.9}) {
                variants.add(java.util.Arrays.copyOf(original, Math.max(1, (int) (original.length * cut))));
            }
            variants.add(java.util.Arrays.copyOf(original, original.length - 1));
            for (int v = 0; v < 4; v++) {
                byte[] flipped = original.clone();
                for (int k = 0; k < 8; k++) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
                }
                variants.add(flipped);
            }
            for (byte[] variant : variants) {
                Path f = Files.write(
                        dir.resolve("fuzz-" + files++ + "-" + e.getKey().getFileName()), variant);
                ValidationResult r = pool.validate(f, e.getValue(), dir.resolve(f.getFileName() + ".xml"));
                assertThat(r).as(f.toString()).isNotNull();
                assertThat(r.status()).as(f.toString()).isNotEqualTo(ValidationStatus.NOT_VALIDATED);
                assertThat(ValidationFindings.of(f.toString(), r)).isNotNull();
            }
        }
        assertThat(files).isEqualTo(samples.size() * 9);
        assertThat(pool.validate(plainPdf, "application/pdf", null).status()).isEqualTo(ValidationStatus.VALID);
    }

    @Test
    void aHangingFileTimesOutAndAFreshWorkerTakesTheNextFile() throws Exception {
        Path hang = Files.write(dir.resolve("stuck.kho-test-hang"), new byte[] {1});
        int replacedBefore = pool.workersReplaced();
        ValidationResult r = pool.validate(hang, "application/pdf", null);
        assertThat(r.status()).isEqualTo(ValidationStatus.TIMED_OUT);
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusSeconds(10));
        assertThat(ValidationFindings.of("stuck", r)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("JHOVE_TIMEOUT");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("5 s");
        });
        assertThat(pool.workersReplaced()).isEqualTo(replacedBefore + 1);
        assertThat(pool.validate(plainPdf, "application/pdf", null).status()).isEqualTo(ValidationStatus.VALID);
        assertThat(pool.validate(tiff, "image/tiff", null).status()).isEqualTo(ValidationStatus.VALID);
    }

    @Test
    void runningOutOfMemoryIsReportedAsACrashAndTheWorkerReplaced() throws Exception {
        Path oom = Files.write(dir.resolve("huge.kho-test-oom"), new byte[] {1});
        int replacedBefore = pool.workersReplaced();
        ValidationResult r = pool.validate(oom, "image/tiff", null);
        assertThat(r.status()).isEqualTo(ValidationStatus.CRASHED);
        assertThat(ValidationFindings.of("huge", r)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("JHOVE_CRASHED");
            assertThat(f.message()).contains("ran out of memory", "256 MB");
        });
        Path crash = Files.write(dir.resolve("bad.kho-test-crash"), new byte[] {1});
        ValidationResult c = pool.validate(crash, "image/tiff", null);
        assertThat(c.status()).isEqualTo(ValidationStatus.CRASHED);
        assertThat(c.messages().get(0).text()).contains("exit code 70");
        assertThat(pool.workersReplaced()).isEqualTo(replacedBefore + 2);
        assertThat(pool.validate(jpeg, "image/jpeg", null).status()).isEqualTo(ValidationStatus.VALID);
    }

    @Test
    void concurrentCallersShareThePoolAndEachGetsItsOwnResult() throws Exception {
        Map<Path, ValidationStatus> expected = Map.of(
                plainPdf, ValidationStatus.VALID,
                tiff, ValidationStatus.VALID,
                jpeg, ValidationStatus.VALID,
                gif, ValidationStatus.VALID,
                xml, ValidationStatus.WELL_FORMED);
        Map<Path, String> types = Map.of(
                plainPdf,
                "application/pdf",
                tiff,
                "image/tiff",
                jpeg,
                "image/jpeg",
                gif,
                "image/gif",
                xml,
                "application/xml");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            List<Path> files = List.copyOf(expected.keySet());
            for (int i = 0; i < 30; i++) {
                Path f = files.get(i % files.size());
                futures.add(callers.submit(() -> {
                    ValidationResult r = pool.validate(f, types.get(f), null);
                    return r.status() == expected.get(f)
                            && r.module()
                                    .equals(JhoveModules.forMediaType(types.get(f))
                                            .orElseThrow());
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void reportFragmentsStreamIntoOneWellFormedJhoveDocument() throws Exception {
        List<Path> fragments = new ArrayList<>();
        for (Path f : List.of(plainPdf, tiff, xml)) {
            Path report = dir.resolve("report-" + f.getFileName() + ".xml");
            String type = f == plainPdf ? "application/pdf" : f == tiff ? "image/tiff" : "application/xml";
            assertThat(pool.validate(f, type, report).reportWritten()).isTrue();
            assertThat(Files.readString(report)).startsWith("<repInfo").doesNotContain("<?xml");
            fragments.add(report);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JhoveReport.writeDocument(fragments, out);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("jhove");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(JhoveReport.NAMESPACE);
        assertThat(doc.getElementsByTagNameNS(JhoveReport.NAMESPACE, "repInfo").getLength())
                .isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<reportingModule", "PDF-hul", "TIFF-hul");
    }

    @Test
    void aTypeNoModuleValidatesIsNotValidatedWithAnInfoFinding() {
        ValidationResult r = pool.validate(dir.resolve("table.csv"), "text/csv", dir.resolve("csv.xml"));
        assertThat(r.status()).isEqualTo(ValidationStatus.NOT_VALIDATED);
        assertThat(r.module()).isNull();
        assertThat(r.reportWritten()).isFalse();
        assertThat(ValidationFindings.of("table.csv", r)).singleElement().satisfies(f -> assertThat(f.severity())
                .isEqualTo(Severity.INFO));
    }
}
