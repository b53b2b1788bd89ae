package vn.kho.ingest.validate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child JVM's main class: warms up JHOVE (all modules) and veraPDF once, answers {@link WorkerProtocol#READY}, then
 * validates one file per request until its stdin closes. Its stdout carries only the protocol; anything a library
 * prints goes to stderr, which the pool drains. Started by {@link ValidatorPool}; not meant to be run by hand.
 *
 * <p>Network access is cut off: JAXP may fetch only {@code file:} and {@code jar:} URLs, and every other URL
 * connection is sent to a proxy on a closed local port. The worker exits when its parent process dies.
 *
 * <p>Test hooks, only with {@code -Dkho.validate.testHooks=true} (a {@link ValidatorSettings#extraJvmArgs} entry): a
 * file whose name ends in {@code .kho-test-hang} makes the worker sleep forever, {@code .kho-test-oom} makes it
 * allocate until it runs out of memory, {@code .kho-test-crash} makes it halt with exit code 70.
 */
public final class ValidatorWorker {
    static final String TEST_HOOKS = "kho.validate.testHooks";

    private ValidatorWorker() {}

    public static void main(String[] args) throws Exception {
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in =
                new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        watchParent();
        cutNetwork();
        boolean testHooks = Boolean.getBoolean(TEST_HOOKS);

        JhoveRunner jhove = new JhoveRunner();
        VeraPdfRunner vera = new VeraPdfRunner();
        warmUp(jhove, vera);
        out.writeInt(WorkerProtocol.READY);
        out.flush();

        while (true) {
            WorkerProtocol.Request request;
            try {
                request = WorkerProtocol.readRequest(in);
            } catch (EOFException parentClosed) {
                System.exit(0);
                return;
            }
            Path file = Path.of(request.file());
            if (testHooks) {
                testHook(file);
            }
            long start = System.nanoTime();
            ValidationResult r =
                    jhove.validate(file, request.module(), request.report() == null ? null : Path.of(request.report()));
            if (request.pdfa()) {
                PdfaResult pdfa = vera.check(file);
                r = new ValidationResult(
                        r.module(),
                        r.status(),
                        r.format(),
                        r.version(),
                        r.profiles(),
                        r.messages(),
                        pdfa,
                        r.reportWritten(),
                        r.elapsed());
            }
            WorkerProtocol.writeResult(out, request.id(), r.withElapsed(Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /**
     * Runs JHOVE and veraPDF once on a tiny PDF, so that their class loading and first-use set-up (veraPDF parses its
     * validation profiles on first use) count against the start-up time, not against the first real file's limit.
     */
    private static void warmUp(JhoveRunner jhove, VeraPdfRunner vera) {
        Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("kho-validator-warmup", ".pdf");
            java.nio.file.Files.write(tmp, tinyPdf());
            jhove.validate(tmp, "PDF-hul", null);
            vera.check(tmp);
            vera.warmUp(tmp);
        } catch (Exception e) {
            System.err.println("kho-validator: warm-up failed: " + JhoveRunner.describe(e));
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }

    /** A one-page PDF 1.4 with a correct cross-reference table. */
    static byte[] tinyPdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            "<< /Length 18 >>\nstream\n0 0 m 100 100 l S\nendstream"
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void testHook(Path file) throws InterruptedException {
        String name = file.getFileName().toString();
        if (name.endsWith(".kho-test-hang")) {
            Thread.sleep(Long.MAX_VALUE);
        } else if (name.endsWith(".kho-test-oom")) {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        } else if (name.endsWith(".kho-test-crash")) {
            Runtime.getRuntime().halt(70);
        }
    }

    /** An orphaned worker (its parent killed with SIGKILL) stops on its own, even in the middle of a file. */
    private static void watchParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        Thread t = new Thread(
                () -> {
                    while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    Runtime.getRuntime().halt(0);
                },
                "kho-validator-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void cutNetwork() {
        System.setProperty("javax.xml.accessExternalDTD", "file,jar");
        System.setProperty("javax.xml.accessExternalSchema", "file,jar");
        System.setProperty("javax.xml.accessExternalStylesheet", "file,jar");
        Proxy nowhere = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 9));
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(nowhere);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to do: failing is the point
            }
        });
    }
}
