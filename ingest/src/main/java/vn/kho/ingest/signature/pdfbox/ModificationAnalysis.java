package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.kho.ingest.signature.Modification;

/**
 * Classifies what happened to a PDF after the revision a signature covers (see {@link PdfBoxSignatureScanner} for
 * the rules). One analysis serves all signatures of a file: the current document's page digests are computed once,
 * and each signed revision is loaded once, compared page by page and closed.
 */
final class ModificationAnalysis {
    static final int MAX_LISTED_CHANGES = 10;

    private final Path file;
    private final RevisionBoundaries boundaries;
    private final DocumentView current;
    private final Map<Long, Modification> byRevisionEnd = new HashMap<>();

    ModificationAnalysis(Path file, RevisionBoundaries boundaries, PDDocument current) {
        this.file = file;
        this.boundaries = boundaries;
        this.current = new DocumentView(current, true);
    }

    /** What happened after the revision ending at {@code signedEnd}, for a signature whose byte range is usable. */
    Modification after(long signedEnd) {
        return byRevisionEnd.computeIfAbsent(signedEnd, this::analyse);
    }

    private Modification analyse(long signedEnd) {
        long fileLength = boundaries.fileLength();
        if (signedEnd == fileLength) {
            return Modification.none();
        }
        if (!boundaries.isBoundary(signedEnd)) {
            return Modification.modified("the signed range ends at byte " + signedEnd
                    + ", which is not the end of a revision (%%EOF); " + (fileLength - signedEnd)
                    + " bytes follow");
        }
        long trailing = boundaries.unaccountedTrailingBytes();
        if (trailing > 0) {
            return Modification.modified(
                    trailing + " bytes after the last %%EOF that no incremental update accounts for");
        }
        long later = boundaries.revisionsAfter(signedEnd);
        List<String> changes;
        try (PDDocument signed = Loader.loadPDF(new FilePrefix(file.toFile(), signedEnd))) {
            changes = RevisionComparison.changes(new DocumentView(signed, false), current);
        } catch (IOException | RuntimeException e) {
            return Modification.undetermined("the signed revision (the first " + signedEnd
                    + " bytes) or the current document cannot be read for comparison: " + e.getMessage());
        }
        if (changes.isEmpty()) {
            return Modification.allowedUpdates(
                    (later == 1 ? "1 later revision changes" : later + " later revisions change")
                            + " nothing compared (page content, boxes, resources, annotations, form field values,"
                            + " catalog entries)");
        }
        String listed = String.join("; ", changes.subList(0, Math.min(MAX_LISTED_CHANGES, changes.size())));
        return Modification.modified(listed
                + (changes.size() > MAX_LISTED_CHANGES
                        ? "; and " + (changes.size() - MAX_LISTED_CHANGES) + " more changes"
                        : ""));
    }
}
