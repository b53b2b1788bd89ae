package vn.kho.storage.fedora;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import vn.kho.repository.ConflictException;
import vn.kho.repository.Finding;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ContentFile;
import vn.kho.storage.ObjectInventory;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaHealth;
import vn.kho.storage.StagedObject;
import vn.kho.storage.ocfl.OcflInventoryParser;

/**
 * A replica kept in an institution's Fedora 6 repository, over its REST API. Each package is one Fedora
 * {@code ArchivalGroup} at {@code {container}/{uuid}} (the bare UUID of the package id), and every file of Kho's OCFL
 * object (the NAMASTE file, {@code inventory.json} and its sidecar, {@code v1/content/...}, each version's inventory)
 * is a binary in it at the same object-root-relative path. So the copy describes itself, as on every other replica:
 * Kho's inventory, METS and PREMIS are among its binaries, and it can be read back without Kho. Fedora stores the
 * group as one OCFL object of its own; its own inventory and metadata are Fedora's business, and nested paths are
 * Fedora 6 "ghost nodes" (no container is created for {@code v1} or {@code v1/content}; every binary is listed
 * directly by the group).
 *
 * <p>Writes: {@link #put} is one Fedora transaction (see {@link FedoraGroupWriter}), so a package is visible whole or
 * not at all; each binary is sent with its sha256 and Fedora refuses bytes that do not match. {@link #writeObjectFile}
 * and {@link #removeObjectFile} change one binary each, which Fedora does atomically. {@link #delete} deletes the group
 * and purges its tombstone, so the id can be used again. Kho cannot fsync a remote store: a put is as durable as
 * Fedora's commit makes it, and the writer's read-back ({@link #verify}) is what Kho relies on.
 *
 * <p>Names: Fedora 6.0 cannot hold a binary whose name has {@code #} (it reads a hash URI, however encoded) or a name
 * it reserves ({@code fcr:...}, {@code .fcrepo}, {@code ~fcr-}); a package with one is refused by {@link #put} before
 * anything is sent, and such paths are an {@link IllegalArgumentException} for the file operations.
 *
 * <p>What an audit can and cannot see here:
 *
 * <ul>
 *   <li>{@link #objectFiles} lists the binaries Fedora says the group contains: a binary added, changed or removed
 *       through the REST API behind Kho's back shows up (as a stray, a digest mismatch, a missing file). It lists no
 *       Fedora containers and no RDF: a container or RDF resource put inside the group is not reported.
 *   <li>Fedora's own storage (its OCFL root, its database) is invisible: a file added to or damaged in Fedora's OCFL
 *       object on its disk is seen only when the API serves changed bytes, and Fedora's own fixity is not Kho's
 *       business. A binary damaged on Fedora's disk is found by {@link #verify}, which reads every byte back.
 *   <li>No local path: {@link #localPath} is always empty, and every read is a network read.
 * </ul>
 *
 * <p>Failures map to the codes the {@link Replica} contract states; an unreachable Fedora is a
 * {@link StorageFailureException} with the operation's code (and {@link #health} down).
 */
public class FedoraReplica implements Replica {
    private final String id;
    private final FedoraReplicaConfig config;
    private final FedoraHttp http;

    public FedoraReplica(String id, FedoraReplicaConfig config) {
        this.id = Objects.requireNonNull(id, "id");
        this.config = Objects.requireNonNull(config, "config");
        this.http = new FedoraHttp(config);
    }

    @Override
    public String id() {
        return id;
    }

    public FedoraReplicaConfig config() {
        return config;
    }

    /** The URL of the ArchivalGroup holding package {@code pid}. */
    public URI groupUri(PackageId pid) {
        return config.containerUrl().resolve(pid.uuid().toString());
    }

    /** The URL of the binary holding {@code objectPath} (object-root-relative) of package {@code pid}. */
    public URI fileUri(PackageId pid, String objectPath) {
        return URI.create(groupUri(pid) + "/" + FedoraPaths.encode(FedoraPaths.check(objectPath)));
    }

    @Override
    public void put(StagedObject object, boolean replace) {
        new FedoraGroupWriter(this, http).put(object, replace);
    }

    @Override
    public List<Finding> verify(PackageId pid, ObjectInventory expected) {
        return new FedoraVerifier(this).verify(pid, expected);
    }

    /** Whether the group holds an {@code inventory.json} binary. */
    @Override
    public boolean contains(PackageId pid) {
        try {
            return http.send(FedoraHttp.request("HEAD", fileUri(pid, OcflInventoryParser.INVENTORY)))
                            .status()
                    == 200;
        } catch (IOException e) {
            throw unreachable("STORAGE_READ_FAILED", "look for " + pid.urn(), e);
        }
    }

