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
        subcommands = {ServeCommand.class, IndexCommand.class, BenchCommand.class})
public final class KhoCommand {
    public static void main(String[] args) {
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
