package vn.kho.tools;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
import vn.kho.ingest.signature.SignatureChecker;
import vn.kho.ingest.sip.DocumentFolder;
import vn.kho.ingest.sip.SipLayout;
import vn.kho.ingest.sip.SipMetadataFile;
import vn.kho.ingest.sip.SipSource;
import vn.kho.ingest.sip.Tt05SipAssembler;
import vn.kho.ingest.sip.Tt05SipSpec;
import vn.kho.ingest.sip.Tt05SipWriter;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.signature.ArchiveSigner;

/**
 * {@code kho sip build DIR --metadata FILE [--sign KEY.p12]}: makes a TT05 SIP zip of every file below DIR, described
 * by a JSON or CSV metadata file ({@link SipMetadataFile} documents both shapes), signs its root METS when asked, then
 * checks it as {@code kho sip verify} does. The
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

    @Option(
            names = "--sign",
            paramLabel = "KEY.p12",
            description =
                    "Sign the root METS.xml with the key in this PKCS#12 file: a detached CMS signature written as"
                            + " METS.xml.p7s beside it. The password is read from KHO_SIGN_PASSWORD, else asked for.")
    Path signKey;

    @Option(
            names = "--sign-password",
            interactive = true,
            arity = "0..1",
            paramLabel = "PASSWORD",
            description = "Ask for the key's password, which otherwise comes from KHO_SIGN_PASSWORD, or is asked for"
                    + " when that is not set and there is a terminal.")
    char[] signPassword;

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

        ArchiveSigner signer = null;
        if (signKey != null) {
            char[] password = password();
            if (password == null) {
                err.println("kho sip build: --sign needs the key's password: set KHO_SIGN_PASSWORD, or run it in a"
                        + " terminal with --sign-password to be asked");
                return 2;
            }
            try {
                // Opened before anything is read or written, so that a wrong password costs nothing.
                signer = ArchiveSigner.open(signKey, password);
            } finally {
                Arrays.fill(password, '\0');
            }
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

        SipLayout layout = Tt05SipWriter.layout(sip);
        if (signer != null) {
            layout = sign(layout, signer);
        }
        write(layout, target);
        if (!json) {
            stdout.println("wrote " + target + ": " + sip.objid() + ", "
                    + sip.documents().size() + " document" + (sip.documents().size() == 1 ? "" : "s")
                    + (signer == null ? "" : ", METS.xml signed"));
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

    /** The root METS.xml signed: a detached CMS SignedData (DER) of its bytes, as METS.xml.p7s beside it. */
    static SipLayout sign(SipLayout layout, ArchiveSigner signer) {
        byte[] signature;
        try (InputStream mets = layout.files().get(Tt05SipWriter.ROOT_METS).open()) {
            signature = signer.signDetached(mets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout.withFile(SignatureChecker.METS_SIGNATURE, SipSource.of(signature));
    }

    /**
     * The password given or typed for --sign-password, else KHO_SIGN_PASSWORD (a flag beats the environment, as
     * everywhere in Kho), else one asked for on the terminal; null when there is none of these.
     */
    private char[] password() {
        if (signPassword != null) {
            return signPassword.clone();
        }
        String env = System.getenv("KHO_SIGN_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        return console == null ? null : console.readPassword("Password of %s: ", signKey);
    }

    private String usageProblem(Path folder, Path target) {
        if (signKey != null && !Files.isRegularFile(signKey)) {
            return "no such key file: " + signKey;
        }
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
