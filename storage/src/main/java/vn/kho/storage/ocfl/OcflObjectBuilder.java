package vn.kho.storage.ocfl;

import io.ocfl.api.DigestAlgorithmRegistry;
import io.ocfl.api.model.InventoryType;
import io.ocfl.api.model.VersionNum;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.inventory.InventoryMapper;
import io.ocfl.core.model.Inventory;
import io.ocfl.core.model.InventoryBuilder;
import io.ocfl.core.model.User;
import io.ocfl.core.model.Version;
import io.ocfl.core.model.VersionBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * Builds the first version of an OCFL 1.1 object, once, in staging, from files that were hashed on their way in. The
 * result is then copied byte-for-byte to every replica (writing the version separately to each root would give
 * different inventory bytes).
 *
 * <p>The version is laid out here, not through ocfl-java's {@code updateObject}: that checks every added path against
 * every path already in the version (quadratic: 13 s of CPU for 20,000 logical paths). Instead each distinct content
 * (by sha256) is moved once into {@code v1/content/<its first logical path>}, the logical paths are checked for OCFL
 * validity and file/directory conflicts in one pass, and the inventory is built and serialised with ocfl-java's own
 * model ({@link InventoryBuilder}, {@link VersionBuilder#state(java.util.Map)}) and {@link InventoryMapper}, so its
 * shape is ocfl-java's; tests validate every object with ocfl-java's validator. No byte is hashed here; identical
 * content is stored once and referenced from every logical path that holds it. Sources are moved (renames when
 * staging and sources share a filesystem); a duplicate's source is left where it is.
 *
 * <p>Crash safety: the object is assembled in the work directory and renamed to its staging path only when complete;
 * the work directory is emptied on open.
 *
 * <p>Optional sha512 fixity: when enabled each distinct content file is read and hashed once more with sha512 and the
 * digest recorded in the inventory's {@code fixity} block. That costs one extra full read and a sha512 pass. The content
 * digest stays sha256, so validators report W004 ("should be sha512"); that is expected.
 *
 * <p>Not thread-safe for one package id; different ids may be built concurrently.
 */
public final class OcflObjectBuilder implements AutoCloseable {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final InventoryMapper INVENTORY_MAPPER = InventoryMapper.defaultMapper();
    private static final String HEAD = "v1";

    private final Path stagingRoot;
    private final Path workDir;
    private final boolean sha512Fixity;
    private final KhoOcflLayout layout = new KhoOcflLayout();

    /**
     * @param stagingRoot where built objects are placed, at their storage-layout path
     * @param workDir where an object is assembled, on the same filesystem as {@code stagingRoot}; emptied on open,
     *     since anything in it is left over from a build that crashed
     * @param sha512Fixity whether to record sha512 digests in the inventory's fixity block (one extra hash per file)
     */
    public OcflObjectBuilder(Path stagingRoot, Path workDir, boolean sha512Fixity) {
        this.stagingRoot = Objects.requireNonNull(stagingRoot, "stagingRoot");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.sha512Fixity = sha512Fixity;
        try {
            Files.createDirectories(stagingRoot);
            Files.createDirectories(workDir);
            // The staging root is itself an OCFL storage root (same layout as the replicas), so a staged object can
            // be validated where it was built; ocfl-java writes the root's namaste and layout files.
            new OcflRepositoryBuilder()
                    .defaultLayoutConfig(KhoOcflLayout.layoutConfig())
                    .ocflConfig(KhoOcflLayout.ocflConfig())
                    .storage(storage -> storage.fileSystem(stagingRoot))
                    .workDir(workDir)
                    .build()
                    .close();
            try (Stream<Path> leftovers = Files.list(workDir)) {
                for (Path leftover : leftovers.toList()) {
                    DurableFiles.deleteTree(leftover);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StorageFailureException("OCFL_STAGING_UNAVAILABLE", "cannot open staging root " + stagingRoot, e);
        }
    }

    /**
     * Builds version 1 of the object {@code id} from {@code files} (each already hashed).
     *
     * @param message the version message, e.g. "Ingest of SIP ..."
     * @param userName the version user's name, e.g. "Kho"
     * @param userAddress the version user's address (a URI); null is allowed but OCFL 1.1 validators then warn W008
     * @throws ConflictException {@code OCFL_STAGED_OBJECT_EXISTS} if staging already holds this object (discard it)
     * @throws IllegalArgumentException if two files share a logical path, a logical path is not valid in OCFL or
     *     conflicts with another (a file where another path needs a directory), or a digest is not lowercase sha256 hex
     * @throws StorageFailureException {@code OCFL_BUILD_FAILED} if it cannot be written (no object is left)
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
        Path assembly = workDir.resolve(id.toString());
        try {
            DurableFiles.deleteTree(assembly);
            Files.createDirectories(assembly.resolve(HEAD).resolve("content"));
            Files.writeString(assembly.resolve("0=ocfl_object_1.1"), "ocfl_object_1.1\n", StandardCharsets.UTF_8);
            Map<String, Set<String>> manifest = new LinkedHashMap<>();
            Map<String, Set<String>> state = new LinkedHashMap<>();
            Map<String, String> fixity = new LinkedHashMap<>();
            InventoryBuilder inventory = Inventory.builder()
                    .id(id.urn())
                    .type(InventoryType.OCFL_1_1)
                    .digestAlgorithm(DigestAlgorithmRegistry.sha256)
                    .contentDirectory("content")
                    .objectRootPath(layout.objectRootPath(id));
            Path lastParent = null;
            for (StagedFile file : files) {
                state.computeIfAbsent(file.sha256(), k -> new LinkedHashSet<>()).add(file.logicalPath());
                if (manifest.containsKey(file.sha256())) {
                    continue;
                }
                String contentPath = HEAD + "/content/" + file.logicalPath();
                Path target = assembly.resolve(contentPath);
                if (!target.getParent().equals(lastParent)) {
                    // files of one folder usually follow each other: one mkdir per folder, not per file
                    Files.createDirectories(target.getParent());
                    lastParent = target.getParent();
                }
                Files.move(file.source(), target);
                manifest.put(file.sha256(), new LinkedHashSet<>(List.of(contentPath)));
                if (sha512Fixity) {
                    fixity.put(contentPath, sha512(target));
                }
            }
            inventory.manifest(manifest);
            fixity.forEach((path, value) -> inventory.addFixityForFile(path, DigestAlgorithmRegistry.sha512, value));
            Version version = new VersionBuilder()
                    .created(OffsetDateTime.now(ZoneOffset.UTC))
                    .message(message)
                    .user(new User(userName, userAddress))
                    .state(state)
                    .build();
            Inventory built = inventory
                    .manifest(manifest)
                    .head(VersionNum.V1)
                    .putVersion(VersionNum.V1, version)
                    .build();
            writeInventory(assembly, built);
            Files.createDirectories(objectDir.getParent());
            Files.move(assembly, objectDir, StandardCopyOption.ATOMIC_MOVE);
            return new StagedObject(objectDir, OcflInventories.describe(OcflInventories.read(objectDir), objectDir));
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteTreeUnchecked(assembly);
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new StorageFailureException("OCFL_BUILD_FAILED", "cannot build object " + id.urn() + ": " + e, e);
        }
    }

    /** Writes the inventory and its sidecar in the object root and, identical, in the version directory. */
    private static void writeInventory(Path objectDir, Inventory inventory) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        INVENTORY_MAPPER.write(json, inventory);
        byte[] bytes = json.toByteArray();
        String sidecar =
                HexFormat.of().formatHex(digest("SHA-256").digest(bytes)) + "  " + OcflInventories.INVENTORY + "\n";
        for (Path dir : List.of(objectDir, objectDir.resolve(HEAD))) {
            Files.write(dir.resolve(OcflInventories.INVENTORY), bytes);
            Files.writeString(dir.resolve(OcflInventories.SIDECAR), sidecar, StandardCharsets.UTF_8);
        }
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
    public void close() {}

    /**
     * Duplicate logical paths, digests, OCFL logical-path rules (no leading or trailing slash, no empty, "." or ".."
     * segment) and conflicts (a path that is also a directory of another) — in one pass over each path's parents.
     */
    private static void checkFiles(List<StagedFile> files) {
        Set<String> paths = new HashSet<>();
        for (StagedFile file : files) {
            String p = file.logicalPath();
            if (!paths.add(p)) {
                throw new IllegalArgumentException("logical path staged twice: " + p);
            }
            if (!SHA256_HEX.matcher(file.sha256()).matches()) {
                throw new IllegalArgumentException("not a lowercase sha256: " + file.sha256() + " for " + p);
            }
            for (String segment : p.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("not a valid OCFL logical path: " + p);
                }
            }
        }
        for (String p : paths) {
            for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
                if (paths.contains(p.substring(0, i))) {
                    throw new IllegalArgumentException(
                            "logical path " + p.substring(0, i) + " is a file and a directory (" + p + ")");
                }
            }
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
