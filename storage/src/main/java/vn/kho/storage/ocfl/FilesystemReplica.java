package vn.kho.storage.ocfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocfl.api.exception.OcflJavaException;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import io.ocfl.core.storage.filesystem.FileSystemOcflObjectRootDirIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import vn.kho.repository.ConflictException;
import vn.kho.repository.Finding;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ContentFile;
import vn.kho.storage.ObjectInventory;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaHealth;
import vn.kho.storage.StagedObject;

/**
 * A replica that is an OCFL 1.1 storage root on a local (or locally mounted) filesystem, laid out by
 * {@link KhoOcflLayout}, the same layout as the staging root.
 *
 * <p>How a put stays all-or-nothing: the staged object is copied into a private directory inside the storage root,
 * {@code extensions/kho-incoming/<random>} (same filesystem, and under {@code extensions/}, which is not part of the
 * object hierarchy, so neither ocfl-java nor any OCFL validator looks there for objects); every file and directory is
 * fsynced; then one atomic rename publishes it at its object root and the parent is fsynced. A crash leaves either no
 * object or the complete one, plus perhaps a leftover in the incoming area, which opening the replica removes. The
 * incoming directory is removed whenever no write is in flight, because ocfl-java, opened with its defaults over this
 * root, refuses a storage root with an extension it does not know.
 *
 * <p>One process owns a storage root at a time: opening clears the incoming area, which would destroy another
 * process's write in flight.
 */
public class FilesystemReplica implements Replica {
    /** Root-relative home of in-flight copies; a local storage-root extension directory. */
    public static final String INCOMING = "extensions/kho-incoming";

    private static final String NAMASTE = "0=ocfl_1.1";
    private static final int VERIFY_THREADS = 2;
    private static final String OBJECT_NAMASTE = "0=ocfl_object_1.1";
    private static final String INIT_PREFIX = ".kho-init-";
    /** What ocfl-java writes when it initialises a storage root: all that an interrupted initialisation can leave. */
    private static final Set<String> INIT_ARTIFACTS = Set.of(
            "ocfl_layout.json",
            "extensions",
            "ocfl_1.1.md",
            "ocfl_extensions_1.0.md",
            KhoOcflLayout.EXTENSION_NAME + ".md");

