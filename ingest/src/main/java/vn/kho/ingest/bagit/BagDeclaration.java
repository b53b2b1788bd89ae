package vn.kho.ingest.bagit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.kho.repository.Finding;

/**
 * A bag's {@code bagit.txt}: the version and the character encoding of the other tag files (RFC 8493 §2.1.1).
 *
 * @param major the major version
 * @param minor the minor version
 * @param encoding the tag file character encoding
 */
record BagDeclaration(int major, int minor, Charset encoding) {
    static final String FILE = "bagit.txt";

    /** What the reader assumes when bagit.txt is unusable, so that it can still report everything else. */
    static final BagDeclaration FALLBACK = new BagDeclaration(1, 0, StandardCharsets.UTF_8);

    private static final int MAX_BYTES = 4096;
    private static final Pattern VERSION = Pattern.compile("BagIt-Version: ([0-9]+)\\.([0-9]+)");
    private static final Pattern ENCODING = Pattern.compile("Tag-File-Character-Encoding: (\\S+)");

    String version() {
        return major + "." + minor;
    }

    /** RFC 8493 (1.0) percent-encodes CR, LF and % in manifest and fetch paths; 0.97 and earlier do not. */
    boolean percentEncodesPaths() {
        return major >= 1;
    }

    /** 1.0 forbids listing a file twice in one manifest; 0.97 tolerated it when the hashes agreed. */
    boolean forbidsDuplicateEntries() {
        return major >= 1;
    }

    /**
     * Reads and checks {@code bagit.txt}. Adds findings to {@code findings}; returns empty when the declaration cannot
     * be used.
     */
    static Optional<BagDeclaration> read(Path file, List<Finding> findings) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            findings.add(Finding.error("BAGIT_TAG_FILE_UNREADABLE", "bagit.txt could not be read: " + e, FILE));
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            findings.add(malformed("it is larger than " + MAX_BYTES + " bytes"));
            return Optional.empty();
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            findings.add(Finding.error(
                    "BAGIT_DECLARATION_BOM",
                    "bagit.txt must not start with a byte-order mark (RFC 8493 §2.1.1)",
                    FILE));
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            findings.add(malformed("it is not UTF-8"));
            return Optional.empty();
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        if (count == 0) {
            findings.add(malformed("it is empty"));
            return Optional.empty();
        }
        Matcher version = VERSION.matcher(lines[0]);
        if (!version.matches()) {
            findings.add(malformed("the first line must be exactly 'BagIt-Version: M.N', found '" + lines[0] + "'"));
            return Optional.empty();
        }
        if (count < 2) {
            findings.add(malformed("the line 'Tag-File-Character-Encoding: ENCODING' is missing"));
            return Optional.empty();
        }
        if (count > 2) {
            findings.add(malformed("it must have exactly two lines, found " + count));
            return Optional.empty();
        }
        Matcher encoding = ENCODING.matcher(lines[1]);
        if (!encoding.matches()) {
            findings.add(malformed("the second line must be exactly 'Tag-File-Character-Encoding: ENCODING', found '"
                    + lines[1] + "'"));
            return Optional.empty();
        }
        int major;
        int minor;
        try {
            major = Integer.parseInt(version.group(1));
            minor = Integer.parseInt(version.group(2));
        } catch (NumberFormatException e) {
            findings.add(malformed("the version number is out of range"));
            return Optional.empty();
        }
        Charset charset;
        try {
            charset = Charset.forName(encoding.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            findings.add(Finding.error(
                    "BAGIT_ENCODING_UNSUPPORTED",
                    "Tag-File-Character-Encoding '" + encoding.group(1) + "' is not a character encoding Kho knows",
                    FILE));
            return Optional.empty();
        }
        BagDeclaration declaration = new BagDeclaration(major, minor, charset);
        if (major == 1 && minor == 0 || major == 0 && minor == 97) {
            return Optional.of(declaration);
        }
        if (major == 0 && minor >= 93 && minor <= 96) {
            findings.add(Finding.warning(
                    "BAGIT_VERSION_OLD",
                    "BagIt " + declaration.version() + " predates 0.97; the bag was read by the 0.97 rules",
                    FILE));
            return Optional.of(declaration);
        }
        findings.add(Finding.error(
                "BAGIT_VERSION_UNSUPPORTED",
                "BagIt-Version " + declaration.version() + " is not supported; Kho reads BagIt 1.0 and 0.97",
                FILE));
        return Optional.empty();
    }

    private static Finding malformed(String why) {
        return Finding.error("BAGIT_DECLARATION_MALFORMED", "bagit.txt is malformed: " + why, FILE);
    }
}