    /** Deletes the group (one atomic step in Fedora) and purges its tombstone so the id can be put again. */
    @Override
    public void delete(PackageId pid) {
        URI group = groupUri(pid);
        try {
            int status = http.send(FedoraHttp.request("HEAD", group)).status();
            if (status == 404) {
                return;
            }
            if (status != 410) {
                FedoraHttp.Answer deleted = http.send(FedoraHttp.request("DELETE", group));
                if (!deleted.ok() && deleted.status() != 404 && deleted.status() != 410) {
                    throw new IOException("DELETE " + group + ": " + deleted.describe());
                }
            }
            purgeTombstone(group);
        } catch (IOException e) {
            throw unreachable("STORAGE_DELETE_FAILED", "delete " + pid.urn(), e);
        }
    }

    /**
     * Every child of the container that is an ArchivalGroup named by a UUID. Each candidate costs one HEAD request;
     * children that are not groups, or not named by a UUID, are not Kho's packages and are skipped.
     */
    @Override
    public Stream<PackageId> list() {
        URI container = config.containerUrl();
        try {
            FedoraHttp.Answer answer =
                    http.send(FedoraHttp.request("GET", container).setHeader("Accept", "application/n-triples"));
            if (answer.status() == 404 || answer.status() == 410) {
                return Stream.empty();
            }
            if (answer.status() != 200) {
                throw new IOException("GET " + container + ": " + answer.describe());
            }
            List<PackageId> ids = new ArrayList<>();
            for (String child : LdpContainment.children(answer.body())) {
                Optional<String> name = FedoraPaths.below(container, child);
                if (name.isEmpty() || name.get().contains("/") || name.get().length() != 36) {
                    continue;
                }
                PackageId pid;
                try {
                    pid = new PackageId(UUID.fromString(name.get()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                FedoraHttp.Answer head = http.send(FedoraHttp.request("HEAD", groupUri(pid)));
                if (head.status() == 200 && head.hasType(FedoraGroupWriter.ARCHIVAL_GROUP)) {
                    ids.add(pid);
                }
            }
            return ids.stream();
        } catch (IOException e) {
            throw unreachable("STORAGE_READ_FAILED", "list the packages", e);
        }
    }

    /**
     * Parses the stored {@code inventory.json} with {@link OcflInventoryParser}; each content file's size is the
     * binary's {@code Content-Length} (one HEAD per distinct content file), -1 when Fedora does not say.
     *
     * @throws NotFoundException {@code PACKAGE_NOT_FOUND} when there is no such package
     */
    @Override
    public ObjectInventory inventory(PackageId pid) {
        byte[] bytes;
        try (InputStream in = openObjectFile(pid, OcflInventoryParser.INVENTORY)) {
            bytes = in.readAllBytes();
        } catch (NotFoundException e) {
            throw new NotFoundException("PACKAGE_NOT_FOUND", "replica " + id + " holds no object " + pid.urn(), e);
        } catch (IOException e) {
            throw unreachable("OCFL_INVENTORY_UNREADABLE", "read the inventory of " + pid.urn(), e);
        }
        ObjectInventory head =
                OcflInventoryParser.parse(bytes, groupUri(pid).toString()).head();
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        java.util.Map<String, ContentFile> files = new java.util.HashMap<>();
        for (ContentFile f : head.files().values()) {
            long size = sizes.computeIfAbsent(f.contentPath(), p -> sizeOf(pid, p));
            files.put(f.logicalPath(), new ContentFile(f.logicalPath(), f.contentPath(), f.sha256(), size));
        }
        return new ObjectInventory(head.id(), head.headVersion(), head.created(), files);
    }

    @Override
    public InputStream open(PackageId pid, String logicalPath) {
        ContentFile file = inventory(pid).files().get(logicalPath);
        if (file == null) {
            throw new NotFoundException("FILE_NOT_FOUND", "no file " + logicalPath + " in " + pid.urn());
        }
        try {
            return openObjectFile(pid, file.contentPath());
        } catch (NotFoundException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_MISSING", "replica " + id + ": " + logicalPath + " of " + pid.urn() + " is missing", e);
        }
    }

    /** Always empty: nothing of a Fedora replica is on a local disk that Kho may read. */
    @Override
    public Optional<Path> localPath(PackageId pid, String logicalPath) {
        return Optional.empty();
    }

    /** The binaries the group contains, by object-root-relative path, in order; empty when there is no group. */
    @Override
    public Stream<String> objectFiles(PackageId pid) {
        try {
            return listFiles(groupUri(pid), null).stream();
        } catch (IOException e) {
            throw unreachable("OCFL_OBJECT_UNREADABLE", "list the files of " + pid.urn(), e);
        }
    }

    /**
     * GETs the binary; only a binary (an LDP NonRDFSource) is opened.
     *
     * @throws NotFoundException {@code OCFL_FILE_MISSING} when Fedora has no such binary (404, or 410: deleted)
     * @throws StorageFailureException {@code OCFL_FILE_UNREADABLE} when Fedora cannot be read or the resource is not a
     *     binary
     */
    @Override
    public InputStream openObjectFile(PackageId pid, String objectPath) {
        URI uri = fileUri(pid, objectPath);
        FedoraHttp.Opened opened;
        try {
            opened = http.open(FedoraHttp.request("GET", uri));
        } catch (IOException e) {
            throw unreachable("OCFL_FILE_UNREADABLE", "read " + objectPath + " of " + pid.urn(), e);
        }
        int status = opened.answer().status();
        if (status == 404 || status == 410) {
            throw new NotFoundException(
                    "OCFL_FILE_MISSING", "replica " + id + ": " + objectPath + " of " + pid.urn() + " is missing");
        }
        if (opened.body() == null) {
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + id + ": cannot read " + objectPath + " of " + pid.urn() + ": "
                            + opened.answer().describe());
        }
        if (!opened.answer().hasType(FedoraGroupWriter.NON_RDF_SOURCE)) {
            closeQuietly(opened.body());
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + id + ": " + objectPath + " of " + pid.urn() + " is not a binary in Fedora");
        }
        return opened.body();
    }

    /**
     * Replaces (or creates) one binary with a single PUT that carries {@code Digest: sha-256=<expected>}: Fedora
     * refuses bytes of another digest (409) and keeps the old binary. The bytes are hashed here on their way too, to
     * tell that refusal from any other 409.
     */
    @Override
    public void writeObjectFile(PackageId pid, String objectPath, InputStream content, String expectedSha256) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expectedSha256, "expectedSha256");
        URI uri = fileUri(pid, objectPath);
        if (!groupExists(pid)) {
            throw new NotFoundException(
                    "OCFL_OBJECT_MISSING", "replica " + id + " holds no object " + pid.urn() + " to repair");
        }
        DigestInputStream hashed = new DigestInputStream(content, FedoraGroupWriter.sha256Digest());
        try {
            if (http.send(FedoraHttp.request("HEAD", uri)).status() == 410) {
                purgeTombstone(uri);
            }
            FedoraHttp.Answer answer = http.send(FedoraHttp.request("PUT", uri)
                    .setHeader("Link", "<" + FedoraGroupWriter.NON_RDF_SOURCE + ">; rel=\"type\"")
                    .setHeader("Digest", "sha-256=" + expectedSha256)
                    .setEntity(new InputStreamEntity(hashed, -1, ContentType.APPLICATION_OCTET_STREAM)));
            if (answer.ok()) {
                return;
            }
            hashed.transferTo(java.io.OutputStream.nullOutputStream());
            String actual = HexFormat.of().formatHex(hashed.getMessageDigest().digest());
            if (answer.status() == 409 && !actual.equals(expectedSha256)) {
                throw new FixityMismatchException(
                        "FIXITY_WRITE_MISMATCH",
                        "replica " + id + ": the bytes for " + objectPath + " of " + pid.urn() + " have sha256 "
                                + actual + ", expected " + expectedSha256 + "; nothing was changed");
            }
            throw new IOException("PUT " + uri + ": " + answer.describe());
        } catch (IOException e) {
            throw unreachable("STORAGE_WRITE_FAILED", "write " + objectPath + " of " + pid.urn(), e);
        }
    }

    /**
     * Deletes one binary and purges its tombstone. Nothing happens when there is none.
     *
     * @throws IllegalArgumentException when {@code objectPath} is a "directory": a prefix of other binaries' paths
     */
    @Override
    public void removeObjectFile(PackageId pid, String objectPath) {
        URI uri = fileUri(pid, objectPath);
        try {
            FedoraHttp.Answer deleted = http.send(FedoraHttp.request("DELETE", uri));
            if (deleted.status() == 404) {
                if (listFiles(groupUri(pid), null).stream().anyMatch(p -> p.startsWith(objectPath + "/"))) {
                    throw new IllegalArgumentException(objectPath + " is a directory, not a file");
                }
                return;
            }
            if (!deleted.ok() && deleted.status() != 410) {
                throw new IOException("DELETE " + uri + ": " + deleted.describe());
            }
            purgeTombstone(uri);
        } catch (IOException e) {
            throw unreachable("STORAGE_DELETE_FAILED", "remove " + objectPath + " of " + pid.urn(), e);
        }
    }

    /** The container path (when configured), the package's UUID and the content path, relative to the REST root. */
    @Override
    public String storagePath(PackageId pid, String contentPath) {
        return (config.container().isEmpty() ? "" : config.container() + "/") + pid.uuid() + "/" + contentPath;
    }

    /** Up when the REST root answers 200 to these credentials. */
    @Override
    public ReplicaHealth health() {
        try {
            FedoraHttp.Answer answer =
                    http.send(FedoraHttp.request("GET", config.baseUrl()).setHeader("Accept", "application/n-triples"));
            if (answer.status() == 200) {
                return new ReplicaHealth(id, true, "Fedora answers at " + config.baseUrl());
            }
            return new ReplicaHealth(id, false, "Fedora at " + config.baseUrl() + " answers " + answer.describe());
        } catch (IOException e) {
            return new ReplicaHealth(id, false, "cannot reach Fedora at " + config.baseUrl() + ": " + e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "FedoraReplica[" + id + " at " + config.containerUrl() + "]";
    }

    // ---- shared with the operations ----

    boolean groupExists(PackageId pid) {
        try {
            return http.send(FedoraHttp.request("HEAD", groupUri(pid))).status() == 200;
        } catch (IOException e) {
            throw unreachable("STORAGE_READ_FAILED", "look for " + pid.urn(), e);
        }
    }

    /** The decoded paths of the binaries {@code group} contains, sorted; inside {@code tx} when given. */
    List<String> listFiles(URI group, FedoraTransaction tx) throws IOException {
        var request = FedoraHttp.request("GET", group).setHeader("Accept", "application/n-triples");
        FedoraHttp.Answer answer = http.send(tx == null ? request : tx.with(request));
        if (answer.status() == 404 || answer.status() == 410) {
            return List.of();
        }
        if (answer.status() != 200) {
            throw new IOException("GET " + group + ": " + answer.describe());
        }
        List<String> files = new ArrayList<>();
        for (String child : LdpContainment.children(answer.body())) {
            FedoraPaths.below(group, child).ifPresent(files::add);
        }
        files.sort(null);
        return files;
    }

    /** Creates the packages' container (and, as Fedora 6 ghost nodes, the path to it) when it does not exist yet. */
    void ensureContainer() throws IOException {
        if (config.container().isEmpty()) {
            return;
        }
        URI container = config.containerUrl();
        int status = http.send(FedoraHttp.request("HEAD", container)).status();
        if (status == 200) {
            return;
        }
        if (status != 404) {
            throw new IOException("HEAD " + container + " answered HTTP " + status);
        }
        FedoraHttp.Answer created = http.send(FedoraHttp.request("PUT", URI.create(stripSlash(container))));
        // 409: created meanwhile by another writer
        if (!created.ok() && created.status() != 409) {
            throw new IOException("cannot create the container " + container + ": " + created.describe());
        }
    }

    void purgeTombstone(URI resource) throws IOException {
        FedoraHttp.Answer purged = http.send(FedoraHttp.request("DELETE", tombstone(resource)));
        if (!purged.ok() && purged.status() != 404) {
            throw new IOException("cannot purge the tombstone of " + resource + ": " + purged.describe());
        }
    }

    static URI tombstone(URI resource) {
        return URI.create(stripSlash(resource) + "/fcr:tombstone");
    }

    static ConflictException exists(PackageId pid) {
        return new ConflictException("OCFL_OBJECT_EXISTS", "object " + pid.urn() + " already exists");
    }

    private long sizeOf(PackageId pid, String contentPath) {
        try {
            FedoraHttp.Answer head = http.send(FedoraHttp.request("HEAD", fileUri(pid, contentPath)));
            return head.status() == 200
                    ? head.header("Content-Length").map(Long::parseLong).orElse(-1L)
                    : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private StorageFailureException unreachable(String code, String what, IOException e) {
        return new StorageFailureException(
                code, "replica " + id + ": cannot " + what + " in Fedora at " + config.baseUrl() + ": " + e, e);
    }

    private static String stripSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is dropped either way
        }
    }
}
