package vn.kho.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.kho.api.Version;
import vn.kho.ingest.sip.DocumentFolder;
import vn.kho.ingest.sip.SipLayout;
import vn.kho.ingest.sip.SipMetadataFile;
import vn.kho.ingest.sip.Tt05SipAssembler;
import vn.kho.ingest.sip.Tt05SipSpec;
import vn.kho.ingest.sip.Tt05SipWriter;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;

/**
 * {@code kho sip build DIR --metadata FILE}: makes a TT05 SIP zip of every file below DIR, described by a JSON or CSV
 * metadata file ({@link SipMetadataFile} documents both shapes), then checks it as {@code kho sip verify} does. The
 * zip is written to a temporary file beside the output and moved into place only when complete; when the metadata or
 * the folder has a problem nothing is written. Exit 0: written and Kho would accept it; 1: nothing written, or written
 * but Kho would reject it; 2: the command was used wrongly.
 */
@Command(
        name = "build",
        description = {
            "Make a TT05 SIP zip from a folder of documents and a metadata file (JSON or CSV with the TT05 field"
                    + " names), then check it as 'kho sip verify' does.",
            "Exit 0 when written and Kho would accept it, 1 when nothing could be written or Kho would reject it, 2 on a"
                    + " usage error."
        })
final class SipBuildCommand implements Callable<Integer> {
    /** TT05 dates packages in Vietnam's time. */
    static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The documents: every file below it becomes one.")
    Path dir;

    @Option(
            names = "--metadata",
            required = true,
            paramLabel = "FILE",
            description = "The hồ sơ and document metadata, FILE.json or FILE.csv (see the README).")
    Path metadata;

    @Option(
            names = "--out",
            paramLabel = "FILE.zip",
            description = "Where to write the package (default: DIR's name + .zip in the current folder).")
    Path out;

    @Option(names = "--no-verify", description = "Do not check the package after writing it.")
    boolean noVerify;

    @Option(names = "--json", description = "Print the problems or findings as JSON.")
    boolean json;

    @Mixin
    CheckOptions options = new CheckOptions();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = dir.toAbsolutePath().normalize();
        String name =
                folder.getFileName() == null ? "sip" : folder.getFileName().toString();
        Path target =
                (out != null ? out : Path.of(name + ".zip")).toAbsolutePath().normalize();
        String usage = usageProblem(folder, target);
        if (usage != null) {
            err.println("kho sip build: " + usage);
            return 2;
        }

        List<Finding> problems = new ArrayList<>();
        SipMetadataFile.Read read = SipMetadataFile.read(metadata);
        problems.addAll(read.problems());
        Tt05SipSpec sip = null;
        if (read.metadata() != null) {
            Tt05SipAssembler.Assembly assembly = Tt05SipAssembler.assemble(
                    read.metadata(),
                    DocumentFolder.scan(folder),
                    OffsetDateTime.now(VIETNAM),
                    new Tt05SipSpec.Agent("Kho", Version.get()));
            problems.addAll(assembly.problems());
            sip = assembly.spec().orElse(null);
        }
        if (sip == null) {
            report(stdout, null, null, problems);
            err.println("kho sip build: nothing written; correct the metadata or the folder (" + problems.size()
                    + " problem" + (problems.size() == 1 ? "" : "s") + ")");
            return 1;
        }

        write(Tt05SipWriter.layout(sip), target);
        if (!json) {
            stdout.println("wrote " + target + ": " + sip.objid() + ", "
                    + sip.documents().size() + " document" + (sip.documents().size() == 1 ? "" : "s"));
        }
        if (noVerify) {
            if (json) {
                report(stdout, target, sip.objid(), List.of());
            }
            stdout.flush();
            return 0;
        }
        List<Finding> findings = PackageVerification.check(options, target);
        report(stdout, target, sip.objid(), findings);
        stdout.flush();
        return Findings.hasErrors(findings) ? 1 : 0;
    }

    private String usageProblem(Path folder, Path target) {
        if (!Files.isDirectory(folder)) {
            return "no such folder: " + dir;
        }
        if (!Files.isRegularFile(metadata)) {
            return "no such metadata file: " + metadata;
        }
        if (target.startsWith(folder)) {
            return "the package " + target + " would be inside the documents folder; write it elsewhere (--out)";
        }
        if (Files.isDirectory(target)) {
            return target + " is a folder; --out names the zip file";
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            return "no such folder for the package: " + target.getParent();
        }
        if (metadata.toAbsolutePath().normalize().startsWith(folder)) {
            return "the metadata file is inside the documents folder, so it would become a document; move it out";
        }
        return null;
    }

    /** Writes the zip beside {@code target} and moves it into place, so a failure leaves no half-written package. */
    private static void write(SipLayout layout, Path target) {
        Path part = null;
        try {
            part = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".part");
            layout.writeZip(part);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // the move took it, or the failure above is the one to report
                }
            }
        }
    }

    private void report(PrintWriter stdout, Path written, String objid, List<Finding> findings) {
        if (json) {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("file", written == null ? null : written.toString());
            head.put("objid", objid);
            head.put("verified", written != null && !noVerify);
            FindingReport.json(stdout, head, findings);
        } else {
            FindingReport.text(stdout, findings);
            if (written != null) {
                stdout.println(SipVerifyCommand.verdict(written, findings));
            }
        }
    }
}
