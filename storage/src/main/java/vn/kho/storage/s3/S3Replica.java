package vn.kho.storage.s3;

import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.model.Inventory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import vn.kho.repository.ConflictException;
import vn.kho.repository.Finding;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ObjectInventory;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaHealth;
import vn.kho.storage.StagedObject;
import vn.kho.storage.ocfl.KhoOcflLayout;
import vn.kho.storage.ocfl.OcflInventories;

/**
 * A replica that is an OCFL 1.1 storage root in an S3 bucket (AWS S3, Ceph RGW, MinIO, ...), under an optional key
 * prefix: each file of the storage root is one S3 object whose key is the prefix plus the file's
 * storage-root-relative path, the same paths as a {@link vn.kho.storage.ocfl.FilesystemReplica} (layout
 * {@link KhoOcflLayout}). Copying the keys to a filesystem gives a storage root any OCFL validator reads.
 *
 * <p>What the server receives is checked by the server: every request body (a whole file, or each part of a
 * multipart upload) carries a {@code Content-MD5} computed from the local file before it is sent, which every
 * S3-compatible server checks ({@code BadDigest}); the file's sha256 is compared with the inventory's on the same
 * pass. {@code x-amz-checksum-sha256} is not sent: S3Proxy answers 501 to it. The SDK's own default CRC32 trailers are
 * switched off ("when required"), since not every S3-compatible server accepts them.
 *
 * <p>How a put stays all-or-nothing, with no atomic rename in S3: an object exists ({@link #contains}, {@link
 * #list}, {@link #inventory}) only when both its root {@code inventory.json} and its sidecar {@code
 * inventory.json.sha256} exist, and those two keys are written last, sidecar after inventory, once every other file
 * has been uploaded and accepted. A put first removes whatever keys a crashed put or delete left under the object's
 * root; a put that fails removes what it wrote. A delete removes the sidecar and root inventory first. So a crash at
 * any instant leaves the complete object or an invisible partial one, which the next put of that object clears.
 *
 * <p>{@code put(object, true)} (redoing an ingest that was never acknowledged) first hides the old copy by removing
 * its sidecar and root inventory, then removes its keys, then writes the new copy as above. A crash in between leaves
 * the object absent, as with the filesystem replica: the old copy is expendable, and the interrupted ingest is redone.
 *
 * <p>A crash can leave an unfinished multipart upload; S3 keeps its parts until aborted (a bucket lifecycle rule for
 * incomplete multipart uploads clears them), but they are never visible as keys.
 *
 * <p>Writes of one object must not overlap (two puts of one id at once could interleave their keys); callers write
 * an object from one ingest job at a time.
 */
public class S3Replica implements Replica {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(S3Replica.class);
    private static final String NAMASTE = "0=ocfl_1.1";
    private static final String OBJECT_NAMASTE = "0=ocfl_object_1.1";
    private static final String LAYOUT = "ocfl_layout.json";
    /** What ocfl-java writes when it initialises a storage root: all that an interrupted initialisation can leave. */
    private static final Set<String> INIT_ARTIFACTS =
            Set.of(LAYOUT, "extensions", "ocfl_1.1.md", "ocfl_extensions_1.0.md", KhoOcflLayout.EXTENSION_NAME + ".md");

    private final String id;
    private final S3ReplicaConfig config;
    private final S3Client s3;
    private final S3Uploads uploads;
    private final KhoOcflLayout layout = new KhoOcflLayout();

    /**
     * Connects to the bucket and initialises the storage root (as ocfl-java would, declaration last) when nothing is
     * under the prefix yet.
     *
     * @throws StorageFailureException {@code STORAGE_ROOT_UNAVAILABLE} when the bucket cannot be reached, {@code
     *     OCFL_ROOT_INVALID} when the prefix holds something that is not an OCFL storage root, {@code
     *     OCFL_LAYOUT_UNSUPPORTED} when its layout is not Kho's
     */
    private volatile boolean rootOpen;

    public S3Replica(String id, S3ReplicaConfig config) {
        this(id, config, S3Uploads::new);
    }

