package vn.kho.tools;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kho.api.Kho;
import vn.kho.api.config.ConfigLoader;
import vn.kho.preservation.fixity.FixityCheck;
import vn.kho.preservation.fixity.PackageCheck;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.rocksdb.RocksPackageIndex;

/**
 * {@code kho bench audit}: fixity-audit throughput on the same files, in one run: Kho's copy check ({@link
 * FixityCheck}: every copy on both replicas read once and compared with the index and the OCFL inventory), packages
 * audited {@code --parallel} at a time as the audit runner does; {@code openssl dgst -sha256} over the content of one
 * replica with one process per core; and bagit-java verifying the same content as a bag. Two data sets: large files
 * and many small files, each split into {@code --packages} packages ingested over HTTP into a fresh Kho. Every reader
 * finds the files in the page cache (they were just written), so this compares hashing pipelines, not disks.
 */
@Command(name = "audit", description = "Fixity audit throughput against openssl and bagit-java on the same files.")
final class AuditBench implements Callable<Integer> {
    @Option(names = "--dir", description = "Work directory (default ./bench-audit; deleted afterwards unless --keep).")
    Path dir = Path.of("bench-audit");

    @Option(names = "--large-files", description = "Large files in all (default ${DEFAULT-VALUE}).")
    int largeFiles = 2048;

    @Option(names = "--large-size", description = "Bytes per large file (default ${DEFAULT-VALUE}).")
    int largeSize = 1 << 20;

    @Option(names = "--small-files", description = "Small files in all (default ${DEFAULT-VALUE}).")
    int smallFiles = 20_000;

    @Option(names = "--small-size", description = "Bytes per small file (default ${DEFAULT-VALUE}).")
    int smallSize = 20 * 1024;

    @Option(names = "--packages", description = "Packages each data set is split into (default ${DEFAULT-VALUE}).")
    int packages = 8;

