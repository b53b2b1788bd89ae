package vn.kho.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

class JhoveModulesTest {
    @Test
    void mediaTypesPickTheirModuleIgnoringCaseAndParameters() {
        assertThat(JhoveModules.forMediaType("application/pdf")).contains("PDF-hul");
        assertThat(JhoveModules.forMediaType("IMAGE/TIFF")).contains("TIFF-hul");
        assertThat(JhoveModules.forMediaType("image/jp2")).contains("JPEG2000-hul");
        assertThat(JhoveModules.forMediaType("text/xml; charset=utf-8")).contains("XML-hul");
        assertThat(JhoveModules.forMediaType("application/mets+xml")).contains("XML-hul");
        assertThat(JhoveModules.forMediaType("text/plain; charset=UTF-8")).contains("UTF8-hul");
        assertThat(JhoveModules.forMediaType("text/plain; charset=us-ascii")).contains("ASCII-hul");
        assertThat(JhoveModules.forMediaType("audio/x-wav")).contains("WAVE-hul");
        assertThat(JhoveModules.forMediaType("audio/x-aiff")).contains("AIFF-hul");
        assertThat(JhoveModules.forMediaType("application/gzip")).contains("GZIP-kb");
        assertThat(JhoveModules.forMediaType("application/warc")).contains("WARC-kb");
        assertThat(JhoveModules.forMediaType("image/png")).contains("PNG-gdm");
        assertThat(JhoveModules.forMediaType("application/zip")).isEmpty();
        assertThat(JhoveModules.forMediaType(null)).isEmpty();
    }

    @Test
    void everyModuleClassIsOnTheClassPath() throws Exception {
        for (String cls : JhoveModules.CLASSES.values()) {
            assertThat(Class.forName(cls, false, getClass().getClassLoader())).isNotNull();
        }
    }

    @Test
    void repeatedMessagesAreReportedOnceAndTheRestSummarised() {
        List<JhoveMessage> messages = new ArrayList<>();
        messages.add(new JhoveMessage("error", "PDF-HUL-1", "lexical error", "12"));
        for (int i = 0; i < 50; i++) {
            messages.add(new JhoveMessage("error", "PDF-HUL-38", "invalid destination", Integer.toString(100 + i)));
        }
        for (int i = 0; i < 30; i++) {
            messages.add(new JhoveMessage("info", null, "note " + i, null));
        }
        ValidationResult r = new ValidationResult(
                "PDF-hul",
                ValidationStatus.NOT_WELL_FORMED,
                "PDF",
                "1.4",
                List.of(),
                messages,
                null,
                false,
                Duration.ZERO);
        List<Finding> findings = ValidationFindings.of("a.pdf", r);
        assertThat(findings.get(0).code()).isEqualTo("JHOVE_NOT_WELL_FORMED");
        assertThat(findings.get(0).message()).contains("PDF-hul", "Lexical error");
        assertThat(findings).filteredOn(f -> f.code().equals("JHOVE_MESSAGE")).hasSize(20);
        assertThat(findings.get(1).message()).contains("PDF-HUL-38", "first of 50");
        assertThat(findings.get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings.get(2).severity()).isEqualTo(Severity.INFO);
        assertThat(findings.get(findings.size() - 1).code()).isEqualTo("JHOVE_MESSAGES_OMITTED");
        assertThat(findings.get(findings.size() - 1).message()).contains("11 more");
    }
}