    /** With the uploads made by {@code uploads} (from the client, bucket and part size): tests interfere with them. */
    S3Replica(String id, S3ReplicaConfig config, UploadsFactory uploads) {
        this.id = Objects.requireNonNull(id, "id");
        this.config = Objects.requireNonNull(config, "config");
        this.s3 = client(config);
        this.uploads = uploads.create(s3, config.bucket(), config.partSize());
        try {
            openRoot();
        } catch (StorageFailureException e) {
            if (!"STORAGE_ROOT_UNAVAILABLE".equals(e.code())) {
                s3.close();
                throw e; // a prefix holding something else: the configuration is wrong
            }
            // the server is down now: Kho starts all the same (the write quorum decides), and the root is opened
            // at its first use once the server answers
            log.warn("{}; opened when it answers", e.getMessage());
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /**
     * Opens the storage root once: creates it when the prefix is empty, checks its layout. Every operation that reads
     * or writes objects calls it first, so a replica whose server was down when Kho started opens when it answers.
     *
     * @throws StorageFailureException {@code STORAGE_ROOT_UNAVAILABLE} when the server cannot be reached, or
     *     {@code OCFL_ROOT_INVALID} when the prefix holds something that is not Kho's storage root
     */
    private void openRoot() {
        if (rootOpen) {
            return;
        }
        synchronized (this) {
            if (rootOpen) {
                return;
            }
            try {
                if (!exists(config.prefix() + NAMASTE)) {
                    initialise();
                }
                checkLayout();
            } catch (SdkException | IOException e) {
                throw new StorageFailureException(
                        "STORAGE_ROOT_UNAVAILABLE",
                        "replica " + id + ": cannot open storage root " + where() + ": " + e,
                        e);
            }
            rootOpen = true;
        }
    }

    /** Makes the {@link S3Uploads} a replica sends its files with. */
    interface UploadsFactory {
        S3Uploads create(S3Client s3, String bucket, long partSize);
    }

    private static S3Client client(S3ReplicaConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(config.pathStyle())
                // Since 2.30 the SDK adds CRC32 trailers by default, which some S3-compatible servers refuse; Kho sends
                // its own Content-MD5 instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    @Override
    public String id() {
        return id;
    }

    /** What this replica was configured with. */
    public S3ReplicaConfig config() {
        return config;
    }

    /** The key of the file at {@code objectPath} (object-root-relative) of {@code pid}: for tests and tools. */
    public String key(PackageId pid, String objectPath) {
        return rootKey(pid) + checkObjectPath(objectPath);
    }

    // ---- whole objects ----

    @Override
    public void put(StagedObject object, boolean replace) {
        openRoot();
        PackageId pid = object.inventory().id();
        String root = rootKey(pid);
        try {
            if (present(root)) {
                if (!replace) {
                    throw exists(pid);
                }
                hide(root);
            }
            deleteAll(root);
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED", "replica " + id + ": cannot write object " + pid.urn() + ": " + e, e);
        }
        try {
            Map<String, String> expected = new LinkedHashMap<>();
            object.inventory().files().values().forEach(f -> expected.put(f.contentPath(), f.sha256()));
            for (String path : uploadOrder(object.objectDir(), expected.keySet())) {
                uploads.upload(object.objectDir().resolve(path), root + path, expected.get(path));
            }
        } catch (IOException | UncheckedIOException | KhoException | SdkException e) {
            try {
                deleteAll(root);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED", "replica " + id + ": cannot write object " + pid.urn() + ": " + e, e);
        }
    }

    /**
     * The object-root-relative paths of every staged file, the root inventory and then its sidecar last: their
     * arrival is what makes the object exist. Every content path of the inventory must be among them.
     */
    private static List<String> uploadOrder(Path dir, Set<String> contentPaths) throws IOException {
        List<String> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(Files::isRegularFile)
                    .map(p -> relative(dir, p))
                    .sorted()
                    .toList();
        }
        Set<String> staged = Set.copyOf(paths);
        if (!staged.containsAll(List.of(OcflInventories.INVENTORY, OcflInventories.SIDECAR))) {
            throw new NoSuchFileException(dir + " has no root inventory and sidecar");
        }
        for (String contentPath : contentPaths) {
            if (!staged.contains(contentPath)) {
                throw new NoSuchFileException(dir.resolve(contentPath).toString(), null, "a content file is missing");
            }
        }
        List<String> order = new ArrayList<>(paths);
        order.remove(OcflInventories.INVENTORY);
        order.remove(OcflInventories.SIDECAR);
        order.add(OcflInventories.INVENTORY);
        order.add(OcflInventories.SIDECAR);
        return order;
    }

    @Override
    public boolean contains(PackageId pid) {
        openRoot();
        try {
            return present(rootKey(pid));
        } catch (SdkException e) {
            throw unavailable("cannot look for " + pid.urn(), e);
        }
    }

    /** Whether the object at {@code root} is complete: its sidecar and root inventory, written last, exist. */
    private boolean present(String root) {
        return exists(root + OcflInventories.SIDECAR) && exists(root + OcflInventories.INVENTORY);
    }

    @Override
    public void delete(PackageId pid) {
        openRoot();
        String root = rootKey(pid);
        try {
            hide(root);
            deleteAll(root);
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "STORAGE_DELETE_FAILED", "replica " + id + ": cannot delete object " + pid.urn() + ": " + e, e);
        }
    }

    /** Every Kho object under the prefix: each object root with an inventory and its sidecar whose id parses. */
    @Override
    public Stream<PackageId> list() {
        openRoot();
        List<PackageId> ids = new ArrayList<>();
        try {
            List<String> roots = new ArrayList<>();
            // Keys come in order, so an object root's declaration, inventory and sidecar come one after the other.
            String[] seen = {"", ""}; // the last directory with a declaration, the last with one and an inventory
            listKeys(config.prefix(), o -> {
                String path = o.key().substring(config.prefix().length());
                int slash = path.lastIndexOf('/');
                if (slash < 0 || path.startsWith("extensions/")) {
                    return;
                }
                String dir = path.substring(0, slash + 1);
                String name = path.substring(slash + 1);
                if (name.equals(OBJECT_NAMASTE)) {
                    seen[0] = dir;
                } else if (name.equals(OcflInventories.INVENTORY) && dir.equals(seen[0])) {
                    seen[1] = dir;
                } else if (name.equals(OcflInventories.SIDECAR) && dir.equals(seen[1])) {
                    roots.add(dir);
                }
            });
            for (String root : roots) {
                try {
                    ids.add(PackageId.parse(
                            readInventory(config.prefix() + root).getId()));
                } catch (KhoException e) {
                    // not readable or not Kho's: not a package this replica can answer for
                }
            }
        } catch (SdkException e) {
            throw unavailable("cannot list objects", e);
        }
        return ids.stream();
    }

    @Override
    public ObjectInventory inventory(PackageId pid) {
        openRoot();
        if (!contains(pid)) {
            throw new NotFoundException("PACKAGE_NOT_FOUND", "replica " + id + " holds no object " + pid.urn());
        }
        String root = rootKey(pid);
        try {
            Map<String, Long> sizes = new LinkedHashMap<>();
            listKeys(root, o -> sizes.put(o.key().substring(root.length()), o.size()));
            return OcflInventories.describeWithSizes(readInventory(root), path -> sizes.getOrDefault(path, -1L));
        } catch (SdkException e) {
            throw unavailable("cannot read the inventory of " + pid.urn(), e);
        }
    }

    @Override
    public InputStream open(PackageId pid, String logicalPath) {
        openRoot();
        var file = inventory(pid).files().get(logicalPath);
        if (file == null) {
            throw new NotFoundException("FILE_NOT_FOUND", "no file " + logicalPath + " in " + pid.urn());
        }
        try {
            return s3.getObject(b -> b.bucket(config.bucket()).key(rootKey(pid) + file.contentPath()));
        } catch (NoSuchKeyException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_MISSING", "replica " + id + ": " + logicalPath + " of " + pid.urn() + " is missing", e);
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + id + ": cannot read " + logicalPath + " of " + pid.urn() + ": " + e,
                    e);
        }
    }

    /** Always empty: nothing of this replica is on local disk. */
    @Override
    public Optional<Path> localPath(PackageId pid, String logicalPath) {
        return Optional.empty();
    }

    @Override
    public String storagePath(PackageId pid, String contentPath) {
        return layout.objectRootPath(pid) + "/" + contentPath;
    }

    @Override
    public List<Finding> verify(PackageId pid, ObjectInventory expected) {
        openRoot();
        return new S3Verification(id, s3, config.bucket(), rootKey(pid), storagePath(pid, "")).verify(pid, expected);
    }

    // ---- single files ----

    /** Every key under the object's root, object-root-relative, sorted; stray keys included. */
    @Override
    public Stream<String> objectFiles(PackageId pid) {
        openRoot();
        String root = rootKey(pid);
        List<String> files = new ArrayList<>();
        try {
            listKeys(root, o -> files.add(o.key().substring(root.length())));
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "OCFL_OBJECT_UNREADABLE",
                    "replica " + id + ": cannot list the files of " + pid.urn() + ": " + e,
                    e);
        }
        files.sort(Comparator.naturalOrder());
        return files.stream();
    }

