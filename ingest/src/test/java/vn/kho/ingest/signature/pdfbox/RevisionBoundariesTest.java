package vn.kho.ingest.signature.pdfbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RevisionBoundariesTest {

    @Test
    void aRevisionEndsAfterItsEofMarkerOrAfterTheEndOfLineThatFollowsIt() throws IOException {
        String first = "%PDF-1.7\n1 0 obj\n%%EOF\r\n"; // ends at 24; the marker ends at 22
        RevisionBoundaries boundaries = of(first + "2 0 obj\n%%EOF");

        assertThat(boundaries.boundaries())
                .containsExactly(new RevisionBoundaries.Boundary(22, 24), new RevisionBoundaries.Boundary(37, 37));
        assertThat(boundaries.isBoundary(22)).isTrue();
        assertThat(boundaries.isBoundary(23)).isTrue();
        assertThat(boundaries.isBoundary(24)).isTrue();
        assertThat(boundaries.isBoundary(25)).isFalse();
        assertThat(boundaries.isBoundary(21)).isFalse();
        assertThat(boundaries.revisionsAfter(24)).isEqualTo(1);
    }

    @Test
    void onlyOneEndOfLineBelongsToTheMarker() throws IOException {
        RevisionBoundaries boundaries = of("%%EOF\n\n");

        assertThat(boundaries.boundaries()).containsExactly(new RevisionBoundaries.Boundary(5, 6));
        assertThat(boundaries.isBoundary(7)).isFalse();
        assertThat(boundaries.unaccountedTrailingBytes()).isZero();
    }

    @Test
    void aMarkerAfterExtraPercentSignsIsFound() throws IOException {
        assertThat(of("x%%%EOF").boundaries()).containsExactly(new RevisionBoundaries.Boundary(7, 7));
        assertThat(of("%%EO%%EOF").boundaries()).containsExactly(new RevisionBoundaries.Boundary(9, 9));
    }

    @Test
    void aMarkerSplitAcrossReadBuffersIsFound() throws IOException {
        String padding = "x".repeat(64 * 1024 - 2);

        assertThat(of(padding + "%%EOF").boundaries()).hasSize(1);
    }

    @Test
    void nonWhitespaceAfterTheLastMarkerIsUnaccountedForWhitespaceIsNot() throws IOException {
        assertThat(of("%%EOF\n \t\r\n\u0000").unaccountedTrailingBytes()).isZero();
        assertThat(of("%%EOF\ngarbage\n").unaccountedTrailingBytes()).isEqualTo(8);
        assertThat(of("no marker at all").unaccountedTrailingBytes()).isEqualTo(16);
    }

    private static RevisionBoundaries of(String text) throws IOException {
        return RevisionBoundaries.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
