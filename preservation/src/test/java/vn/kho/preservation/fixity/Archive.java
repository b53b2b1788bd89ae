package vn.kho.preservation.fixity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.ReplicatedWriter;
import vn.kho.storage.StagedFile;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;
import vn.kho.storage.VerifiedCopy;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;
import vn.kho.storage.rocksdb.RocksPackageIndex;

/**
 * Real replicas (OCFL storage roots in a temporary directory), a real index, packages stored and indexed the way an
 * ingest stores them, and the audit under test.
 */
public final class Archive implements AutoCloseable {
    /** Bigger than the audit's read buffer, so it is hashed in several pieces. */
    public static final String PHOTO = "representations/rep1/data/photo.tif";

    static final String SCAN = "representations/rep1/data/scan-1.pdf";
    /** The same bytes as {@link #SCAN}: the object stores them once. */
    static final String SCAN_COPY = "representations/rep2/data/scan-1.pdf";

    public static final String METS = "METS.xml";

    public final Path dir;
    public final Map<String, FilesystemReplica> replicas = new LinkedHashMap<>();
    public final RocksPackageIndex index;
    final FixityAudit audit;
    private final OcflObjectBuilder builder;

    public Archive(Path dir, String... replicaIds) {
        this.dir = dir;
        for (String id : replicaIds) {
            replicas.put(id, new FilesystemReplica(id, dir.resolve("replicas").resolve(id)));
        }
        index = new RocksPackageIndex(dir.resolve("index"));
        builder = new OcflObjectBuilder(dir.resolve("staging"), dir.resolve("staging-work"), false);
        audit = new FixityAudit(
                List.copyOf(replicas.values()), index, dir.resolve("audit-work"), Clock.systemUTC(), "Kho test");
    }

    /** Stores a sample package on every replica, verified, and indexes it as an ingest does. */
    public PackageId store() {
        PackageId id = PackageId.random();
        Path in = dir.resolve("in");
        List<StagedFile> files = new ArrayList<>(Staging.samplePackage(in));
        byte[] photo = new byte[200 * 1024 + 17];
        new Random(7).nextBytes(photo);
        files.add(Staging.stage(in, PHOTO, photo));
        StagedObject object = builder.build(id, files, "Ingest", "Kho", "https://kho.example.vn");
        List<VerifiedCopy> copies;
        try (ReplicatedWriter writer = new ReplicatedWriter(List.copyOf(replicas.values()))) {
            copies = writer.store(object, false).verified();
        }
        builder.discard(id);
        PackageDescription description =
                Staging.describeFromInventory(replicas.values().iterator().next(), id);
        List<IndexedFile> indexed = new ArrayList<>();
        for (PackageFile file : description.files()) {
            String contentPath = object.inventory().files().get(file.path()).contentPath();
            indexed.add(new IndexedFile(
                    file,
                    copies.stream()
                            .map(c -> new CopyStatus(
                                    c.replicaId(),
                                    replicas.get(c.replicaId()).storagePath(id, contentPath),
                                    c.verified(),
                                    "OK"))
                            .toList()));
        }
        index.put(new IndexedPackage(description, PackageState.ACTIVE), indexed);
        return id;
    }

    public FilesystemReplica replica(String id) {
        return replicas.get(id);
    }

    /** Where the content of {@code logicalPath} is on disk in {@code replicaId}'s copy. */
    public Path file(String replicaId, PackageId id, String logicalPath) {
        return replica(replicaId).localPath(id, logicalPath).orElseThrow();
    }

    /** A file of the object by its object-root-relative path. */
    Path objectFile(String replicaId, PackageId id, String objectPath) {
        return replica(replicaId).objectDir(id).resolve(objectPath);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        builder.close();
        index.close();
        replicas.values().forEach(FilesystemReplica::close);
    }
}
