package vn.kho.tools;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kho.api.Kho;
import vn.kho.api.config.ConfigLoader;
import vn.kho.storage.ocfl.DurableFiles;

/**
 * {@code kho bench ingest}: generates BagIt packages of random (incompressible) content, then on the same machine in
 * the same run measures (1) the baseline, copying the payload files to two directories, fsyncing the copies and
 * sha256-ing the files, and (2) a real ingest over HTTP into a fresh data directory (upload, unpack, checks, OCFL
 * build, copy to two replicas with fsync, re-read and compare each copy, index). Prints MB/s and files/s of both and
 * their ratio. Run with {@code KHO_JAVA_OPTS=-Xmx256m} to show that ingest memory does not grow with the package.
 */
@Command(name = "ingest", description = "Ingest throughput against the copy-twice-and-sha256 baseline.")
final class IngestBench implements Callable<Integer> {
    @Option(names = "--dir", description = "Work directory (default ./bench-data; deleted afterwards unless --keep).")
    Path dir = Path.of("bench-data");

    @Option(names = "--large-files", description = "Files in the large package (default ${DEFAULT-VALUE}).")
    int largeFiles = 1000;

    @Option(names = "--large-size", description = "Bytes per file in the large package (default ${DEFAULT-VALUE}).")
    int largeSize = 1 << 20;

    @Option(names = "--small-files", description = "Files in the many-files package (default ${DEFAULT-VALUE}).")
    int smallFiles = 10_000;

    @Option(
            names = "--small-size",
            description = "Bytes per file in the many-files package (default ${DEFAULT-VALUE}).")
    int smallSize = 10 * 1024;

    @Option(names = "--keep", description = "Keep the work directory.")
    boolean keep;

    record Figures(double seconds, long bytes, int files) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double filesPerSecond() {
            return files / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        return BenchRun.run(
                dir, keep, "ingest", "", this::run, new int[] {largeFiles, largeSize}, new int[] {smallFiles, smallSize
                });
    }

    private void run(String name, int files, int size) throws Exception {
        if (files <= 0) {
            return;
        }
        Path work = dir.resolve(name);
        Path payload = work.resolve("payload");
        Path zip = work.resolve(name + ".zip");
        long bytes = (long) files * size;
        System.out.printf("%n[%s] %d files x %d bytes = %.1f MB: generating...%n", name, files, size, bytes / 1e6);
        generate(payload, zip, files, size, name);

        // Each measurement writes to its own directory, and nothing is deleted before the run's end: ext4 will not
        // reuse an inode freed in the last half minute or so and scans past every such inode on each file it creates,
        // so
        // deleting 20,000 copies made whatever was measured next (the durable baseline, then the ingest) pay up to a
        // millisecond per new file.
        Figures plain = baseline(payload, work.resolve("baseline-plain"), files, bytes, false);
        Figures durable = baseline(payload, work.resolve("baseline-durable"), files, bytes, true);
        // The same files again under another title: Kho answers a repeated upload with its first ingest.
        Path again = work.resolve(name + "-again.zip");
        generate(null, again, files, size, name + " again");
        Figures[] ingests = ingest(zip, again, work.resolve("data"), files, bytes);
        Figures cold = ingests[0];
        Figures ingest = ingests[1];
        String row = "[%s] %-48s %7.2f s %8.1f MB/s %9.0f files/s%n";
        System.out.printf(
                row,
                name,
                "baseline: copy to 2 dirs + sha256",
                plain.seconds(),
                plain.mbPerSecond(),
                plain.filesPerSecond());
        System.out.printf(
                row,
                name,
                "baseline: copy to 2 dirs + fsync + sha256",
                durable.seconds(),
                durable.mbPerSecond(),
                durable.filesPerSecond());
        System.out.printf(
                row,
                name,
                "kho ingest, first after start (JVM warming up)",
                cold.seconds(),
                cold.mbPerSecond(),
                cold.filesPerSecond());
        System.out.printf(
                row,
                name,
                "kho ingest: HTTP, 2 replicas fsynced + verified",
                ingest.seconds(),
                ingest.mbPerSecond(),
                ingest.filesPerSecond());
        System.out.printf(
                "[%s] ingest / baseline wall time: %.2fx the durable baseline, %.2fx the plain one (target <= 2x);"
                        + " first ingest after start %.2fx%n",
                name,
                ingest.seconds() / durable.seconds(),
                ingest.seconds() / plain.seconds(),
                cold.seconds() / durable.seconds());
        DurableFiles.deleteTree(work);
    }

