package vn.kho.ingest.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One signature of a PDF, as its signature dictionary states it, with what happened to the file after it.
 *
 * <p>Nothing here is verified: {@link #cms()} is what the verifier checks over {@link #openSignedBytes()}, and the
 * claimed time, name, reason and location are what the signer wrote. {@link #problems()} lists what is malformed in
 * the dictionary (a missing or impossible /ByteRange, a /Contents that is not the value in the gap between the two
 * ranges, padding that is not zeros); an empty list means the dictionary is well formed.
 *
 * @param file the PDF
 * @param fileLength its length when it was scanned
 * @param fieldName the signature field's fully qualified name
 * @param subFilter the /SubFilter, or {@code null}
 * @param byteRange the /ByteRange as written (normally four numbers; empty when missing)
 * @param cms the value of /Contents without its zero padding, cut at the end of its first DER element: normally a
 *     CMS SignedData (see {@link #form()}); empty when /Contents is missing
 * @param claimedSigningTime /M, the time the signer claims, or {@code null}
 * @param name /Name, or {@code null}
 * @param reason /Reason, or {@code null}
 * @param location /Location, or {@code null}
 * @param modification what later bytes and incremental updates change
 * @param problems what is malformed in the signature dictionary, empty when nothing is
 */
public record PdfSignature(
        Path file,
        long fileLength,
        String fieldName,
        String subFilter,
        long[] byteRange,
        byte[] cms,
        OffsetDateTime claimedSigningTime,
        String name,
        String reason,
        String location,
        Modification modification,
        List<String> problems) {

    public PdfSignature {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(modification, "modification");
        byteRange = byteRange.clone();
        cms = cms.clone();
        problems = List.copyOf(problems);
    }

    @Override
    public long[] byteRange() {
        return byteRange.clone();
    }

    @Override
    public byte[] cms() {
        return cms.clone();
    }

    /** This signature with {@code newModification}. */
    public PdfSignature withModification(Modification newModification) {
        return new PdfSignature(
                file,
                fileLength,
                fieldName,
                subFilter,
                byteRange,
                cms,
                claimedSigningTime,
                name,
                reason,
                location,
                newModification,
                problems);
    }

    /** What {@link #cms()} signs, from the /SubFilter. */
    public SignatureForm form() {
        return SignatureForm.ofSubFilter(subFilter);
    }

    /**
     * True when the byte range is two ranges, in order, not overlapping, inside the file: what
     * {@link #openSignedBytes()} needs. A usable range can still have {@link #problems()} (not starting at byte 0, a
     * gap that does not hold /Contents).
     */
    public boolean hasUsableByteRange() {
        if (byteRange.length != 4 || Arrays.stream(byteRange).anyMatch(n -> n < 0)) {
            return false;
        }
        long firstEnd = byteRange[0] + byteRange[1];
        return firstEnd >= 0 && firstEnd <= byteRange[2] && signedRevisionEnd() <= fileLength;
    }

    /** The end of the signed revision, {@code byteRange[2] + byteRange[3]}; -1 without four numbers. */
    public long signedRevisionEnd() {
        return byteRange.length == 4 ? byteRange[2] + byteRange[3] : -1;
    }

    /** True when the signed range ends where the file ends. */
    public boolean coversWholeDocument() {
        return signedRevisionEnd() == fileLength;
    }

    /**
     * The signed bytes, the two byte ranges one after the other, read from the file as the stream is read (nothing
     * is buffered beyond a small read buffer). What {@link #cms()} signs: directly for {@link
     * SignatureForm#DETACHED_CMS} and {@link SignatureForm#DOCUMENT_TIMESTAMP}, through their SHA-1 digest for {@link
     * SignatureForm#SHA1_DIGEST_CMS}. Reading fails with an {@link java.io.EOFException} if the file has become
     * shorter than the range.
     *
     * @throws IllegalStateException if the byte range is not usable ({@link #hasUsableByteRange()})
     * @throws IOException if the file cannot be opened
     */
    public InputStream openSignedBytes() throws IOException {
        if (!hasUsableByteRange()) {
            throw new IllegalStateException("the /ByteRange of " + fieldName + " cannot be read: " + problems);
        }
        return new ByteRangeInputStream(file, byteRange);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PdfSignature s
                && file.equals(s.file)
                && fileLength == s.fileLength
                && fieldName.equals(s.fieldName)
                && Objects.equals(subFilter, s.subFilter)
                && Arrays.equals(byteRange, s.byteRange)
                && Arrays.equals(cms, s.cms)
                && Objects.equals(claimedSigningTime, s.claimedSigningTime)
                && Objects.equals(name, s.name)
                && Objects.equals(reason, s.reason)
                && Objects.equals(location, s.location)
                && modification.equals(s.modification)
                && problems.equals(s.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, fieldName, Arrays.hashCode(byteRange), Arrays.hashCode(cms), modification);
    }

    @Override
    public String toString() {
        return "PdfSignature[" + fieldName + " in " + file + ", subFilter=" + subFilter + ", byteRange="
                + Arrays.toString(byteRange) + ", cms=" + cms.length + " bytes "
                + HexFormat.of().formatHex(cms, 0, Math.min(8, cms.length)) + "…, claimedSigningTime="
                + claimedSigningTime + ", name=" + name + ", reason=" + reason + ", location=" + location + ", "
                + modification + ", problems=" + problems + "]";
    }
}
