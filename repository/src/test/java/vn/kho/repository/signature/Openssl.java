package vn.kho.repository.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's {@code openssl} command, for tests that show Kho and openssl verify each other's CMS signatures. It
 * must be on the PATH (CI installs it): a test that needs it fails rather than skips without it.
 */
public final class Openssl {
    /** One run: its exit code, and the command line with everything it printed. */
    public record Run(int exit, String output) {}

    private Openssl() {}

    /** Runs {@code openssl args…} in {@code dir} (relative paths are resolved there); at most a minute. */
    public static Run run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(dir, "openssl", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish in a minute: " + command);
            }
            return new Run(process.exitValue(), String.join(" ", command) + ": " + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code openssl cms -sign -binary -md sha256}: a detached signature of {@code content} by the certificate and
     * key in {@code signerPem} and {@code keyPem}, with the issuers in {@code certfile}, written to {@code out} as
     * {@code outform} (DER or PEM); {@code extra} options come before the files (for example {@code -noattr}).
     */
    public static Run signDetached(
            Path dir,
            Path content,
            Path signerPem,
            Path keyPem,
            Path certfile,
            Path out,
            String outform,
            String... extra) {
        List<String> args = new ArrayList<>(List.of("cms", "-sign", "-binary"));
        args.addAll(List.of(extra));
        args.addAll(List.of(
                "-outform",
                outform,
                "-md",
                "sha256",
                "-signer",
                signerPem.toString(),
                "-inkey",
                keyPem.toString(),
                "-certfile",
                certfile.toString(),
                "-in",
                content.toString(),
                "-out",
                out.toString()));
        return run(dir, args.toArray(String[]::new));
    }

    /**
     * {@code openssl cms -verify -binary -inform DER}: whether {@code signature} (DER) verifies over {@code content}
     * with {@code caFile} as the only trust anchor, as the README tells anyone to check Kho's receipts.
     */
    public static Run verifyDetached(Path dir, Path content, Path signature, Path caFile) {
        return run(
                dir,
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-content",
                content.toString(),
                "-in",
                signature.toString(),
                "-CAfile",
                caFile.toString(),
                "-out",
                "/dev/null");
    }
}
