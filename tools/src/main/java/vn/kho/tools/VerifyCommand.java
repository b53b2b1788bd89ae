package vn.kho.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;
import vn.kho.storage.ocfl.OcflVerifier;

/**
 * {@code kho verify PATH}: checks an OCFL storage root, or one object root, offline and read-only, with
 * {@link OcflVerifier}. Prints one line per finding as it is made ({@code SEVERITY CODE path: message}) and a summary
 * line, or with {@code --json} one document {@code {"path", "storageRoot", "objects", "contentFixity", "accepted",
 * "findings": [...]}}. Exit 0: no error (warnings allowed); 1: an error; 2: the command was used wrongly.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Check an OCFL storage root (a folder with 0=ocfl_1.1), with every object under it, or one OCFL object"
                    + " root, offline: ocfl-java's OCFL 1.0/1.1 validator, Kho's checks of what it misses, the storage"
                    + " hierarchy and layout, and the digest of every content file.",
            "Exit 0 when there is no error (warnings allowed), 1 when there is one, 2 on a usage error."
        })
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A storage root or an object root.")
    Path path;

    @Option(names = "--no-fixity", description = "Do not read content files to check their digests.")
    boolean noFixity;

    @Option(names = "--json", description = "Print the findings as one JSON document (held in memory until the end).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(path)) {
            spec.commandLine().getErr().println("kho verify: no such directory: " + path);
            return 2;
        }
        OcflVerifier verifier = new OcflVerifier(!noFixity);
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        List<Finding> kept = new ArrayList<>();
        OcflVerifier.Summary summary = verifier.verify(path, f -> {
            counts.merge(f.severity(), 1L, Long::sum);
            if (json) {
                kept.add(f);
            } else {
                FindingReport.text(out, List.of(f));
                out.flush();
            }
        });
        if (json) {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("path", path.toString());
            head.put("storageRoot", summary.storageRoot());
            head.put("objects", summary.objects());
            head.put("contentFixity", !noFixity);
            FindingReport.json(out, head, kept);
        } else {
            out.println(summaryLine(summary, counts));
        }
        out.flush();
        return counts.getOrDefault(Severity.ERROR, 0L) > 0 ? 1 : 0;
    }

    /** "data/replicas/a: OCFL storage root, 12 objects checked (content fixity included): INVALID, 1 error, ..." */
    private String summaryLine(OcflVerifier.Summary summary, Map<Severity, Long> counts) {
        long errors = counts.getOrDefault(Severity.ERROR, 0L);
        long objects = summary.objects();
        return path + ": " + (summary.storageRoot() ? "OCFL storage root, " : "OCFL object root, ")
                + objects + (objects == 1 ? " object" : " objects") + " checked"
                + (noFixity ? " (content fixity not checked)" : " (content fixity included)") + ": "
                + (errors > 0 ? "INVALID, " : "VALID, ")
                + count(errors, "error") + ", " + count(counts.getOrDefault(Severity.WARNING, 0L), "warning") + ", "
                + count(counts.getOrDefault(Severity.INFO, 0L), "info");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
