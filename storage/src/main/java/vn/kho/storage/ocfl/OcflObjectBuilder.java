package vn.kho.storage.ocfl;

import io.ocfl.api.DigestAlgorithmRegistry;
import io.ocfl.api.OcflOption;
import io.ocfl.api.OcflRepository;
import io.ocfl.api.exception.OcflJavaException;
import io.ocfl.api.model.ObjectVersionId;
import io.ocfl.api.model.VersionInfo;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.cache.NoOpCache;
import io.ocfl.core.inventory.InventoryMapper;
import io.ocfl.core.model.Inventory;
import io.ocfl.core.model.InventoryBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.kho.repository.ConflictException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.StagedFile;
import vn.kho.storage.StagedObject;

/**
 * Builds the first version of an OCFL 1.1 object, once, in a staging OCFL storage root, from files that were hashed on
 * their way in. The result is then copied byte-for-byte to every replica (ocfl-java stamps each inventory with its own
 * time, so writing the version separately to each root would give different bytes).
 *
 * <p>Hashing: ocfl-java is given each file's sha256 through {@code unsafeAddPath}, with staging verification off, so it
 * hashes nothing; content already present in the version (same sha256) is stored once and referenced from every
 * logical path that holds it. The source files are moved, not copied (staging root, work directory and staged files
 * belong on one filesystem so that moves are renames); a duplicate's source is left where it is.
 *
 * <p>Optional sha512 fixity: when enabled each distinct content file is read and hashed once more with sha512 and the
 * digest recorded in the inventory's {@code fixity} block (the inventory and its sidecars are then rewritten). That
 * costs one extra full read and a sha512 pass over the package (roughly as long as the sha256 pass on the way in). The
 * content digest stays sha256, so validators report W004 ("should be sha512"); that is expected.
 *
 * <p>Not thread-safe for one package id; different ids may be built concurrently.
 */
public final class OcflObjectBuilder implements AutoCloseable {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final InventoryMapper INVENTORY_MAPPER = InventoryMapper.defaultMapper();

    private final Path stagingRoot;
    private final Path linksDir;
    private final boolean sha512Fixity;
    private final KhoOcflLayout layout = new KhoOcflLayout();
    private final OcflRepository repository;

    /**
     * @param stagingRoot the staging OCFL storage root (created and initialised if absent)
     * @param workDir ocfl-java's work directory, on the same filesystem as {@code stagingRoot}; emptied on open, since
     *     anything in it is left over from a build that crashed
     * @param sha512Fixity whether to record sha512 digests in the inventory's fixity block (one extra hash per file)
     */
    public OcflObjectBuilder(Path stagingRoot, Path workDir, boolean sha512Fixity) {
        this.stagingRoot = Objects.requireNonNull(stagingRoot, "stagingRoot");
        this.sha512Fixity = sha512Fixity;
        try {
            Files.createDirectories(stagingRoot);
            Files.createDirectories(workDir);
            this.linksDir = workDir.resolveSibling(workDir.getFileName() + "-links");
            try (Stream<Path> leftovers = Files.list(workDir)) {
                for (Path leftover : leftovers.toList()) {
                    DurableFiles.deleteTree(leftover);
                }
            }
            this.repository = new OcflRepositoryBuilder()
                    .defaultLayoutConfig(KhoOcflLayout.layoutConfig())
                    .ocflConfig(KhoOcflLayout.ocflConfig())
                    .storage(storage -> storage.fileSystem(stagingRoot))
                    .workDir(workDir)
                    // The staged files' sha256 come from the ingest; re-hashing them here would read every byte again.
                    .verifyStaging(false)
                    // Objects are removed from staging behind ocfl-java's back (discard): it must not remember them.
                    .inventoryCache(new NoOpCache<>())
                    .build();
        } catch (IOException | OcflJavaException e) {
            throw new StorageFailureException("OCFL_STAGING_UNAVAILABLE", "cannot open staging root " + stagingRoot, e);
        }
    }

