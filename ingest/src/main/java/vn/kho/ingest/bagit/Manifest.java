package vn.kho.ingest.bagit;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import vn.kho.repository.Finding;

/**
 * One parsed payload manifest or tag manifest: normalised path → expected digest (lower-case hex). Malformed lines,
 * refused paths and duplicate entries are reported while parsing and left out of {@link #entries()}.
 */
final class Manifest {
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    private final String file;
    private final String algorithm;
    private final boolean tag;
    private final Map<String, String> entries = new LinkedHashMap<>();

    private Manifest(String file, String algorithm, boolean tag) {
        this.file = file;
        this.algorithm = algorithm;
        this.tag = tag;
    }

    String file() {
        return file;
    }

    String algorithm() {
        return algorithm;
    }

    boolean isTag() {
        return tag;
    }

    Map<String, String> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** Parses manifest {@code file} (root-relative) of the bag at {@code bagDir}. */
    static Manifest parse(
            Path bagDir, String file, String algorithm, BagDeclaration declaration, List<Finding> findings) {
        Manifest manifest = new Manifest(file, algorithm, BagDigests.isTagManifest(file));
        int expectedLength = BagDigests.HEX_LENGTHS.get(algorithm);
        int[] cleaned = {0};
        int[] binaryMarkers = {0};
        TagFiles.forEachLine(bagDir.resolve(file), file, declaration.encoding(), findings, (number, line) -> {
            if (line.isBlank()) {
                return;
            }
            int i = 0;
            while (i < line.length() && !TagFiles.isLinearWhitespace(line.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < line.length() && TagFiles.isLinearWhitespace(line.charAt(j))) {
                j++;
            }
            String digest = line.substring(0, i);
            if (i == 0 || j == i || j == line.length()) {
                findings.add(malformed(file, number, "expected 'CHECKSUM FILEPATH'"));
                return;
            }
            if (digest.length() != expectedLength || !HEX.matcher(digest).matches()) {
                findings.add(malformed(
                        file,
                        number,
                        "'" + digest + "' is not a " + algorithm + " digest (" + expectedLength + " hex)"));
                return;
            }
            String rawPath = line.substring(j);
            if (j - i == 1 && rawPath.startsWith("*")) {
                // md5sum and its siblings mark binary mode with '*' right after a single space
                rawPath = rawPath.substring(1);
                binaryMarkers[0]++;
            }
            BagPaths.Result path = BagPaths.normalize(rawPath, declaration.percentEncodesPaths());
            if (!path.ok()) {
                findings.add(Finding.error(
                        path.errorCode(),
                        file + " line " + number + ": '" + rawPath + "' is refused: " + path.reason(),
                        file));
                return;
            }
            if (path.cleaned()) {
                cleaned[0]++;
            }
            manifest.add(path.path(), digest.toLowerCase(Locale.ROOT), number, declaration, findings);
        });
        if (cleaned[0] > 0) {
            findings.add(Finding.warning(
                    "BAGIT_PATH_NOT_NORMALIZED",
                    file + " writes " + cleaned[0] + " path(s) with './' or empty segments; they were normalised",
                    file));
        }
        if (binaryMarkers[0] > 0) {
            findings.add(Finding.warning(
                    "BAGIT_MANIFEST_BINARY_MARKER",
                    file + " marks " + binaryMarkers[0] + " path(s) with md5sum's binary-mode '*'; it was ignored",
                    file));
        }
        return manifest;
    }

    private void add(String path, String digest, int line, BagDeclaration declaration, List<Finding> findings) {
        if (tag && (path.equals("data") || path.startsWith("data/"))) {
            findings.add(Finding.error(
                    "BAGIT_TAGMANIFEST_LISTS_PAYLOAD",
                    file + " line " + line + " lists payload file " + path + "; tag manifests list tag files only",
                    path));
            return;
        }
        if (tag && path.equals(file)) {
            findings.add(Finding.error(
                    "BAGIT_TAGMANIFEST_LISTS_ITSELF", file + " line " + line + " lists the tag manifest itself", path));
            return;
        }
        if (!tag && !path.startsWith("data/")) {
            findings.add(Finding.error(
                    "BAGIT_PATH_OUTSIDE_PAYLOAD",
                    file + " line " + line + " lists " + path + ", which is not inside data/",
                    path));
            return;
        }
        String previous = entries.putIfAbsent(path, digest);
        if (previous == null) {
            return;
        }
        if (!previous.equals(digest)) {
            findings.add(Finding.error(
                    "BAGIT_MANIFEST_CONFLICTING_ENTRY",
                    file + " lists " + path + " twice with different digests (again on line " + line + ")",
                    path));
        } else if (declaration.forbidsDuplicateEntries()) {
            findings.add(Finding.error(
                    "BAGIT_MANIFEST_DUPLICATE_ENTRY",
                    file + " lists " + path + " twice (again on line " + line + "); BagIt 1.0 forbids it",
                    path));
        } else {
            findings.add(Finding.warning(
                    "BAGIT_MANIFEST_DUPLICATE_ENTRY",
                    file + " lists " + path + " twice with the same digest (again on line " + line + ")",
                    path));
        }
    }

    private static Finding malformed(String file, int line, String why) {
        return Finding.error("BAGIT_MANIFEST_MALFORMED", file + " line " + line + ": " + why, file);
    }
}