    private final String id;
    private final Path root;
    private final Path incoming;
    private final KhoOcflLayout layout = new KhoOcflLayout();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FilesystemReplica.class);
    /** Guards every change to the directory hierarchy (parents created or pruned, renames) and {@link #inFlight}. */
    private final Object structure = new Object();

    private int inFlight;

    /**
     * Opens the storage root at {@code root}, creating and initialising it (as ocfl-java does) when it is absent or
     * empty, and removing what interrupted writes left in the incoming area.
     *
     * @throws StorageFailureException {@code OCFL_ROOT_INVALID} if {@code root} holds something that is not an OCFL
     *     1.1 storage root, {@code OCFL_LAYOUT_UNSUPPORTED} if its layout is not Kho's
     */
    public FilesystemReplica(String id, Path root) {
        this.id = Objects.requireNonNull(id, "id");
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        try {
            Files.createDirectories(this.root);
            if (!Files.exists(this.root.resolve(NAMASTE))) {
                initialise();
            }
            checkLayout();
            removeLeftovers();
        } catch (IOException | OcflJavaException e) {
            throw new StorageFailureException(
                    "STORAGE_ROOT_UNAVAILABLE", "replica " + id + ": cannot open storage root " + this.root, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The storage root directory. */
    public Path root() {
        return root;
    }

    @Override
    public void put(StagedObject object, boolean replace) {
        PackageId pid = object.inventory().id();
        Path target = objectDir(pid);
        if (!replace && Files.exists(target)) {
            throw exists(pid);
        }
        Path work = beginWrite();
        try {
            Path copy = work.resolve("object");
            if (object.linkable()) {
                DurableFiles.copyTree(object.objectDir(), copy, new LinkOrCopy(pid));
            } else {
                DurableFiles.copyTree(object.objectDir(), copy);
            }
            DurableFiles.fsyncDir(work);
            synchronized (structure) {
                boolean present = Files.exists(target);
                if (present && !replace) {
                    throw exists(pid);
                }
                DurableFiles.createDirectories(target.getParent());
                Path old = work.resolve("replaced");
                if (present) {
                    // No rename can swap two directories, so for a moment there is no object; a crash then leaves
                    // it absent (the old copy, in the incoming area, is removed on open). Replace is only used to
                    // redo an ingest that was never acknowledged, so the old copy is expendable.
                    DurableFiles.rename(target, old);
                }
                try {
                    DurableFiles.rename(copy, target);
                } catch (IOException e) {
                    if (present) {
                        DurableFiles.rename(old, target);
                    }
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED", "replica " + id + ": cannot write object " + pid.urn() + ": " + e, e);
        } finally {
            endWrite(work);
        }
    }

    /**
     * True when {@code stagedDir} is on the same device as this storage root, so its files can be hard-linked in
     * (a link can still fail, e.g. across bind mounts; {@link #put} then copies).
     */
    @Override
    public boolean canLink(Path stagedDir) {
        try {
            return Files.getAttribute(root, "unix:dev").equals(Files.getAttribute(stagedDir, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Makes {@code link} a hard link to {@code staged}. A hook so tests can make linking fail the way it does across
     * filesystems.
     */
    protected void link(Path staged, Path link) throws IOException {
        Files.createLink(link, staged);
    }

    /**
     * Places a staged file by hard link, sharing its blocks with staging (which is deleted after the store), and
     * copies instead once a link fails: the copy is then what it would have been without the offer.
     */
    private final class LinkOrCopy implements DurableFiles.Placer {
        private final PackageId pid;
        private boolean linking = true;

        LinkOrCopy(PackageId pid) {
            this.pid = pid;
        }

        @Override
        public void place(Path source, Path target) throws IOException {
            if (linking) {
                try {
                    link(source, target);
                    return;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException | UnsupportedOperationException e) {
                    linking = false;
                    log.warn(
                            "replica {}: cannot hard-link {} from staging ({}); copying its files instead",
                            id,
                            pid.urn(),
                            e.toString());
                    Files.deleteIfExists(target);
                }
            }
            DurableFiles.copyFile(source, target);
        }
    }

    @Override
    public List<Finding> verify(PackageId pid, ObjectInventory expected) {
        Path dir = objectDir(pid);
        List<Finding> findings = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            findings.add(Finding.error("OCFL_OBJECT_MISSING", "replica " + id + " holds no object " + pid.urn()));
            return findings;
        }
        InventoryVerification.verify(
                id, pid, expected, dir.toString(), (path, found) -> readForVerify(dir, path, found), findings);
        verifyContent(dir, expected, findings);
        return findings;
    }

    @Override
    public boolean contains(PackageId pid) {
        return Files.isRegularFile(objectDir(pid).resolve(OcflInventories.INVENTORY));
    }

    @Override
    public void delete(PackageId pid) {
        Path target = objectDir(pid);
        if (!Files.exists(target)) {
            return;
        }
        Path work = beginWrite();
        try {
            synchronized (structure) {
                if (!Files.exists(target)) {
                    return;
                }
                // Out of the hierarchy in one step; the bytes are deleted afterwards, out of sight.
                DurableFiles.rename(target, work.resolve("deleted"));
                pruneEmptyParents(target.getParent());
            }
        } catch (IOException e) {
            throw new StorageFailureException(
                    "STORAGE_DELETE_FAILED", "replica " + id + ": cannot delete object " + pid.urn() + ": " + e, e);
        } finally {
            endWrite(work);
        }
    }

    /** Every Kho object in this root. Objects whose inventory cannot be read or whose id is not a package id are skipped. */
    @Override
    public Stream<PackageId> list() {
        List<PackageId> ids = new ArrayList<>();
        FileSystemOcflObjectRootDirIterator objectRoots = new FileSystemOcflObjectRootDirIterator(root);
        try {
            while (objectRoots.hasNext()) {
                Path dir = root.resolve(objectRoots.next());
                try {
                    ids.add(PackageId.parse(OcflInventories.read(dir).getId()));
                } catch (KhoException e) {
                    // not readable or not Kho's: it is not a package this replica can answer for
                }
            }
        } finally {
            objectRoots.close();
        }
        return ids.stream();
    }

    @Override
    public ObjectInventory inventory(PackageId pid) {
        Path dir = existingObjectDir(pid);
        return OcflInventories.describe(OcflInventories.read(dir), dir);
    }

    @Override
    public InputStream open(PackageId pid, String logicalPath) {
        Path file = contentFile(pid, logicalPath);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_MISSING", "replica " + id + ": " + logicalPath + " of " + pid.urn() + " is missing", e);
        } catch (IOException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE", "replica " + id + ": cannot read " + logicalPath + " of " + pid.urn(), e);
        }
    }

    @Override
    public Optional<Path> localPath(PackageId pid, String logicalPath) {
        return Optional.of(contentFile(pid, logicalPath));
    }

    @Override
    public String storagePath(PackageId pid, String contentPath) {
        return layout.objectRootPath(pid) + "/" + contentPath;
    }

    @Override
    public Stream<String> objectFiles(PackageId pid) {
        Path dir = objectDir(pid);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Stream.empty();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> files.add(objectPath(dir, p)));
        } catch (IOException | UncheckedIOException e) {
            throw new StorageFailureException(
                    "OCFL_OBJECT_UNREADABLE",
                    "replica " + id + ": cannot list the files of " + pid.urn() + ": " + e,
                    e);
        }
        Collections.sort(files);
        return files.stream();
    }

    @Override
    public InputStream openObjectFile(PackageId pid, String objectPath) {
        Path file = inObject(pid, objectPath);
        try {
            // Only a regular file is read: a directory would open on Linux and fail at the first read, and a stray
            // symbolic link could lead out of the object, to a device or a pipe that never ends.
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                throw new IOException("a directory stands where the file belongs");
            }
            if (!attributes.isRegularFile()) {
                throw new IOException("not a regular file ("
                        + (attributes.isSymbolicLink() ? "a symbolic link" : "a device, a pipe or a socket") + ")");
            }
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(
                    "OCFL_FILE_MISSING", "replica " + id + ": " + objectPath + " of " + pid.urn() + " is missing", e);
        } catch (IOException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + id + ": cannot read " + objectPath + " of " + pid.urn() + ": " + e,
                    e);
        }
    }

    /**
     * Writes the new file in the incoming area (same filesystem, outside every object, cleared on open, so a crash
     * leaves no stray in the object), forces it, compares its digest, then renames it into place and forces both
     * directories.
     */
    @Override
    public void writeObjectFile(PackageId pid, String objectPath, InputStream content, String expectedSha256) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expectedSha256, "expectedSha256");
        Path dir = objectDir(pid);
        Path target = inObject(pid, objectPath);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException(
                    "OCFL_OBJECT_MISSING", "replica " + id + " holds no object " + pid.urn() + " to repair");
        }
        Path work = beginWrite();
        try {
            Path temp = work.resolve("file");
            String actual = DurableFiles.writeHashed(content, temp);
            if (!actual.equals(expectedSha256)) {
                throw new FixityMismatchException(
                        "FIXITY_WRITE_MISMATCH",
                        "replica " + id + ": the bytes for " + objectPath + " of " + pid.urn() + " have sha256 "
                                + actual + ", expected " + expectedSha256 + "; nothing was changed");
            }
            synchronized (structure) {
                DurableFiles.createDirectories(target.getParent());
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(target); // fails unless empty: what it holds is not ours to drop here
                }
                DurableFiles.rename(temp, target);
            }
        } catch (IOException e) {
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED",
                    "replica " + id + ": cannot write " + objectPath + " of " + pid.urn() + ": " + e,
                    e);
        } finally {
            endWrite(work);
        }
    }

    @Override
    public void removeObjectFile(PackageId pid, String objectPath) {
        Path dir = objectDir(pid);
        Path target = inObject(pid, objectPath);
        synchronized (structure) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(objectPath + " is a directory, not a file");
            }
            try {
                if (!Files.deleteIfExists(target)) {
                    return;
                }
                DurableFiles.fsyncDir(target.getParent());
                for (Path d = target.getParent(); !d.equals(dir); d = d.getParent()) {
                    try {
                        Files.delete(d);
                    } catch (DirectoryNotEmptyException e) {
                        return;
                    }
                    DurableFiles.fsyncDir(d.getParent());
                }
            } catch (IOException e) {
                throw new StorageFailureException(
                        "STORAGE_DELETE_FAILED",
                        "replica " + id + ": cannot remove " + objectPath + " of " + pid.urn() + ": " + e,
                        e);
            }
        }
    }

    /** Up when the root is a directory in which a file can be written, fsynced, read back and removed. */
    @Override
    public ReplicaHealth health() {
        if (!Files.isRegularFile(root.resolve(NAMASTE))) {
            return new ReplicaHealth(id, false, "no OCFL storage root at " + root);
        }
        Path work;
        try {
            work = beginWrite();
        } catch (StorageFailureException e) {
            return new ReplicaHealth(id, false, e.getMessage());
        }
        try {
            Path probe = work.resolve("probe");
            byte[] bytes = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            Files.write(probe, bytes);
            DurableFiles.fsyncFile(probe);
            if (!Arrays.equals(bytes, Files.readAllBytes(probe))) {
                return new ReplicaHealth(id, false, "a probe file read back differently at " + root);
            }
            return new ReplicaHealth(id, true, "readable and writable: " + root);
        } catch (IOException e) {
            return new ReplicaHealth(id, false, "cannot write and read at " + root + ": " + e);
        } finally {
            endWrite(work);
        }
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    @Override
    public String toString() {
        return "FilesystemReplica[" + id + " at " + root + "]";
    }

    /** The directory the object of {@code pid} has (or would have) in this root. */
    public Path objectDir(PackageId pid) {
        return root.resolve(layout.objectRootPath(pid));
    }

    private Path existingObjectDir(PackageId pid) {
        if (!contains(pid)) {
            throw new NotFoundException("PACKAGE_NOT_FOUND", "replica " + id + " holds no object " + pid.urn());
        }
        return objectDir(pid);
    }

    private Path contentFile(PackageId pid, String logicalPath) {
        ContentFile file = inventory(pid).files().get(logicalPath);
        if (file == null) {
            throw new NotFoundException("FILE_NOT_FOUND", "no file " + logicalPath + " in " + pid.urn());
        }
        return objectDir(pid).resolve(file.contentPath());
    }

    /**
     * Where {@code objectPath} is in the object's directory.
     *
     * @throws IllegalArgumentException unless it is a relative path of plain segments (no empty, "." or ".." segment)
     *     that stays inside the object
     */
    private Path inObject(PackageId pid, String objectPath) {
        Objects.requireNonNull(objectPath, "objectPath");
        if (objectPath.isEmpty()) {
            throw new IllegalArgumentException("not an object-relative path: " + objectPath);
        }
        for (String segment : objectPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not an object-relative path: " + objectPath);
            }
        }
        Path dir = objectDir(pid);
        Path file = dir.resolve(objectPath).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new IllegalArgumentException("not inside the object: " + objectPath);
        }
        return file;
    }

    private static String objectPath(Path dir, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path segment : dir.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(segment);
        }
        return path.toString();
    }

    private static ConflictException exists(PackageId pid) {
        return new ConflictException("OCFL_OBJECT_EXISTS", "object " + pid.urn() + " already exists");
    }

    // ---- the incoming area ----

    /** A fresh private directory in the incoming area; pair with {@link #endWrite}. */
    private Path beginWrite() {
        synchronized (structure) {
            try {
                DurableFiles.createDirectories(incoming);
                Path work = incoming.resolve(UUID.randomUUID().toString());
                Files.createDirectory(work);
                inFlight++;
                return work;
            } catch (IOException e) {
                throw new StorageFailureException(
                        "STORAGE_WRITE_FAILED", "replica " + id + ": cannot write in " + incoming + ": " + e, e);
            }
        }
    }

    /** Deletes the private directory, and the incoming area itself when nothing else is in flight. */
    private void endWrite(Path work) {
        try {
            DurableFiles.deleteTree(work);
        } catch (IOException e) {
            // left for removeLeftovers at the next open
        }
        synchronized (structure) {
            inFlight--;
            if (inFlight == 0) {
                try {
                    Files.deleteIfExists(incoming);
                    DurableFiles.fsyncDir(incoming.getParent());
                } catch (IOException e) {
                    // not empty (a leftover could not be deleted): removed at the next open
                }
            }
        }
    }

    private void removeLeftovers() throws IOException {
        DurableFiles.deleteTree(incoming);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (entry.getFileName().toString().startsWith(INIT_PREFIX)) {
                    DurableFiles.deleteTree(entry);
                }
            }
        }
        DurableFiles.fsyncDir(incoming.getParent());
        DurableFiles.fsyncDir(root);
    }

    private void pruneEmptyParents(Path dir) throws IOException {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
            DurableFiles.fsyncDir(d.getParent());
        }
    }

    // ---- initialising the storage root ----

    /**
     * Lets ocfl-java initialise a storage root in a private directory inside {@code root}, fsyncs it, then moves its
     * entries up with the {@code 0=ocfl_1.1} declaration last: until that file exists the root is not a storage root,
     * and the next open clears what an interrupted initialisation left and starts again.
     */
    private void initialise() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!INIT_ARTIFACTS.contains(name) && !name.startsWith(INIT_PREFIX)) {
                    throw new StorageFailureException(
                            "OCFL_ROOT_INVALID",
                            "replica " + id + ": " + root + " is neither empty nor an OCFL 1.1 storage root (found "
                                    + name + ")");
                }
                DurableFiles.deleteTree(entry);
            }
        }
        Path scratch = root.resolve(INIT_PREFIX + UUID.randomUUID());
        Path fresh = scratch.resolve("root");
        Files.createDirectories(scratch.resolve("work"));
        new OcflRepositoryBuilder()
                .defaultLayoutConfig(KhoOcflLayout.layoutConfig())
                .ocflConfig(KhoOcflLayout.ocflConfig())
                .storage(storage -> storage.fileSystem(fresh))
                .workDir(scratch.resolve("work"))
                .build()
                .close();
        Path synced = scratch.resolve("synced");
        DurableFiles.copyTree(fresh, synced);
        List<Path> entries;
        try (Stream<Path> list = Files.list(synced)) {
            entries = list.filter(p -> !p.getFileName().toString().equals(NAMASTE))
                    .toList();
        }
        for (Path entry : entries) {
            Files.move(entry, root.resolve(entry.getFileName().toString()));
        }
        DurableFiles.fsyncDir(root);
        DurableFiles.rename(synced.resolve(NAMASTE), root.resolve(NAMASTE));
        DurableFiles.deleteTree(scratch);
        DurableFiles.fsyncDir(root);
    }

    private void checkLayout() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path layoutFile = root.resolve("ocfl_layout.json");
        Path configFile =
                root.resolve("extensions").resolve(KhoOcflLayout.EXTENSION_NAME).resolve("config.json");
        if (!Files.isRegularFile(layoutFile) || !Files.isRegularFile(configFile)) {
            throw unsupportedLayout("ocfl_layout.json or the layout's config.json is missing");
        }
        String extension = json.readTree(layoutFile.toFile()).path("extension").asText();
        if (!KhoOcflLayout.EXTENSION_NAME.equals(extension)) {
            throw unsupportedLayout("layout " + extension);
        }
        JsonNode config = json.readTree(configFile.toFile());
        HashedNTupleLayoutConfig expected = KhoOcflLayout.layoutConfig();
        boolean same = expected.getDigestAlgorithm()
                        .getOcflName()
                        .equals(config.path("digestAlgorithm").asText("sha256"))
                && expected.getTupleSize() == config.path("tupleSize").asInt(3)
                && expected.getNumberOfTuples() == config.path("numberOfTuples").asInt(3)
                && expected.isShortObjectRoot()
                        == config.path("shortObjectRoot").asBoolean(false);
        if (!same) {
            throw unsupportedLayout("layout parameters " + config);
        }
    }

    private StorageFailureException unsupportedLayout(String detail) {
        return new StorageFailureException(
                "OCFL_LAYOUT_UNSUPPORTED",
                "replica " + id + ": " + root + " does not use Kho's layout (" + KhoOcflLayout.EXTENSION_NAME
                        + " with sha256, 3 tuples of 3): " + detail);
    }

    // ---- verification ----

    /**
     * Hashes each distinct content file once and reports against every logical path it backs. Files are hashed by
     * {@value #VERIFY_THREADS} threads at once (the last replica's verification otherwise runs on one core while the
     * other idles); findings come out in logical-path order all the same.
     */
    private void verifyContent(Path dir, ObjectInventory expected, List<Finding> findings) {
        Map<String, List<ContentFile>> byContentPath = new LinkedHashMap<>();
        expected.files().values().stream()
                .sorted((a, b) -> a.logicalPath().compareTo(b.logicalPath()))
                .forEach(f -> byContentPath
                        .computeIfAbsent(f.contentPath(), k -> new ArrayList<>())
                        .add(f));
        List<Map.Entry<String, List<ContentFile>>> entries = new ArrayList<>(byContentPath.entrySet());
        String[] problems = new String[entries.size() * 2];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker = () -> {
            // one buffer per thread: a fresh 1 MiB buffer per file cost seconds for 10,000 small files
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            for (int i; (i = next.getAndIncrement()) < entries.size(); ) {
                String[] problem = check(
                        dir.resolve(entries.get(i).getKey()),
                        entries.get(i).getValue().get(0),
                        buffer);
                if (problem != null) {
                    problems[2 * i] = problem[0];
                    problems[2 * i + 1] = problem[1];
                }
            }
        };
        int threads = Math.min(VERIFY_THREADS, entries.size());
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread helper = new Thread(worker, "kho-verify-" + id);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < entries.size(); i++) {
            if (problems[2 * i] == null) {
                continue;
            }
            String contentPath = entries.get(i).getKey();
            for (ContentFile f : entries.get(i).getValue()) {
                findings.add(Finding.error(
                        problems[2 * i],
                        "replica " + id + ": " + f.logicalPath() + " (" + storagePath(expected.id(), contentPath) + ") "
                                + problems[2 * i + 1],
                        f.logicalPath()));
            }
        }
    }

    /** A content file's problem as {code, detail}, or null when it has the expected size and sha256. */
    private static String[] check(Path file, ContentFile want, ByteBuffer buffer) {
        try {
            long size = Files.size(file);
            if (want.size() >= 0 && size != want.size()) {
                return new String[] {"OCFL_DIGEST_MISMATCH", "has " + size + " bytes, expected " + want.size()};
            }
            String actual = sha256(file, buffer);
            if (actual.equals(want.sha256())) {
                return null;
            }
            return new String[] {"OCFL_DIGEST_MISMATCH", "has sha256 " + actual + ", expected " + want.sha256()};
        } catch (NoSuchFileException e) {
            return new String[] {"OCFL_FILE_MISSING", "is missing"};
        } catch (IOException | java.io.UncheckedIOException e) {
            return new String[] {"OCFL_FILE_UNREADABLE", "cannot be read: " + e};
        }
    }

    private byte[] readForVerify(Path dir, String relative, List<Finding> findings) {
        try {
            return Files.readAllBytes(dir.resolve(relative));
        } catch (NoSuchFileException e) {
            findings.add(
                    Finding.error("OCFL_FILE_MISSING", "replica " + id + ": " + relative + " is missing", relative));
        } catch (IOException e) {
            findings.add(Finding.error(
                    "OCFL_FILE_UNREADABLE", "replica " + id + ": " + relative + " cannot be read: " + e, relative));
        }
        return null;
    }

    private static String sha256(Path file, ByteBuffer buffer) throws IOException {
        MessageDigest md = Sha256.digest();
        buffer.clear();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                md.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