    /**
     * Builds version 1 of the object {@code id.urn()} from {@code files} (moved into the object).
     *
     * @param message the version message, e.g. "Ingest of SIP ..."
     * @param userName the version user's name, e.g. "Kho"
     * @param userAddress the version user's address (a URI, e.g. {@code mailto:} the submitting agency); null is allowed
     *     but OCFL 1.1 validators then warn W008 (a version's user SHOULD have an address)
     * @throws ConflictException {@code OCFL_STAGED_OBJECT_EXISTS} if staging already holds this object (discard it)
     * @throws IllegalArgumentException if two files share a logical path or a digest is not lowercase sha256 hex
     * @throws StorageFailureException {@code OCFL_BUILD_FAILED} if ocfl-java cannot build it (no object is left)
     */
    public StagedObject build(
            PackageId id, List<StagedFile> files, String message, String userName, String userAddress) {
        Objects.requireNonNull(id, "id");
        checkFiles(files);
        Path objectDir = objectDir(id);
        if (Files.exists(objectDir)) {
            throw new ConflictException(
                    "OCFL_STAGED_OBJECT_EXISTS", "staging already holds object " + id.urn() + "; discard it first");
        }
        VersionInfo info = new VersionInfo().setMessage(message).setUser(userName, userAddress);
        try {
            List<StagedFile> sources = ownSources(files);
            repository.updateObject(ObjectVersionId.head(id.urn()), info, updater -> {
                for (StagedFile file : sources) {
                    updater.unsafeAddPath(file.sha256(), file.source(), file.logicalPath(), OcflOption.MOVE_SOURCE);
                }
            });
            DurableFiles.deleteTreeUnchecked(linksDir);
            if (sha512Fixity) {
                addSha512Fixity(objectDir);
            }
            return new StagedObject(objectDir, OcflInventories.describe(OcflInventories.read(objectDir), objectDir));
        } catch (OcflJavaException | IOException | StorageFailureException e) {
            discard(id);
            throw new StorageFailureException("OCFL_BUILD_FAILED", "cannot build object " + id.urn() + ": " + e, e);
        }
    }

    /**
     * Gives every logical path its own source file. One source may serve several logical paths (the AIP view and the
     * byte-for-byte submission copy); ocfl-java moves a source on its first use and insists that every source exists
     * even when it only records a digest it already holds. Each extra use gets a hard link: no byte is copied, and
     * ocfl-java de-duplicates the content and removes the link.
     */
    private List<StagedFile> ownSources(List<StagedFile> files) throws IOException {
        Set<Path> used = new HashSet<>();
        List<StagedFile> out = new java.util.ArrayList<>(files.size());
        int n = 0;
        for (StagedFile f : files) {
            Path source = f.source().toAbsolutePath().normalize();
            if (used.add(source)) {
                out.add(f);
                continue;
            }
            Files.createDirectories(linksDir);
            Path link = linksDir.resolve(Integer.toString(n++));
            try {
                Files.createLink(link, source);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(source, link);
            }
            out.add(new StagedFile(f.logicalPath(), link, f.sha256(), f.size()));
        }
        return out;
    }

    /** The directory the object of {@code id} has (or would have) in staging. */
    public Path objectDir(PackageId id) {
        return stagingRoot.resolve(layout.objectRootPath(id));
    }

    /** Removes the staged object of {@code id} if present (after it was stored, or after a failed build). */
    public void discard(PackageId id) {
        DurableFiles.deleteTreeUnchecked(objectDir(id));
    }

    @Override
    public void close() {
        repository.close();
    }

    private static void checkFiles(List<StagedFile> files) {
        Set<String> seen = new HashSet<>();
        for (StagedFile file : files) {
            if (!seen.add(file.logicalPath())) {
                throw new IllegalArgumentException("logical path staged twice: " + file.logicalPath());
            }
            if (!SHA256_HEX.matcher(file.sha256()).matches()) {
                throw new IllegalArgumentException(
                        "not a lowercase sha256: " + file.sha256() + " for " + file.logicalPath());
            }
        }
    }

    /**
     * Hashes each content file of the head version with sha512 and rewrites the root inventory, the version's copy of
     * it, and both sidecars. ocfl-java's own {@code addFileFixity} would hash each file twice (it recomputes the value
     * it is given to check it), hence this.
     */
    private static void addSha512Fixity(Path objectDir) throws IOException {
        Inventory inventory = OcflInventories.read(objectDir);
        String versionPrefix = inventory.getHead() + "/";
        InventoryBuilder builder = inventory.buildFrom();
        for (Set<String> contentPaths : inventory.getManifest().values()) {
            for (String contentPath : contentPaths) {
                if (contentPath.startsWith(versionPrefix)) {
                    builder.addFixityForFile(
                            contentPath, DigestAlgorithmRegistry.sha512, sha512(objectDir.resolve(contentPath)));
                }
            }
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        INVENTORY_MAPPER.write(json, builder.build());
        byte[] bytes = json.toByteArray();
        String sidecar =
                HexFormat.of().formatHex(digest("SHA-256").digest(bytes)) + "  " + OcflInventories.INVENTORY + "\n";
        for (Path dir : List.of(objectDir, objectDir.resolve(inventory.getHead().toString()))) {
            Files.write(dir.resolve(OcflInventories.INVENTORY), bytes);
            Files.writeString(dir.resolve(OcflInventories.SIDECAR), sidecar, StandardCharsets.UTF_8);
        }
    }

    private static String sha512(Path file) throws IOException {
        MessageDigest md = digest("SHA-512");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
