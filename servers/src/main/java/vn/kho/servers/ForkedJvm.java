package vn.kho.servers;

import java.nio.file.Path;
import java.util.List;

/**
 * How a server's JVM is tuned: for tests, which start many short-lived servers, or for a benchmark, which measures
 * one server's throughput.
 */
public enum ForkedJvm {
    /** Starts fast and stays small: the serial collector and the C1 compiler only. */
    QUICK_START(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
    /** The JVM's defaults (G1, both JIT compilers), what a server in production would run with. */
    THROUGHPUT(List.of());

    private final List<String> options;

    ForkedJvm(List<String> options) {
        this.options = options;
    }

    /** The {@code java} of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM options of this tuning, to go before the heap size and the rest. */
    public List<String> options() {
        return options;
    }
}
