package vn.kho.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kho sip ...}: the producer's side of a transfer: make a TT05 SIP, and check one as Kho would. */
@Command(
        name = "sip",
        description = "Build a TT05 submission package (SIP), or check one offline as Kho's ingest would.",
        subcommands = {SipBuildCommand.class, SipVerifyCommand.class})
final class SipCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kho sip: name a subcommand, 'kho sip build' or 'kho sip verify'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
