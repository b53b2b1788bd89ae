package vn.kho.ingest.unpack;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.AbstractUnicodeExtraField;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipExtraField;

/** Decoding entry names from their raw bytes and checking that they stay inside the package. */
final class EntryNames {
    /** The UTF-8 (EFS) flag, general purpose bit 11. */
    static final int EFS_FLAG = 1 << 11;
    /**
     * Longest whole path accepted, in UTF-8 bytes: Linux allows 4,095 bytes for a path, and the staging directory
     * needs some of them.
     */
    static final int MAX_PATH_BYTES = 3072;

    private EntryNames() {}

    /**
     * Decodes a raw name as the class Javadoc of {@link SafeUnzipper} promises (the caller normalises it to NFC).
     *
     * @throws ZipRejection {@code ZIP_NAME_NOT_UTF8} naming the entry by its hex bytes
     */
    static String decode(ZipArchiveEntry entry, int index) throws ZipRejection {
        byte[] raw = entry.getRawName();
        String name = strictUtf8(raw);
        if (name == null && (entry.getRawFlag() & EFS_FLAG) == 0) {
            name = unicodePath(entry, raw);
        }
        if (name == null) {
            String hex = HexFormat.of().formatHex(raw);
            String why = (entry.getRawFlag() & EFS_FLAG) != 0
                    ? "is flagged UTF-8 (general purpose bit 11) but its bytes are not valid UTF-8"
                    : "is not valid UTF-8 and has no Info-ZIP Unicode Path field (0x7075) whose CRC matches it";
            throw new ZipRejection(
                    ZipCodes.NAME_NOT_UTF8,
                    "entry #" + index + " with name bytes " + hex + " " + why
                            + "; re-create the zip with UTF-8 names (Kho does not guess legacy code pages)",
                    null);
        }
        return name;
    }

    /**
     * Checks a decoded, NFC name and returns the path it extracts to (without a directory's trailing slash).
     *
     * @throws ZipRejection the first problem found, escapes before other problems
     */
    static String check(String name, int maxNameBytes) throws ZipRejection {
        for (int i = 0; i < name.length(); i++) {
            if (Character.getType(name.charAt(i)) == Character.CONTROL) {
                throw new ZipRejection(
                        ZipCodes.NAME_INVALID,
                        "entry '" + display(name) + "' has a control character (U+"
                                + String.format("%04X", (int) name.charAt(i)) + ") in its name",
                        display(name));
            }
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            throw escape(name, "is an absolute path");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            throw escape(name, "starts with a drive letter");
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                throw escape(name, "has a '..' segment");
            }
        }
        if (name.indexOf('\\') >= 0) {
            throw new ZipRejection(
                    ZipCodes.NAME_INVALID,
                    "entry '" + name + "' has a backslash in its name; zip paths use '/' as the separator",
                    name);
        }
        if (path.isEmpty()) {
            throw new ZipRejection(ZipCodes.NAME_INVALID, "an entry has an empty name", name);
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw new ZipRejection(
                        ZipCodes.NAME_INVALID, "entry '" + name + "' has an empty or '.' path segment", name);
            }
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxNameBytes) {
                throw new ZipRejection(
                        ZipCodes.NAME_TOO_LONG,
                        "entry '" + name + "' has a path segment of " + bytes + " UTF-8 bytes, more than "
                                + maxNameBytes,
                        name);
            }
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new ZipRejection(
                    ZipCodes.NAME_TOO_LONG,
                    "entry '" + name + "' has a path of " + bytes + " UTF-8 bytes, more than " + MAX_PATH_BYTES,
                    name);
        }
        return path;
    }

    /** The key two names share when a case-insensitive filesystem would treat them as one. */
    static String caseFold(String nfcPath) {
        return Normalizer.normalize(nfcPath.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    private static String strictUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The Info-ZIP Unicode Path, when present, written for exactly these raw bytes, and itself valid UTF-8. */
    private static String unicodePath(ZipArchiveEntry entry, byte[] raw) {
        ZipExtraField field = entry.getExtraField(UnicodePathExtraField.UPATH_ID);
        if (!(field instanceof AbstractUnicodeExtraField unicode) || unicode.getUnicodeName() == null) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(raw);
        if (crc.getValue() != unicode.getNameCRC32()) {
            return null;
        }
        return strictUtf8(unicode.getUnicodeName());
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static ZipRejection escape(String name, String why) {
        return new ZipRejection(
                ZipCodes.PATH_ESCAPE, "entry '" + display(name) + "' " + why + " and would escape the package", name);
    }

    /** The name with control characters shown as {@code \}{@code uXXXX}, safe for a message or a log line. */
    static String display(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
