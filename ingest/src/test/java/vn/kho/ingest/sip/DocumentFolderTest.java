package vn.kho.ingest.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.Finding;

class DocumentFolderTest {
    @TempDir
    Path tmp;

    @Test
    void namesEveryFileByItsPathBelowTheFolderInNfc() throws IOException {
        Files.createDirectories(tmp.resolve("van-ban"));
        Files.writeString(tmp.resolve("van-ban/a.pdf"), "a");
        // "Bá" written decomposed (a + combining acute), as some systems store names
        Files.writeString(tmp.resolve("Ba\u0301o cáo.pdf"), "b");

        DocumentFolder.Scan scan = DocumentFolder.scan(tmp);

        assertThat(scan.problems()).isEmpty();
        assertThat(scan.files()).containsOnlyKeys("van-ban/a.pdf", "Báo cáo.pdf");
        assertThat(scan.files().get("Báo cáo.pdf")).exists();
    }

    @Test
    void refusesNamesWindowsCannotHoldAndNamesEqualButForCase() throws IOException {
        Files.writeString(tmp.resolve("a?.pdf"), "a");
        Files.writeString(tmp.resolve("Hop.pdf"), "b");
        Files.writeString(tmp.resolve("hop.pdf"), "c");

        DocumentFolder.Scan scan = DocumentFolder.scan(tmp);

        assertThat(scan.problems())
                .extracting(Finding::code)
                .containsOnly("SIP_FILE_NAME_UNSAFE")
                .hasSize(2);
        assertThat(scan.files()).hasSize(1);
    }

    @Test
    void refusesASymbolicLink() throws IOException {
        Path outside = Files.writeString(Files.createTempFile("outside", ".pdf"), "secret");
        try {
            Files.createSymbolicLink(tmp.resolve("link.pdf"), outside);

            DocumentFolder.Scan scan = DocumentFolder.scan(tmp);

            assertThat(scan.problems()).extracting(Finding::code).containsExactly("SIP_FILE_NOT_REGULAR");
            assertThat(scan.files()).isEmpty();
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void anEmptyFolderHoldsNoDocument() {
        assertThat(DocumentFolder.scan(tmp).problems())
                .extracting(Finding::code)
                .containsExactly("SIP_FOLDER_EMPTY");
    }
}
