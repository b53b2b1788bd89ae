package vn.kho.ingest.validate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ValidatorPool} runs its child JVMs. {@code workers} child JVMs (default {@code min(2, cores)}), each
 * with a heap of {@code heapMb} MB (default 384) and {@code -XX:+ExitOnOutOfMemoryError}; a file that takes longer
 * than {@code perFileTimeout} (default 60 s) gets its worker killed. {@code javaExecutable} defaults to the running
 * JVM's {@code bin/java}, {@code classpath} to this JVM's {@code java.class.path}; {@code extraJvmArgs} are added
 * before the main class (for example {@code -Dkho.validate.testHooks=true}, see {@link ValidatorWorker}).
 * {@code startTimeout} bounds a child's start and warm-up (default 60 s).
 */
public record ValidatorSettings(
        int workers,
        int heapMb,
        Duration perFileTimeout,
        Path javaExecutable,
        String classpath,
        List<String> extraJvmArgs,
        Duration startTimeout) {
    public ValidatorSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (heapMb < 64) {
            throw new IllegalArgumentException("heapMb must be at least 64: " + heapMb);
        }
        requirePositive(perFileTimeout, "perFileTimeout");
        requirePositive(startTimeout, "startTimeout");
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        extraJvmArgs = List.copyOf(extraJvmArgs);
    }

    public static ValidatorSettings defaults() {
        return new ValidatorSettings(
                Math.min(2, Runtime.getRuntime().availableProcessors()),
                384,
                Duration.ofSeconds(60),
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                List.of(),
                Duration.ofSeconds(60));
    }

    public ValidatorSettings withWorkers(int n) {
        return new ValidatorSettings(n, heapMb, perFileTimeout, javaExecutable, classpath, extraJvmArgs, startTimeout);
    }

    public ValidatorSettings withHeapMb(int mb) {
        return new ValidatorSettings(
                workers, mb, perFileTimeout, javaExecutable, classpath, extraJvmArgs, startTimeout);
    }

    public ValidatorSettings withPerFileTimeout(Duration timeout) {
        return new ValidatorSettings(workers, heapMb, timeout, javaExecutable, classpath, extraJvmArgs, startTimeout);
    }

    public ValidatorSettings withExtraJvmArgs(List<String> args) {
        return new ValidatorSettings(workers, heapMb, perFileTimeout, javaExecutable, classpath, args, startTimeout);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
