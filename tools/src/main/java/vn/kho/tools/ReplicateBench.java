package vn.kho.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import vn.kho.api.Kho;
import vn.kho.preservation.fixity.AuditReport;
import vn.kho.preservation.fixity.FixityAudit;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.storage.IndexRebuilder;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicatedWriter;
import vn.kho.storage.Replication;
import vn.kho.storage.StagedObject;
import vn.kho.storage.ocfl.DurableFiles;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;
import vn.kho.storage.rocksdb.RocksPackageIndex;
import vn.kho.tools.BenchReplicas.Kind;

/**
 * {@code kho bench replicate}: replication throughput onto each kind of replica, in one run, on servers it starts
 * itself (S3Proxy and Fedora, each in a JVM of its own).
 *
 * <ol>
 *   <li><b>Store.</b> One package of {@code --files} random files of {@code --size} bytes is built once as an OCFL
 *       object; then it is stored onto a new replica of each kind alone through {@link ReplicatedWriter} (put, every
 *       file fsynced or acknowledged by the server, then every file read back and its sha256 compared: what an
 *       ingest pays per replica). The baseline copies the same object's files to a directory, fsyncs them and
 *       sha256s the copies.
 *   <li><b>Catch-up.</b> {@code --packages} small packages are stored on a filesystem replica; for each kind, a new
 *       empty replica of that kind is added, the index rebuilt (every package {@code UNDER_REPLICATED}), and every
 *       package audited with {@link FixityAudit} as Kho's catch-up does: the copy is found {@code MISSING}, exported
 *       from the verified source copy, put on the new replica and checked again. {@code --parallel} packages at a
 *       time, without the audit's bandwidth budget.
 * </ol>
 *
 * Each kind first stores one small package untimed, so class loading and the JIT are not measured. Prints seconds,
 * MB/s and files/s (packages/s for the catch-up); nothing is asserted.
 */
@Command(name = "replicate", description = "Storing onto filesystem, S3 and Fedora replicas, and catch-up throughput.")
final class ReplicateBench implements Callable<Integer> {
    @Option(names = "--dir", description = "Work directory (default ./bench-replicate; deleted unless --keep).")
    Path dir = Path.of("bench-replicate");

    @Option(names = "--keep", description = "Keep the work directory.")
    boolean keep;

    @Option(names = "--files", description = "Files in the stored package (default ${DEFAULT-VALUE}).")
    int files = 1000;

    @Option(names = "--size", description = "Bytes per file of the stored package (default ${DEFAULT-VALUE}).")
    int size = 1 << 20;

    @Option(names = "--packages", description = "Packages a replica catches up on (default ${DEFAULT-VALUE}).")
    int packages = 1000;

    @Option(names = "--package-files", description = "Files per catch-up package (default ${DEFAULT-VALUE}).")
    int packageFiles = 4;

    @Option(names = "--package-size", description = "Bytes per file of a catch-up package (default ${DEFAULT-VALUE}).")
    int packageSize = 64 * 1024;

    @Option(
            names = "--parallel",
            description = "Packages caught up at once (default ${DEFAULT-VALUE}, Kho's audit.concurrency).")
    int parallel = 2;

    @Option(
            names = "--kinds",
            split = ",",
            converter = KindConverter.class,
            description = "Replica kinds to measure, of filesystem, s3, fedora (default: all).")
    List<Kind> kinds = List.of(Kind.FILESYSTEM, Kind.S3, Kind.FEDORA);

    /** {@code filesystem}, {@code s3} or {@code fedora}, in any case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Kind.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** One timed run: seconds, payload bytes and files moved, and how many packages. */
    record Figures(double seconds, long bytes, long files, int packages) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double filesPerSecond() {
            return files / seconds;
        }

        double packagesPerSecond() {
            return packages / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        return BenchRun.once(dir, keep, "replicate", "", this::run);
    }

    private void run() throws Exception {
        Path absolute = dir.toAbsolutePath();
        try (BenchReplicas replicas = new BenchReplicas(absolute.resolve("servers"));
                OcflObjectBuilder builder =
                        new OcflObjectBuilder(absolute.resolve("staging"), absolute.resolve("staging-work"), false)) {
            for (Kind kind : kinds) {
                Duration took = replicas.start(kind);
                if (!took.isZero() && kind != Kind.FILESYSTEM) {
                    System.out.printf("started %s in %.1f s%n", kind.label, took.toNanos() / 1e9);
                }
            }
            StagedObject warmUp = build(builder, absolute.resolve("in/warm-up"), packageFiles, packageSize, 7);
            Map<Kind, Figures> stored = store(replicas, builder, warmUp);
            Map<Kind, Figures> caughtUp = catchUp(replicas, builder);
            print(stored, caughtUp);
        }
    }

    private Map<Kind, Figures> store(BenchReplicas replicas, OcflObjectBuilder builder, StagedObject warmUp)
            throws Exception {
        long bytes = (long) files * size;
        System.out.printf("%n[store] %d files x %d bytes = %.1f MB: generating...%n", files, size, bytes / 1e6);
        StagedObject object = build(builder, dir.toAbsolutePath().resolve("in/package"), files, size, 42);
        Map<Kind, Figures> figures = new LinkedHashMap<>();
        figures.put(null, baseline(object.objectDir(), dir.toAbsolutePath().resolve("baseline")));
        for (Kind kind : kinds) {
            System.out.printf("[store] %s...%n", kind.label);
            try (Replica replica = replicas.replica(kind, "store-" + kind.name().toLowerCase());
                    ReplicatedWriter writer = new ReplicatedWriter(List.of(replica))) {
                writer.store(warmUp, false);
                long start = System.nanoTime();
                Replication done = writer.store(object, false);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (done.verified().size() != 1) {
                    throw new IllegalStateException(kind + ": no verified copy: " + done);
                }
                figures.put(kind, new Figures(seconds, bytes, files, 1));
            }
        }
        return figures;
    }

