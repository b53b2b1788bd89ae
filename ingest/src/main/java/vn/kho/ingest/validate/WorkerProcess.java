package vn.kho.ingest.validate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child JVM running {@link ValidatorWorker}, used by one caller at a time. A reader thread turns the child's stdout
 * into replies on a queue, so that waiting for a reply can time out; another drains its stderr into the log and keeps
 * the last lines to explain a crash.
 */
final class WorkerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final int STDERR_LINES = 40;
    private static final int MAX_COMMAND_LINE_CLASSPATH = 32_000;

    /** A reply from the reader thread: ready, a result, or the child's end. */
    private record Reply(boolean ready, long id, ValidationResult result, Exception end) {}

    private final int number;
    private final ValidatorSettings settings;
    private final Process process;
    private final DataOutputStream stdin;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrThread;
    private final Path argFile;
    private boolean ready;
    private volatile boolean dead;

    WorkerProcess(int number, ValidatorSettings settings) throws IOException {
        this.number = number;
        this.settings = settings;
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.add("-Xmx" + settings.heapMb() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // HotSpot prints its own messages ("Terminating due to java.lang.OutOfMemoryError") on stdout, the protocol's
        command.add("-XX:+DisplayVMOutputToStderr");
        // one collector thread is enough for a few hundred MB, and the pool runs several children side by side
        command.add("-XX:+UseSerialGC");
        // broken PDFs nest deeply; the parsers recurse
        command.add("-Xss8m");
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(settings.extraJvmArgs());
        if (settings.classpath().length() > MAX_COMMAND_LINE_CLASSPATH) {
            // a command-line argument is limited to 128 KiB on Linux; java reads long ones from an @argfile
            argFile = Files.createTempFile("kho-validator-cp", ".args");
            String quoted = "\"" + settings.classpath().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Files.writeString(argFile, "-cp\n" + quoted + "\n", StandardCharsets.UTF_8);
            command.add("@" + argFile);
        } else {
            argFile = null;
            command.add("-cp");
            command.add(settings.classpath());
        }
        command.add(ValidatorWorker.class.getName());
        process = new ProcessBuilder(command).start();
        stdin = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 12));
        Thread reader = new Thread(this::readReplies, "kho-validator-" + number + "-out");
        reader.setDaemon(true);
        reader.start();
        stderrThread = new Thread(this::drainStderr, "kho-validator-" + number + "-err");
        stderrThread.setDaemon(true);
        stderrThread.start();
        LOG.debug("validator worker {} started, pid {}", number, process.pid());
    }

    boolean isDead() {
        return dead;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Validates one file in the child; a timeout or the child's death kills it and comes back as a result ({@link
     * ValidationStatus#TIMED_OUT}, {@link ValidationStatus#CRASHED}); after either this worker {@link #isDead()}.
     */
    ValidationResult run(WorkerProtocol.Request request) {
        try {
            if (!ready) {
                Reply r = replies.poll(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (r == null || !r.ready()) {
                    kill();
                    return crashed(request, r == null ? "did not start within " + settings.startTimeout() : null);
                }
                ready = true;
            }
            synchronized (stderrTail) {
                stderrTail.clear(); // from here on, what the child prints is about this file
            }
            try {
                WorkerProtocol.writeRequest(stdin, request);
            } catch (IOException e) {
                kill();
                return crashed(request, null);
            }
            Reply r = replies.poll(settings.perFileTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                LOG.warn(
                        "validator worker {}: {} took longer than {}; killing it",
                        number,
                        request.file(),
                        settings.perFileTimeout());
                kill();
                return ValidationResult.without(
                        request.module(),
                        ValidationStatus.TIMED_OUT,
                        "validation took longer than " + seconds(settings.perFileTimeout())
                                + "; the validator was stopped",
                        settings.perFileTimeout());
            }
            if (r.end() != null || r.id() != request.id()) {
                kill();
                return crashed(
                        request,
                        r.end() instanceof java.io.EOFException || r.end() == null
                                ? null
                                : r.end().getMessage());
            }
            return r.result();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return crashed(request, "interrupted");
        }
    }

    private ValidationResult crashed(WorkerProtocol.Request request, String why) {
        String message;
        Integer exit = exitCode();
        if (why == null && outOfMemory()) {
            message = "the validator ran out of memory (heap limit " + settings.heapMb() + " MB) on this file";
        } else if (why != null) {
            message = "the validator crashed on this file (" + why + ")";
        } else {
            message = "the validator crashed on this file (exit code " + exit + ")";
        }
        String tail = lastStderrLine();
        if (!outOfMemory() && tail != null) {
            message += "; last output: " + tail;
        }
        LOG.warn("validator worker {} ended on {}: {}", number, request.file(), message);
        return ValidationResult.without(request.module(), ValidationStatus.CRASHED, message, Duration.ZERO);
    }

    /** Waits a little for the child's exit and its last stderr lines, then gives its exit code (null if running). */
    private Integer exitCode() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                stderrThread.join(2000);
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private boolean outOfMemory() {
        synchronized (stderrTail) {
            return stderrTail.stream().anyMatch(l -> l.contains("OutOfMemoryError"));
        }
    }

    private String lastStderrLine() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? null : stderrTail.peekLast();
        }
    }

    private void readReplies() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
            WorkerProtocol.expect(in, WorkerProtocol.READY);
            replies.add(new Reply(true, 0, null, null));
            while (true) {
                long id = WorkerProtocol.readResultId(in);
                replies.add(new Reply(false, id, WorkerProtocol.readResultBody(in), null));
            }
        } catch (Exception e) {
            dead = true;
            replies.add(new Reply(false, -1, null, e));
        }
    }

    private void drainStderr() {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                LOG.debug("validator worker {}: {}", number, line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    /** Kills the child at once. */
    void kill() {
        dead = true;
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteArgFile();
    }

    /** Asks the child to stop (closes its stdin), and kills it if it has not within {@code grace}. */
    void stop(Duration grace) {
        dead = true;
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteArgFile();
    }

    /** For the shutdown hook: no waiting. */
    void destroyNow() {
        process.destroyForcibly();
    }

    private void deleteArgFile() {
        if (argFile != null) {
            try {
                Files.deleteIfExists(argFile);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
