package vn.kho.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.kho.repository.KhoException;

/** {@code kho}: the command people run. */
@Command(
        name = "kho",
        mixinStandardHelpOptions = true,
        versionProvider = KhoCommand.VersionProvider.class,
        description = "Kho digital preservation repository.",
        subcommands = {
            ServeCommand.class,
            IndexCommand.class,
            BenchCommand.class,
            SipCommand.class,
            VerifyCommand.class,
            AuditCommand.class
        })
public final class KhoCommand {
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("sip") || args[0].equals("verify"))) {
            // An agency reads what kho sip prints; the checker's progress lines are for an archive's operators.
            // kho verify's findings say all there is: ocfl-java logs a stack trace for each missing file it reports.
            // Set before the first logger exists, which is when slf4j-simple reads its level.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KhoCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof KhoException k) {
                cmd.getErr().println("kho: " + k.getMessage() + " [" + k.code() + "]");
                return 2;
            }
            throw e;
        });
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {vn.kho.api.Kho.AGENT};
        }
    }
}
