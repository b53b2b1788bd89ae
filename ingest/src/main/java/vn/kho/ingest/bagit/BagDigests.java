package vn.kho.ingest.bagit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.kho.ingest.PackageDetector;

/**
 * The digest algorithms a bag needs. The unzipper hashes every file while unpacking and asks
 * {@link #algorithmsFor(List)} which algorithms besides sha256 to compute, so that {@link BagReader} never has to read
 * payload content again.
 */
public final class BagDigests {
    /** The algorithms RFC 8493 names, by their BagIt names, with their hex digest lengths. */
    static final Map<String, Integer> HEX_LENGTHS =
            Map.of("md5", 32, "sha1", 40, "sha224", 56, "sha256", 64, "sha384", 96, "sha512", 128);

    /** Every algorithm name Kho can verify. */
    public static final Set<String> SUPPORTED = Set.copyOf(HEX_LENGTHS.keySet());

    static final Pattern MANIFEST_NAME = Pattern.compile("(tag)?manifest-([A-Za-z0-9]+)\\.txt");

    private BagDigests() {}

    /**
     * The algorithms of every {@code manifest-*.txt} and {@code tagmanifest-*.txt} at the bag root, which is the zip
     * root (depth 0) or, when every entry lies in one top-level folder, that folder (depth 1). Unknown algorithms are
     * left out (the reader reports them). Never null; empty when the entries are not a bag.
     *
     * @param entryNames the zip's entry names (directory entries may be included)
     */
    public static Set<String> algorithmsFor(List<String> entryNames) {
        String prefix = PackageDetector.rootPrefix(entryNames);
        Set<String> algorithms = new TreeSet<>();
        for (String name : entryNames) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            String rest = name.substring(prefix.length());
            if (rest.indexOf('/') >= 0) {
                continue;
            }
            algorithmOf(rest).filter(SUPPORTED::contains).ifPresent(algorithms::add);
        }
        return algorithms;
    }

    /** The (lower-cased) algorithm of a manifest or tag manifest file name, empty when the name is neither. */
    static Optional<String> algorithmOf(String fileName) {
        Matcher m = MANIFEST_NAME.matcher(fileName);
        return m.matches() ? Optional.of(m.group(2).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static boolean isTagManifest(String fileName) {
        return fileName.startsWith("tagmanifest-");
    }
}
