package vn.kho.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import vn.kho.api.Kho;
import vn.kho.storage.ocfl.DurableFiles;

/** What every {@code kho bench} run shares: a fresh work directory, a header naming the machine, the clean-up. */
final class BenchRun {
    /** One data set of a benchmark, measured on its own. */
    interface DataSet {
        void run(String name, int files, int size) throws Exception;
    }

    private BenchRun() {}

    /**
     * Empties {@code dir}, prints the header ({@code kho bench <what> — Kho x, n cores, max heap} and {@code extra}),
     * runs the large and the many-small data sets, and removes {@code dir} unless {@code keep}.
     */
    static int run(Path dir, boolean keep, String what, String extra, DataSet body, int[] large, int[] small)
            throws Exception {
        return once(dir, keep, what, extra, () -> {
            body.run("large", large[0], large[1]);
            body.run("many-small", small[0], small[1]);
        });
    }

    /** A benchmark measured in one piece. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Empties {@code dir}, prints the header ({@code kho bench <what> — Kho x, n cores, max heap} and {@code extra}),
     * runs {@code body}, and removes {@code dir} unless {@code keep}.
     */
    static int once(Path dir, boolean keep, String what, String extra, Body body) throws Exception {
        DurableFiles.deleteTree(dir);
        Files.createDirectories(dir);
        System.out.printf(
                "kho bench %s — %s, %d cores, max heap %d MB%s%n",
                what,
                Kho.AGENT,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                extra);
        try {
            body.run();
        } finally {
            if (!keep) {
                DurableFiles.deleteTree(dir);
            }
        }
        return 0;
    }
}
