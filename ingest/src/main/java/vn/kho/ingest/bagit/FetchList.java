package vn.kho.ingest.bagit;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.kho.repository.Finding;

/**
 * The payload paths a bag's {@code fetch.txt} says may be fetched (RFC 8493 §2.2.3). Kho never fetches a URL: it only
 * needs the paths, to tell a complete bag (every listed file present) from an incomplete one.
 */
final class FetchList {
    static final String FILE = "fetch.txt";

    private FetchList() {}

    /** The normalised paths of {@code fetch.txt}; malformed lines and paths outside {@code data/} are reported. */
    static Set<String> read(Path bagDir, BagDeclaration declaration, List<Finding> findings) {
        Set<String> paths = new LinkedHashSet<>();
        TagFiles.forEachLine(bagDir.resolve(FILE), FILE, declaration.encoding(), findings, (number, line) -> {
            if (line.isBlank()) {
                return;
            }
            String[] parts = line.strip().split("[ \t]+", 3);
            if (parts.length < 3) {
                findings.add(malformed(number, "expected 'URL LENGTH FILEPATH'"));
                return;
            }
            if (!parts[1].equals("-") && !parts[1].matches("[0-9]+")) {
                findings.add(malformed(number, "the length '" + parts[1] + "' is neither a number nor '-'"));
                return;
            }
            BagPaths.Result path = BagPaths.normalize(parts[2], declaration.percentEncodesPaths());
            if (!path.ok() && path.errorCode().equals("BAGIT_PATH_INVALID")) {
                findings.add(malformed(number, "'" + parts[2] + "' is refused: " + path.reason()));
                return;
            }
            if (!path.ok() || !path.path().startsWith("data/")) {
                findings.add(Finding.error(
                        "BAGIT_FETCH_PATH_OUTSIDE_PAYLOAD",
                        FILE + " line " + number + " names '" + parts[2] + "', which is not inside data/",
                        FILE));
                return;
            }
            paths.add(path.path());
        });
        return paths;
    }

    private static Finding malformed(int line, String why) {
        return Finding.error("BAGIT_FETCH_MALFORMED", FILE + " line " + line + ": " + why, FILE);
    }
}