    /** Copies every file of the object to {@code target}, fsyncs every copy, then sha256s every copy. */
    private Figures baseline(Path objectDir, Path target) throws Exception {
        System.out.printf("[store] baseline: copy + fsync + sha256 of the copy...%n");
        List<Path> sources;
        try (Stream<Path> s = Files.walk(objectDir)) {
            sources = s.filter(Files::isRegularFile).sorted().toList();
        }
        long start = System.nanoTime();
        List<Path> copies = new ArrayList<>(sources.size());
        for (Path source : sources) {
            Path copy = target.resolve(objectDir.relativize(source).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy);
            copies.add(copy);
        }
        DurableFiles.forceAll(copies);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (Path copy : copies) {
            try (var in = Files.newInputStream(copy)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            sha.digest();
        }
        return new Figures((System.nanoTime() - start) / 1e9, (long) files * size, files, 1);
    }

    private Map<Kind, Figures> catchUp(BenchReplicas replicas, OcflObjectBuilder builder) throws Exception {
        Path work = dir.toAbsolutePath();
        long bytes = (long) packages * packageFiles * packageSize;
        System.out.printf(
                "%n[catch-up] %d packages x %d files x %d bytes = %.1f MB: generating and storing on the source...%n",
                packages, packageFiles, packageSize, bytes / 1e6);
        Map<Kind, Figures> figures = new LinkedHashMap<>();
        try (FilesystemReplica source = new FilesystemReplica("source", work.resolve("replicas/catch-up-source"));
                ReplicatedWriter writer = new ReplicatedWriter(List.of(source))) {
            for (int p = 0; p < packages; p++) {
                StagedObject object = build(builder, work.resolve("in/catch-up"), packageFiles, packageSize, 1000L + p);
                writer.store(object.offeredForLinking(), false);
                builder.discard(object.inventory().id());
            }
            for (Kind kind : kinds) {
                System.out.printf("[catch-up] %s...%n", kind.label);
                String name = "catch-up-" + kind.name().toLowerCase();
                try (Replica target = replicas.replica(kind, name);
                        RocksPackageIndex index = new RocksPackageIndex(work.resolve("index-" + name))) {
                    List<Replica> both = List.of(source, target);
                    new IndexRebuilder().rebuild(both, index, new InventoryDescriptions());
                    List<PackageId> ids = index.list(null, Integer.MAX_VALUE).stream()
                            .filter(p -> p.state() == PackageState.UNDER_REPLICATED)
                            .map(IndexedPackage::description)
                            .map(d -> d.id())
                            .toList();
                    if (ids.size() != packages) {
                        throw new IllegalStateException(
                                ids.size() + " packages under-replicated after the rebuild, not " + packages);
                    }
                    FixityAudit audit =
                            new FixityAudit(both, index, work.resolve("audit-work"), Clock.systemUTC(), Kho.AGENT);
                    figures.put(kind, auditAll(audit, ids, bytes));
                }
            }
        }
        return figures;
    }

    /** Audits every package, {@link #parallel} at a time; each must come out ACTIVE (its copy restored). */
    private Figures auditAll(FixityAudit audit, List<PackageId> ids, long bytes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            long start = System.nanoTime();
            List<Future<AuditReport>> runs = new ArrayList<>();
            for (PackageId id : ids) {
                runs.add(pool.submit(() -> audit.audit(id)));
            }
            for (Future<AuditReport> run : runs) {
                AuditReport report = run.get();
                if (report.state() != PackageState.ACTIVE) {
                    throw new IllegalStateException("package " + report.packageId() + " was not caught up: "
                            + report.state() + " " + report.repair());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Figures(seconds, bytes, (long) ids.size() * packageFiles, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Random files under {@code in}, built into a new OCFL object in staging (the builder moves the files there). */
    private static StagedObject build(OcflObjectBuilder builder, Path in, int files, int size, long seed) {
        return builder.build(
                PackageId.random(), RandomFiles.write(in, files, size, seed), "kho bench replicate", "Kho", null);
    }

    private void print(Map<Kind, Figures> stored, Map<Kind, Figures> caughtUp) {
        System.out.printf(
                "%nStore one package, %d files x %d bytes (%.1f MB), onto one replica through ReplicatedWriter"
                        + " (put + verify)%n",
                files, size, (long) files * size / 1e6);
        String row = "  %-46s %8.2f s %8.1f MB/s %9.1f files/s%n";
        stored.forEach((kind, f) -> System.out.printf(
                row,
                kind == null ? "baseline: copy + fsync + sha256 of the copy" : kind.label,
                f.seconds(),
                f.mbPerSecond(),
                f.filesPerSecond()));
        System.out.printf(
                "%nCatch-up of a replica that missed %d packages of %d x %d bytes (%.1f MB): FixityAudit finds the"
                        + " copy MISSING, puts it from the source, checks it again; %d at a time%n",
                packages, packageFiles, packageSize, (long) packages * packageFiles * packageSize / 1e6, parallel);
        String catchUpRow = "  %-46s %8.2f s %8.1f packages/s %8.1f MB/s %9.1f files/s%n";
        caughtUp.forEach((kind, f) -> System.out.printf(
                catchUpRow, kind.label, f.seconds(), f.packagesPerSecond(), f.mbPerSecond(), f.filesPerSecond()));
    }
}
