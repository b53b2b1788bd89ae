package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the revisions of a PDF end: after each {@code %%EOF}, optionally followed by one end of line ({@code CR},
 * {@code LF} or {@code CR LF}), as every writer ends a revision. Found in one streaming pass over the file.
 *
 * <p>A {@code %%EOF} inside a stream (an uncompressed embedded PDF, by chance in binary data) counts as a boundary
 * too; that only widens what {@link #isBoundary(long)} accepts, and a revision ending there still has to load and
 * compare as a document.
 */
final class RevisionBoundaries {
    private static final byte[] EOF_MARKER = {'%', '%', 'E', 'O', 'F'};

    /** One {@code %%EOF}: {@code eofEnd} just after the marker, {@code eolEnd} after its end of line, if any. */
    record Boundary(long eofEnd, long eolEnd) {}

    private final List<Boundary> boundaries;
    private final long fileLength;
    private final long lastNonWhitespaceEnd;

    private RevisionBoundaries(List<Boundary> boundaries, long fileLength, long lastNonWhitespaceEnd) {
        this.boundaries = List.copyOf(boundaries);
        this.fileLength = fileLength;
        this.lastNonWhitespaceEnd = lastNonWhitespaceEnd;
    }

    static RevisionBoundaries of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    static RevisionBoundaries of(InputStream in) throws IOException {
        List<Boundary> found = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        long position = 0;
        long lastNonWhitespaceEnd = 0;
        int matched = 0;
        long eofEnd = -1;
        int eolSeen = 0; // 0: none yet, 1: CR, 2: done
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++, position++) {
                byte b = buffer[i];
                if (!isWhitespace(b)) {
                    lastNonWhitespaceEnd = position + 1;
                }
                if (eofEnd >= 0 && eolSeen < 2) {
                    if (b == '\r' && eolSeen == 0) {
                        eolSeen = 1;
                        found.set(found.size() - 1, new Boundary(eofEnd, position + 1));
                    } else if (b == '\n') {
                        eolSeen = 2;
                        found.set(found.size() - 1, new Boundary(eofEnd, position + 1));
                    } else {
                        eolSeen = 2;
                    }
                }
                matched = advance(matched, b);
                if (matched == EOF_MARKER.length) {
                    matched = 0;
                    eofEnd = position + 1;
                    eolSeen = 0;
                    found.add(new Boundary(eofEnd, eofEnd));
                }
            }
        }
        return new RevisionBoundaries(found, position, lastNonWhitespaceEnd);
    }

    /** How much of {@code %%EOF} is matched after {@code b}, given {@code matched} before it. */
    private static int advance(int matched, byte b) {
        if (b == EOF_MARKER[matched]) {
            return matched + 1;
        }
        if (b == '%') {
            return matched == 2 ? 2 : 1; // "%%%" still ends in "%%"
        }
        return 0;
    }

    /** PDF whitespace: NUL, TAB, LF, FF, CR, SPACE. */
    static boolean isWhitespace(byte b) {
        return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
    }

    List<Boundary> boundaries() {
        return boundaries;
    }

    long fileLength() {
        return fileLength;
    }

    /** True when a revision ends at {@code offset}: just after a {@code %%EOF} or after its end of line. */
    boolean isBoundary(long offset) {
        return boundaries.stream().anyMatch(b -> b.eofEnd() <= offset && offset <= b.eolEnd());
    }

    /** How many revisions end after {@code offset}. */
    long revisionsAfter(long offset) {
        return boundaries.stream().filter(b -> b.eofEnd() > offset).count();
    }

    /**
     * How many bytes follow the last {@code %%EOF} (after its end of line) when any of them is not whitespace: bytes
     * that no revision accounts for. 0 when there are only whitespace or none; the whole file when there is no
     * {@code %%EOF}.
     */
    long unaccountedTrailingBytes() {
        long lastEnd =
                boundaries.isEmpty() ? 0 : boundaries.get(boundaries.size() - 1).eolEnd();
        return lastNonWhitespaceEnd > lastEnd ? fileLength - lastEnd : 0;
    }
}