    @Option(names = "--parallel", description = "Packages audited at once, and openssl processes (default: cores).")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Option(names = "--keep", description = "Keep the work directory.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        return BenchRun.run(
                dir,
                keep,
                "audit",
                ", " + parallel + " packages audited at once",
                this::run,
                new int[] {largeFiles, largeSize},
                new int[] {smallFiles, smallSize});
    }

    private void run(String name, int files, int size) throws Exception {
        if (files <= 0) {
            return;
        }
        Path work = dir.resolve(name);
        Path data = work.resolve("data");
        long bytes = (long) files * size;
        System.out.printf(
                "%n[%s] %d files x %d bytes = %.1f MB in %d packages: generating and ingesting...%n",
                name, files, size, bytes / 1e6, packages);
        Files.createDirectories(work);
        List<Path> zips = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            int n = files / packages + (p < files % packages ? 1 : 0);
            Path zip = work.resolve(name + "-" + p + ".zip");
            IngestBench.generate(null, zip, n, size, name + " " + p);
            zips.add(zip);
        }
        ingest(zips, data, size);

        Figures kho = audit(data);
        Figures openssl = openssl(data.resolve("replicas/a"));
        Path bags = unzip(zips, work.resolve("bags"));
        Figures bagit = bagit(bags);

        String row = "[%s] %-52s %7.2f s %8.1f MB/s %9.0f files/s%n";
        System.out.printf(
                row,
                name,
                "kho audit: every copy on 2 replicas (rates per copy)",
                kho.seconds,
                kho.mbPerSecond(),
                kho.filesPerSecond());
        System.out.printf(
                row,
                name,
                "openssl dgst -sha256, " + parallel + " processes, one replica",
                openssl.seconds,
                openssl.mbPerSecond(),
                openssl.filesPerSecond());
        System.out.printf(
                row,
                name,
                "bagit-java BagVerifier.isValid, the same content",
                bagit.seconds,
                bagit.mbPerSecond(),
                bagit.filesPerSecond());
        System.out.printf(
                "[%s] kho / openssl: %.2fx by bytes hashed (target >= 0.8x for large files); kho / bagit-java: %.2fx"
                        + " by files hashed (target >= 3x for small files); heap in use after the audit and a GC: %d MB%n",
                name,
                kho.mbPerSecond() / openssl.mbPerSecond(),
                kho.filesPerSecond() / bagit.filesPerSecond(),
                kho.heapMb);
    }

    private static void ingest(List<Path> zips, Path data, int size) throws Exception {
        Kho kho = Kho.start(new ConfigLoader()
                .set("data", data.toString())
                .set("server.port", "0")
                .load());
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + kho.port());
            for (Path zip : zips) {
                IngestBench.ingestOnce(http, base, zip, 0, 0);
            }
        } finally {
            kho.close();
        }
    }

    /** Every package's copies on both replicas, {@link #parallel} packages at a time; a warm-up pass first. */
    private Figures audit(Path data) throws Exception {
        try (RocksPackageIndex index = new RocksPackageIndex(data.resolve("index"));
                FilesystemReplica a = new FilesystemReplica("a", data.resolve("replicas/a"));
                FilesystemReplica b = new FilesystemReplica("b", data.resolve("replicas/b"))) {
            List<Replica> replicas = List.of(a, b);
            List<PackageId> ids = index.list(null, Integer.MAX_VALUE).stream()
                    .map(IndexedPackage::description)
                    .map(d -> d.id())
                    .toList();
            FixityCheck check = new FixityCheck(replicas, index, Clock.systemUTC());
            auditAll(check, ids.subList(0, 1)); // warm-up: class loading and the JIT
            System.gc();
            long start = System.nanoTime();
            long[] totals = auditAll(check, ids);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc(); // what the audit keeps, not what it left for the collector
            Runtime rt = Runtime.getRuntime();
            return new Figures(seconds, totals[0], (int) totals[1], (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private long[] auditAll(FixityCheck check, List<PackageId> ids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<PackageCheck>> runs = new ArrayList<>();
            for (PackageId id : ids) {
                runs.add(pool.submit(() -> check.check(id)));
            }
            long bytes = 0;
            long files = 0;
            for (Future<PackageCheck> run : runs) {
                PackageCheck result = run.get();
                if (!result.allOk()) {
                    throw new IllegalStateException("the audit found bad copies: " + result.bad());
                }
                bytes += result.bytesRead();
                // copies read: one per stored file per replica (logical paths sharing content are one read)
                files += result.results().stream()
                        .map(r -> r.replicaId() + "/" + r.objectPath())
                        .distinct()
                        .count();
            }
            return new long[] {bytes, files};
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code openssl dgst -sha256} over every content file of one replica, {@link #parallel} processes at once. */
    private Figures openssl(Path replica) throws Exception {
        List<Path> content;
        try (Stream<Path> s = Files.walk(replica)) {
            content = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/content/"))
                    .toList();
        }
        long bytes = 0;
        for (Path p : content) {
            bytes += Files.size(p);
        }
        int batch = 500;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < content.size(); i += batch) {
                List<Path> files = content.subList(i, Math.min(content.size(), i + batch));
                runs.add(pool.submit(() -> {
                    List<String> command = new ArrayList<>(List.of("openssl", "dgst", "-sha256"));
                    files.forEach(f -> command.add(f.toString()));
                    Process process = new ProcessBuilder(command)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
                    return process.waitFor();
                }));
            }
            for (Future<Integer> run : runs) {
                if (run.get() != 0) {
                    throw new IllegalStateException("openssl failed");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Figures((System.nanoTime() - start) / 1e9, bytes, content.size(), 0);
    }

    /** bagit-java reading and verifying each bag (its default verifier hashes files in parallel). */
    private static Figures bagit(Path bags) throws Exception {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(bags)) {
            dirs = s.map(p -> p.resolve("bag")).sorted().toList();
        }
        long bytes = 0;
        int files = 0;
        long start = System.nanoTime();
        try (BagVerifier verifier = new BagVerifier()) {
            for (Path d : dirs) {
                Bag bag = new BagReader().read(d);
                verifier.isValid(bag, false);
                for (var manifest : bag.getPayLoadManifests()) {
                    for (Path f : manifest.getFileToChecksumMap().keySet()) {
                        bytes += Files.size(f);
                        files++;
                    }
                }
            }
        }
        return new Figures((System.nanoTime() - start) / 1e9, bytes, files, 0);
    }

    private static Path unzip(List<Path> zips, Path target) throws IOException {
        for (int i = 0; i < zips.size(); i++) {
            Path into = target.resolve("p" + i);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zips.get(i)))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    Path file = into.resolve(e.getName()).normalize();
                    if (!file.startsWith(into)) {
                        throw new IOException("zip entry outside the bag: " + e.getName());
                    }
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file); // the entry only; the zip stream stays open for the next one
                }
            }
        }
        return target;
    }

    private record Figures(double seconds, long bytes, int files, long heapMb) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double filesPerSecond() {
            return files / seconds;
        }
    }
}
