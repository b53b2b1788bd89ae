package vn.kho.ingest.validate;

import edu.harvard.hul.ois.jhove.App;
import edu.harvard.hul.ois.jhove.ErrorMessage;
import edu.harvard.hul.ois.jhove.InfoMessage;
import edu.harvard.hul.ois.jhove.JhoveBase;
import edu.harvard.hul.ois.jhove.Message;
import edu.harvard.hul.ois.jhove.Module;
import edu.harvard.hul.ois.jhove.RepInfo;
import edu.harvard.hul.ois.jhove.handler.XmlHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JHOVE in this JVM: one {@link JhoveBase} and one instance of each module, initialised once and reused for every file
 * (as JHOVE's own command line does for a directory). Runs inside a {@link ValidatorWorker}, never in the repository's
 * JVM: {@code new JhoveBase()} replaces the JVM's default HTTPS host name verifier.
 */
final class JhoveRunner {
    /** More messages than this from one file are summarised in one last message, to bound the reply. */
    static final int MAX_MESSAGES = 500;

    private final JhoveBase base;
    private final App app;
    private final Map<String, Module> modules = new HashMap<>();

    JhoveRunner() throws Exception {
        base = new JhoveBase();
        base.setChecksumFlag(false);
        base.setSignatureFlag(false);
        base.setShowRawFlag(false);
        base.setEncoding("UTF-8");
        app = App.newAppWithName("Jhove");
        for (Map.Entry<String, String> e : JhoveModules.CLASSES.entrySet()) {
            Module m = (Module)
                    Class.forName(e.getValue()).getDeclaredConstructor().newInstance();
            m.setBase(base);
            m.setApp(app);
            m.init("");
            m.setDefaultParams(List.of());
            modules.put(e.getKey(), m);
        }
    }

    /** Validates {@code file} with {@code moduleName}; writes the {@code <repInfo>} element to {@code report}. */
    ValidationResult validate(Path file, String moduleName, Path report) {
        long start = System.nanoTime();
        Module module = modules.get(moduleName);
        if (module == null) {
            return ValidationResult.without(
                    null, ValidationStatus.NOT_VALIDATED, "no JHOVE module named " + moduleName, Duration.ZERO);
        }
        RepInfo info = new RepInfo(file.toString());
        List<JhoveMessage> extra = new ArrayList<>();
        try {
            info.setSize(Files.size(file));
            info.setLastModified(new Date(Files.getLastModifiedTime(file).toMillis()));
            base.processFile(app, module, false, file.toFile(), info);
        } catch (Exception | StackOverflowError e) {
            // What JHOVE's own dispatcher does with a module that throws (JHOVE-CORE-5), with the cause kept.
            info.setWellFormed(RepInfo.FALSE);
            extra.add(new JhoveMessage(
                    "error", null, "the " + moduleName + " module failed on the file: " + describe(e), null));
        }
        boolean written = report != null && writeReport(info, report);
        List<JhoveMessage> messages = new ArrayList<>();
        for (Message m : info.getMessage()) {
            if (messages.size() == MAX_MESSAGES) {
                messages.add(new JhoveMessage(
                        "info",
                        null,
                        (info.getMessage().size() - MAX_MESSAGES) + " more messages, in the JHOVE report only",
                        null));
                break;
            }
            messages.add(convert(m));
        }
        messages.addAll(extra);
        return new ValidationResult(
                moduleName,
                status(info),
                info.getFormat(),
                info.getVersion(),
                info.getProfile() == null ? List.of() : info.getProfile(),
                messages,
                null,
                written,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static ValidationStatus status(RepInfo info) {
        if (info.getWellFormed() != RepInfo.TRUE) {
            return ValidationStatus.NOT_WELL_FORMED;
        }
        return info.getValid() == RepInfo.TRUE ? ValidationStatus.VALID : ValidationStatus.WELL_FORMED;
    }

    private static JhoveMessage convert(Message m) {
        String severity = m instanceof ErrorMessage ? "error" : m instanceof InfoMessage ? "info" : "warning";
        String text = m.getMessage() == null ? "" : m.getMessage().strip();
        String sub = m.getSubMessage();
        if (sub != null && !sub.isBlank()) {
            text = text.isEmpty() ? sub.strip() : text + ": " + sub.strip();
        }
        String id = m.getId() == null || m.getId().isBlank() ? null : m.getId();
        String offset = m.getOffset() == Message.NULL ? null : Long.toString(m.getOffset());
        return new JhoveMessage(severity, id, text, offset);
    }

    /** JHOVE's XmlHandler output for this one file: the {@code <repInfo>} element alone, UTF-8, no declaration. */
    private boolean writeReport(RepInfo info, Path report) {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8))) {
            XmlHandler handler = new XmlHandler();
            handler.setApp(app);
            handler.setBase(base);
            handler.setEncoding("UTF-8");
            handler.setWriter(out);
            handler.show(info);
            out.flush();
            if (out.checkError()) {
                throw new IOException("could not write " + report);
            }
            return true;
        } catch (Exception | StackOverflowError e) {
            try {
                Files.deleteIfExists(report);
            } catch (IOException ignored) {
                // the caller sees reportWritten=false and does not use the file
            }
            System.err.println("kho-validator: JHOVE report for " + info.getUri() + " not written: " + describe(e));
            return false;
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m;
    }
}
