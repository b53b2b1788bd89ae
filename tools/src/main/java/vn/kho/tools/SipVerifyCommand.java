package vn.kho.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;

/**
 * {@code kho sip verify FILE.zip}: runs Kho's own checks on a package, offline, and says whether the server would
 * accept it. Exit 0: accepted; 1: rejected; 2: the command was used wrongly.
 */
@Command(
        name = "verify",
        description = {
            "Check a package offline exactly as Kho's ingest does: safe unzip, package detection, E-ARK CSIP, the TT05"
                    + " rules, format identification, JHOVE and veraPDF, the checks policy.",
            "Exit 0 when Kho would accept it, 1 when it would reject it, 2 on a usage error."
        })
final class SipVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The package.")
    Path zip;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Mixin
    CheckOptions options = new CheckOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(zip)) {
            spec.commandLine().getErr().println("kho sip verify: no such file: " + zip);
            return 2;
        }
        List<Finding> findings = PackageVerification.check(options, zip);
        if (json) {
            FindingReport.json(out, Map.of("file", zip.toString()), findings);
        } else {
            FindingReport.text(out, findings);
            out.println(verdict(zip, findings));
        }
        out.flush();
        return Findings.hasErrors(findings) ? 1 : 0;
    }

    /** The last line a person reads. */
    static String verdict(Path zip, List<Finding> findings) {
        return Findings.hasErrors(findings)
                ? zip + ": REJECTED, Kho would refuse this package (" + FindingReport.counts(findings) + ")"
                : zip + ": ACCEPTED, Kho would take this package (" + FindingReport.counts(findings) + ")";
    }
}