    /**
     * A BagIt zip of random (incompressible) files, stored uncompressed; with {@code payload} non-null the same files
     * are also written there as loose files.
     */
    static void generate(Path payload, Path zip, int files, int size, String name) throws Exception {
        if (payload != null) {
            Files.createDirectories(payload);
        }
        SplittableRandom random = new SplittableRandom(42);
        byte[] buf = new byte[size];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        StringBuilder manifest = new StringBuilder();
        try (ZipOutputStream out =
                new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
            for (int i = 0; i < files; i++) {
                for (int j = 0; j < size; j += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8 && j + k < size; k++) {
                        buf[j + k] = (byte) (v >>> (8 * k));
                    }
                }
                String rel = String.format("d%03d/f%05d.bin", i / 1000, i);
                if (payload != null) {
                    Path f = payload.resolve(rel);
                    Files.createDirectories(f.getParent());
                    Files.write(f, buf);
                }
                manifest.append(HexFormat.of().formatHex(sha.digest(buf)))
                        .append("  data/")
                        .append(rel)
                        .append('\n');
                stored(out, "bag/data/" + rel, buf);
            }
            stored(
                    out,
                    "bag/bagit.txt",
                    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes(StandardCharsets.UTF_8));
            stored(
                    out,
                    "bag/bag-info.txt",
                    ("Title: kho bench " + name + "\nPayload-Oxum: " + ((long) files * size) + "." + files + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            stored(out, "bag/manifest-sha256.txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void stored(ZipOutputStream out, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        out.putNextEntry(e);
        out.write(data);
        out.closeEntry();
    }

    /**
     * Copies the payload files to two directories and sha256s them. With {@code durable}, every copy is then forced
     * to disk the way Kho forces its replicas (all files, from several threads, so the journal can group the
     * commits); without, it is what {@code cp -r} twice and {@code sha256sum} do.
     */
    private static Figures baseline(Path payload, Path target, int files, long bytes, boolean durable)
            throws Exception {
        List<Path> sources;
        try (var s = Files.walk(payload)) {
            sources = s.filter(Files::isRegularFile).sorted().toList();
        }
        long start = System.nanoTime();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        List<Path> written = new ArrayList<>();
        for (String copy : List.of("a", "b")) {
            for (Path src : sources) {
                Path dst = target.resolve(copy).resolve(payload.relativize(src).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(src, dst);
                written.add(dst);
            }
        }
        if (durable) {
            DurableFiles.forceAll(written);
        }
        for (Path src : sources) {
            try (var in = Files.newInputStream(src)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            sha.digest();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!durable) {
            // untimed: so that their writeback does not land on the next measurement
            DurableFiles.forceAll(written);
        }
        return new Figures(seconds, bytes, files);
    }

    /**
     * Ingests {@code zip}, then {@code again} (the same files), into one fresh server: the first run pays the JVM's
     * warm-up (class loading, the JIT compiling signature matching and the checks), the second is what a running
     * archive sees. Both are reported.
     */
    private static Figures[] ingest(Path zip, Path again, Path data, int files, long bytes) throws Exception {
        Kho kho = Kho.start(new ConfigLoader()
                .set("data", data.toString())
                .set("server.port", "0")
                .load());
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + kho.port());
            Figures cold = ingestOnce(http, base, zip, files, bytes);
            Figures warm = ingestOnce(http, base, again, files, bytes);
            return new Figures[] {cold, warm};
        } finally {
            kho.close();
        }
    }

    static Figures ingestOnce(HttpClient http, URI base, Path zip, int files, long bytes) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/ingests"))
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofFile(zip))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("ingest refused: " + r.body());
        }
        double acknowledged = (System.nanoTime() - start) / 1e9;
        String id = new JsonObject(r.body()).getString("ingestId");
        JsonObject job;
        do {
            job = new JsonObject(http.send(
                            HttpRequest.newBuilder(base.resolve("/api/v1/ingests/" + id + "?wait=60"))
                                    .timeout(Duration.ofMinutes(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } while (!List.of("STORED", "REJECTED", "FAILED").contains(job.getString("status")));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "kho ingest: upload acknowledged (202) after %.2f s, STORED answered after %.2f s%n",
                acknowledged, seconds);
        if (!job.getString("status").equals("STORED")) {
            throw new IllegalStateException("ingest did not store: " + job.encodePrettily());
        }
        return new Figures(seconds, bytes, files);
    }
}
