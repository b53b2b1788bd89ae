package vn.kho.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code kho} command in this JVM, as a person would type it: its exit code and what it printed. */
record KhoRun(int exit, String out, String err) {
    static KhoRun kho(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KhoCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new KhoRun(exit, out.toString(), err.toString());
    }
}
