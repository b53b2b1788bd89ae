package vn.kho.ingest.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import vn.kho.repository.Finding;

/**
 * The documents of {@code kho sip build}: every file below a folder, by its path relative to the folder (segments
 * joined by '/', in Unicode NFC, as the package will name it). Names that would not survive the trip to an archive
 * are refused here, before anything is written: a control character, a backslash or one of {@code < > : " | ? *}
 * (not allowed in Windows file names), a name segment of more than 255 UTF-8 bytes, and two names that differ only in
 * case or Unicode normalisation. Symbolic links and other non-regular files are refused too: the package would not
 * hold what the folder seems to show.
 *
 * <p>Codes: {@code SIP_FOLDER_UNREADABLE}, {@code SIP_FOLDER_EMPTY}, {@code SIP_FILE_NAME_UNSAFE},
 * {@code SIP_FILE_NOT_REGULAR}.
 */
public final class DocumentFolder {
    private static final int MAX_SEGMENT_BYTES = 255;
    private static final String WINDOWS_RESERVED = "<>:\"|?*\\";

    /**
     * What was found.
     *
     * @param files every usable file by its package path below the data folder, sorted
     * @param problems the files that cannot go into a package, and why
     */
    public record Scan(Map<String, Path> files, List<Finding> problems) {
        public Scan {
            files = Collections.unmodifiableMap(new TreeMap<>(files));
            problems = List.copyOf(problems);
        }
    }

    private DocumentFolder() {}

    /** Lists the documents below {@code dir}, following no symbolic link. */
    public static Scan scan(Path dir) {
        Map<String, Path> files = new TreeMap<>();
        List<Finding> problems = new ArrayList<>();
        Map<String, String> folded = new HashMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String path = relative(dir, file);
                    if (!attributes.isRegularFile()) {
                        problems.add(Finding.error(
                                "SIP_FILE_NOT_REGULAR",
                                path + " is " + (attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                                        + "; put the document itself in the folder",
                                path));
                        return FileVisitResult.CONTINUE;
                    }
                    String unsafe = unsafe(path);
                    if (unsafe != null) {
                        problems.add(Finding.error("SIP_FILE_NAME_UNSAFE", path + " " + unsafe, path));
                        return FileVisitResult.CONTINUE;
                    }
                    String other = folded.putIfAbsent(fold(path), path);
                    if (other != null) {
                        problems.add(Finding.error(
                                "SIP_FILE_NAME_UNSAFE",
                                path + " and " + other + " differ only in case or Unicode normalisation; an archive on"
                                        + " another system would see one file",
                                path));
                        return FileVisitResult.CONTINUE;
                    }
                    files.put(path, file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String path = relative(dir, file);
                    problems.add(Finding.error("SIP_FOLDER_UNREADABLE", path + " cannot be read: " + e, path));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(Finding.error("SIP_FOLDER_UNREADABLE", dir + " cannot be read: " + e, null));
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add(Finding.error("SIP_FOLDER_EMPTY", dir + " holds no document", null));
        }
        return new Scan(files, problems);
    }

    /** The package path of {@code file}: relative to {@code dir}, '/' between segments, NFC. */
    private static String relative(Path dir, Path file) {
        List<String> segments = new ArrayList<>();
        for (Path segment : dir.relativize(file)) {
            segments.add(segment.toString());
        }
        return Normalizer.normalize(String.join("/", segments), Normalizer.Form.NFC);
    }

    /** Why the path is unsafe in a package, or null when it is not. */
    static String unsafe(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                return "has a control character (U+" + String.format("%04X", (int) c) + ") in its name";
            }
            if (WINDOWS_RESERVED.indexOf(c) >= 0) {
                return "has '" + c + "' in its name, which Windows does not allow in a file name";
            }
        }
        for (String segment : path.split("/", -1)) {
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SEGMENT_BYTES) {
                return "has a name of " + bytes + " UTF-8 bytes, more than " + MAX_SEGMENT_BYTES;
            }
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                return "has a name ending in '.' or a space, which Windows drops";
            }
        }
        return null;
    }

    private static String fold(String path) {
        return Normalizer.normalize(path.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
