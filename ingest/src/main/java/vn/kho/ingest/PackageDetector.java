package vn.kho.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;

/**
 * Finds the root of an unpacked package and tells which submission format it is. The root is the zip's single
 * top-level folder when every entry sits inside one folder, else the zip's root. A {@code bagit.txt} in the root makes
 * it a bag (RFC 8493); a {@code METS.xml} in the root makes it a TT05 SIP; anything else gets
 * {@code PACKAGE_FORMAT_UNKNOWN}.
 */
public final class PackageDetector {
    /** The formats Kho accepts, as named to submitters. */
    public static final String ACCEPTED_FORMATS =
            "BagIt 1.0/0.97 (bagit.txt at the root) or TT05 SIP (METS.xml at the root)";

    private PackageDetector() {}

    /**
     * What {@link #detect} found.
     *
     * @param root the package root (always present, even when the format is unknown)
     * @param format the detected format, empty when unknown
     * @param findings {@code PACKAGE_FORMAT_UNKNOWN} when the format is unknown, else none
     */
    public record Detection(PackageRoot root, Optional<PackageFormat> format, List<Finding> findings) {
        public Detection {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(format, "format");
            findings = List.copyOf(findings);
        }
    }

    /**
     * Detects the package root and format of the files a zip was unpacked into. Never throws for bad input.
     *
     * @param unpackDir the directory the zip was unpacked into
     * @param files every unpacked file, with paths relative to {@code unpackDir}
     */
    public static Detection detect(Path unpackDir, List<UnpackedFile> files) {
        Objects.requireNonNull(unpackDir, "unpackDir");
        List<String> paths = new ArrayList<>(files.size());
        for (UnpackedFile f : files) {
            paths.add(f.path());
        }
        String prefix = rootPrefix(paths);
        Map<String, UnpackedFile> byPath = new LinkedHashMap<>();
        for (UnpackedFile f : files) {
            byPath.put(f.path().substring(prefix.length()), f);
        }
        Path dir = prefix.isEmpty() ? unpackDir : unpackDir.resolve(prefix.substring(0, prefix.length() - 1));
        PackageRoot root = new PackageRoot(dir, prefix, byPath);
        if (byPath.containsKey("bagit.txt")) {
            return new Detection(root, Optional.of(PackageFormat.BAGIT), List.of());
        }
        if (byPath.containsKey("METS.xml")) {
            return new Detection(root, Optional.of(PackageFormat.TT05_SIP), List.of());
        }
        String where = prefix.isEmpty() ? "the zip's root" : "the folder '" + prefix + "'";
        return new Detection(
                root,
                Optional.empty(),
                List.of(Finding.error(
                        "PACKAGE_FORMAT_UNKNOWN",
                        "neither bagit.txt nor METS.xml was found in " + where + "; Kho accepts " + ACCEPTED_FORMATS)));
    }

    /**
     * The zip-entry prefix of the package root: {@code "name/"} when every path lies below one top-level folder
     * {@code name}, else {@code ""}. Directory entries (ending in {@code /}) count as inside their folder.
     */
    public static String rootPrefix(Collection<String> paths) {
        String first = null;
        for (String p : paths) {
            int slash = p.indexOf('/');
            if (slash <= 0) {
                return "";
            }
            String top = p.substring(0, slash + 1);
            if (first == null) {
                first = top;
            } else if (!first.equals(top)) {
                return "";
            }
        }
        return first == null ? "" : first;
    }
}
