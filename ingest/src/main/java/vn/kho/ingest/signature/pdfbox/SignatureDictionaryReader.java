package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import vn.kho.ingest.signature.Modification;
import vn.kho.ingest.signature.PdfSignature;

/**
 * Reads what one signature dictionary states and checks it against the file: the /ByteRange must be two ranges from
 * byte 0, in order, inside the file, and the gap between them must hold exactly this dictionary's /Contents as a hex
 * string; /Contents is cut at the end of its first DER element and what follows must be zeros.
 */
final class SignatureDictionaryReader {
    private SignatureDictionaryReader() {}

    /**
     * The signature that {@code signature} describes in {@code file}, its modification {@link
     * Modification.Kind#UNDETERMINED} until analysed (and so for good when the byte range cannot be used).
     */
    static PdfSignature read(String fieldName, PDSignature signature, Path file, FileChannel channel, long fileLength)
            throws IOException {
        COSDictionary dictionary = signature.getCOSObject();
        List<String> problems = new ArrayList<>();
        long[] byteRange = byteRange(dictionary, problems);
        byte[] contents = contents(dictionary, problems);
        if (checkByteRange(byteRange, fileLength, problems) && contents.length > 0) {
            checkGap(byteRange, contents, channel, problems);
        }
        byte[] cms = cms(contents, problems);
        OffsetDateTime claimedSigningTime = claimedSigningTime(signature, problems);
        return new PdfSignature(
                file,
                fileLength,
                fieldName == null ? "" : fieldName,
                signature.getSubFilter(),
                byteRange,
                cms,
                claimedSigningTime,
                signature.getName(),
                signature.getReason(),
                signature.getLocation(),
                Modification.undetermined("the /ByteRange cannot be used: " + String.join("; ", problems)),
                problems);
    }

    private static long[] byteRange(COSDictionary dictionary, List<String> problems) {
        if (!(dictionary.getDictionaryObject(COSName.BYTERANGE) instanceof COSArray array)) {
            problems.add("the signature dictionary has no /ByteRange array");
            return new long[0];
        }
        long[] numbers = new long[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (array.getObject(i) instanceof COSInteger n) {
                numbers[i] = n.longValue();
            } else {
                problems.add("/ByteRange entry " + i + " is not an integer");
                return new long[0];
            }
        }
        return numbers;
    }

    /** Adds what is wrong with {@code range} to {@code problems}; true if the gap between the ranges can be read. */
    private static boolean checkByteRange(long[] range, long fileLength, List<String> problems) {
        if (range.length == 0) {
            return false;
        }
        if (range.length != 4) {
            problems.add("/ByteRange has " + range.length + " numbers, not four " + Arrays.toString(range));
            return false;
        }
        if (Arrays.stream(range).anyMatch(n -> n < 0)) {
            problems.add("/ByteRange has a negative number " + Arrays.toString(range));
            return false;
        }
        boolean usable = true;
        if (range[0] != 0) {
            problems.add("the signed range starts at byte " + range[0] + ", not at the beginning of the file");
        }
        if (range[0] + range[1] > range[2]) {
            problems.add("the two byte ranges overlap or are out of order " + Arrays.toString(range));
            usable = false;
        }
        if (range[2] + range[3] > fileLength) {
            problems.add("the signed range ends at byte " + (range[2] + range[3]) + ", beyond the end of the file ("
                    + fileLength + " bytes)");
            usable = false;
        }
        return usable;
    }

    private static byte[] contents(COSDictionary dictionary, List<String> problems) {
        if (dictionary.getDictionaryObject(COSName.CONTENTS) instanceof COSString string) {
            return string.getBytes();
        }
        problems.add("the signature dictionary has no /Contents string");
        return new byte[0];
    }

    /** The gap between the two ranges must be {@code <hex of /Contents>}: the value the signer placed there. */
    private static void checkGap(long[] range, byte[] contents, FileChannel file, List<String> problems)
            throws IOException {
        long gapStart = range[0] + range[1];
        long gapLength = range[2] - gapStart;
        if (gapLength != 2L * contents.length + 2) {
            problems.add("the gap between the byte ranges (" + gapLength + " bytes) does not fit /Contents ("
                    + contents.length + " bytes, " + (2L * contents.length + 2) + " as a hex string)");
            return;
        }
        ByteBuffer gap = ByteBuffer.allocate((int) gapLength);
        while (gap.hasRemaining() && file.read(gap, gapStart + gap.position()) > 0) {
            // read the whole gap
        }
        byte[] bytes = gap.array();
        boolean same = bytes[0] == '<' && bytes[bytes.length - 1] == '>';
        if (same) {
            try {
                same = Arrays.equals(
                        HexFormat.of().parseHex(new String(bytes, 1, bytes.length - 2, StandardCharsets.US_ASCII)),
                        contents);
            } catch (IllegalArgumentException e) {
                same = false;
            }
        }
        if (!same) {
            problems.add("the gap between the byte ranges does not hold this signature's /Contents");
        }
    }

    private static byte[] cms(byte[] contents, List<String> problems) {
        if (contents.length == 0) {
            return contents;
        }
        long length = DerLength.ofFirstElement(contents);
        if (length < 0) {
            problems.add("/Contents does not start with a complete DER element");
            return contents;
        }
        int end = (int) length;
        long nonZero = 0;
        for (int i = end; i < contents.length; i++) {
            nonZero += contents[i] != 0 ? 1 : 0;
        }
        if (nonZero > 0) {
            problems.add(nonZero + " of the " + (contents.length - end)
                    + " bytes after the DER element in /Contents are not zero padding");
        }
        return Arrays.copyOf(contents, end);
    }

    private static OffsetDateTime claimedSigningTime(PDSignature signature, List<String> problems) {
        COSBase m = signature.getCOSObject().getDictionaryObject(COSName.M);
        if (m == null) {
            return null;
        }
        Calendar calendar = signature.getSignDate();
        if (calendar == null) {
            problems.add("/M is not a PDF date: " + (m instanceof COSString s ? s.getString() : m));
            return null;
        }
        int offsetSeconds = calendar.getTimeZone().getOffset(calendar.getTimeInMillis()) / 1000;
        return OffsetDateTime.ofInstant(calendar.toInstant(), ZoneOffset.ofTotalSeconds(offsetSeconds));
    }
}