    @Override
    public InputStream openObjectFile(PackageId pid, String objectPath) {
        openRoot();
        String key = key(pid, objectPath);
        try {
            return s3.getObject(b -> b.bucket(config.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw new NotFoundException(
                    "OCFL_FILE_MISSING", "replica " + id + ": " + objectPath + " of " + pid.urn() + " is missing", e);
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + id + ": cannot read " + objectPath + " of " + pid.urn() + ": " + e,
                    e);
        }
    }

    /**
     * Spools {@code content} to a local scratch file while hashing it, refuses it unless it has {@code
     * expectedSha256}, then uploads it to its key with its checksums, so the server too refuses other bytes. An S3 PUT
     * replaces a key atomically: readers see the old file or the new one.
     */
    @Override
    public void writeObjectFile(PackageId pid, String objectPath, InputStream content, String expectedSha256) {
        openRoot();
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expectedSha256, "expectedSha256");
        String key = key(pid, objectPath);
        boolean held;
        try {
            held = keysUnder(rootKey(pid)).findAny().isPresent();
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED", "replica " + id + ": cannot look for " + pid.urn() + ": " + e, e);
        }
        if (!held) {
            throw new NotFoundException(
                    "OCFL_OBJECT_MISSING", "replica " + id + " holds no object " + pid.urn() + " to repair");
        }
        Path spool = null;
        try {
            spool = scratchFile();
            MessageDigest sha256 = S3Uploads.digest("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), sha256)) {
                content.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(expectedSha256)) {
                throw new FixityMismatchException(
                        "FIXITY_WRITE_MISMATCH",
                        "replica " + id + ": the bytes for " + objectPath + " of " + pid.urn() + " have sha256 "
                                + actual + ", expected " + expectedSha256 + "; nothing was changed");
            }
            uploads.upload(spool, key, expectedSha256);
        } catch (IOException | UncheckedIOException | SdkException e) {
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED",
                    "replica " + id + ": cannot write " + objectPath + " of " + pid.urn() + ": " + e,
                    e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // a scratch file; the scratch directory is the operator's to clear
                }
            }
        }
    }

    /** Deletes the key; S3 has no directories, so none are left empty. */
    @Override
    public void removeObjectFile(PackageId pid, String objectPath) {
        openRoot();
        String key = key(pid, objectPath);
        try {
            if (!exists(key)) {
                if (keysUnder(key + "/").findAny().isPresent()) {
                    throw new IllegalArgumentException(objectPath + " is a directory, not a file");
                }
                return;
            }
            s3.deleteObject(b -> b.bucket(config.bucket()).key(key));
        } catch (SdkException e) {
            throw new StorageFailureException(
                    "STORAGE_DELETE_FAILED",
                    "replica " + id + ": cannot remove " + objectPath + " of " + pid.urn() + ": " + e,
                    e);
        }
    }

    /** Up when the bucket answers a HEAD request with the configured credentials. */
    @Override
    public ReplicaHealth health() {
        try {
            s3.headBucket(b -> b.bucket(config.bucket()));
            openRoot();
            return new ReplicaHealth(id, true, "bucket answers: " + where());
        } catch (StorageFailureException e) {
            return new ReplicaHealth(id, false, e.getMessage());
        } catch (SdkException e) {
            return new ReplicaHealth(id, false, "bucket does not answer: " + where() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3Replica[" + id + " at " + where() + "]";
    }

    // ---- keys ----

    private String rootKey(PackageId pid) {
        return config.prefix() + layout.objectRootPath(pid) + "/";
    }

    private String where() {
        return config.endpoint() + " bucket " + config.bucket() + " prefix '" + config.prefix() + "'";
    }

    /**
     * {@code objectPath} itself when it is a relative path of plain segments (no empty, "." or ".." segment).
     *
     * @throws IllegalArgumentException otherwise
     */
    private static String checkObjectPath(String objectPath) {
        Objects.requireNonNull(objectPath, "objectPath");
        if (objectPath.isEmpty()) {
            throw new IllegalArgumentException("not an object-relative path: " + objectPath);
        }
        for (String segment : objectPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not an object-relative path: " + objectPath);
            }
        }
        return objectPath;
    }

    private static String relative(Path dir, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path segment : dir.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(segment);
        }
        return path.toString();
    }

    // ---- S3 primitives ----

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(config.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Every key under {@code prefix} but "directory markers" (keys ending in {@code /}, which some servers and tools
     * list for directories, e.g. S3Proxy's filesystem backend): an OCFL storage root has files only.
     */
    private void listKeys(String prefix, Consumer<S3Object> each) {
        keysUnder(prefix).forEach(each);
    }

    private Stream<S3Object> keysUnder(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(prefix)).contents().stream()
                .filter(o -> !o.key().endsWith("/"));
    }

    /** Makes the object invisible: its sidecar first, then its root inventory. */
    private void hide(String root) {
        s3.deleteObject(b -> b.bucket(config.bucket()).key(root + OcflInventories.SIDECAR));
        s3.deleteObject(b -> b.bucket(config.bucket()).key(root + OcflInventories.INVENTORY));
    }

    /** Deletes every key under {@code root}, one request each (multi-object delete needs checksums some refuse). */
    private void deleteAll(String root) {
        List<String> keys = new ArrayList<>();
        listKeys(root, o -> keys.add(o.key()));
        for (String key : keys) {
            s3.deleteObject(b -> b.bucket(config.bucket()).key(key));
        }
    }

    private Inventory readInventory(String root) {
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(root + OcflInventories.INVENTORY))
                .asByteArray();
        return OcflInventories.read(new ByteArrayInputStream(bytes), root + OcflInventories.INVENTORY);
    }

    private Path scratchFile() throws IOException {
        Path dir = config.scratchDir();
        if (dir != null) {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "kho-s3-", ".part");
        }
        return Files.createTempFile("kho-s3-", ".part");
    }

    private StorageFailureException unavailable(String what, SdkException e) {
        return new StorageFailureException("STORAGE_UNAVAILABLE", "replica " + id + ": " + what + ": " + e, e);
    }

    private static ConflictException exists(PackageId pid) {
        return new ConflictException("OCFL_OBJECT_EXISTS", "object " + pid.urn() + " already exists");
    }

    // ---- the storage root ----

    /**
     * Lets ocfl-java initialise a storage root in a local scratch directory and uploads its files, the {@code
     * 0=ocfl_1.1} declaration last: until it exists the prefix is not a storage root, and the next open starts again.
     */
    private void initialise() throws IOException {
        List<String> present = new ArrayList<>();
        listKeys(
                config.prefix(),
                o -> present.add(o.key().substring(config.prefix().length())));
        for (String path : present) {
            String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
            if (!INIT_ARTIFACTS.contains(top)) {
                throw new StorageFailureException(
                        "OCFL_ROOT_INVALID",
                        "replica " + id + ": " + where() + " is neither empty nor an OCFL 1.1 storage root (found "
                                + path + ")");
            }
        }
        Path scratch = config.scratchDir() == null
                ? Files.createTempDirectory("kho-s3-root-")
                : Files.createTempDirectory(Files.createDirectories(config.scratchDir()), "kho-s3-root-");
        try {
            Path fresh = scratch.resolve("root");
            Files.createDirectories(scratch.resolve("work"));
            new OcflRepositoryBuilder()
                    .defaultLayoutConfig(KhoOcflLayout.layoutConfig())
                    .ocflConfig(KhoOcflLayout.ocflConfig())
                    .storage(storage -> storage.fileSystem(fresh))
                    .workDir(scratch.resolve("work"))
                    .build()
                    .close();
            List<String> files;
            try (Stream<Path> walk = Files.walk(fresh)) {
                files = walk.filter(Files::isRegularFile)
                        .map(p -> relative(fresh, p))
                        .filter(p -> !p.equals(NAMASTE))
                        .sorted()
                        .toList();
            }
            for (String path : files) {
                uploads.upload(fresh.resolve(path), config.prefix() + path, null);
            }
            uploads.upload(fresh.resolve(NAMASTE), config.prefix() + NAMASTE, null);
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void checkLayout() {
        String extension;
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(config.prefix() + LAYOUT))
                    .asByteArray();
            extension = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(bytes)
                    .path("extension")
                    .asText();
        } catch (NoSuchKeyException e) {
            throw unsupportedLayout("ocfl_layout.json is missing");
        } catch (IOException e) {
            throw unsupportedLayout("ocfl_layout.json cannot be read: " + e);
        }
        if (!KhoOcflLayout.EXTENSION_NAME.equals(extension)) {
            throw unsupportedLayout("layout " + extension);
        }
    }

    private StorageFailureException unsupportedLayout(String detail) {
        return new StorageFailureException(
                "OCFL_LAYOUT_UNSUPPORTED",
                "replica " + id + ": " + where() + " does not use Kho's layout (" + KhoOcflLayout.EXTENSION_NAME + "): "
                        + detail);
    }
}
