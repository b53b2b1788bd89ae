package vn.kho.storage.fedora;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.FileEntity;
import vn.kho.repository.ConflictException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ContentFile;
import vn.kho.storage.StagedObject;

/**
 * Writes a staged OCFL object as one Fedora ArchivalGroup, every file a binary at its object-root-relative path, all
 * inside one transaction: the group appears whole at the commit or not at all.
 *
 * <p>Each binary is sent with {@code Digest: sha-256=<hex>} (Fedora 6.0 takes hex) stating what the object says it
 * holds, not what the staged file happens to hold: a content file's digest from the inventory, an inventory's from its
 * sidecar; only the NAMASTE file and the sidecars themselves are hashed here. So a staged file damaged after the object
 * was built is refused by Fedora (409), and the transaction is rolled back.
 *
 * <p>A replace keeps the group (Fedora 6.0 refuses to re-create a group deleted in the same transaction: "immutable
 * resource"): it overwrites every binary and deletes, and purges the tombstones of, the ones the new object lacks.
 */
final class FedoraGroupWriter {
    private static final Pattern SIDECAR = Pattern.compile("\\s*([0-9a-fA-F]{64})\\s+\\S.*", Pattern.DOTALL);
    static final String ARCHIVAL_GROUP = "http://fedora.info/definitions/v4/repository#ArchivalGroup";
    static final String NON_RDF_SOURCE = "http://www.w3.org/ns/ldp#NonRDFSource";

    private final FedoraReplica replica;
    private final FedoraHttp http;

    FedoraGroupWriter(FedoraReplica replica, FedoraHttp http) {
        this.replica = replica;
        this.http = http;
    }

    void put(StagedObject object, boolean replace) {
        PackageId pid = object.inventory().id();
        URI group = replica.groupUri(pid);
        try {
            List<String> paths = stagedPaths(object.objectDir());
            Map<String, String> digests = expectedDigests(object, paths);
            replica.ensureContainer();
            int status = http.send(FedoraHttp.request("HEAD", group)).status();
            if (status == 410) {
                // deleted behind our back or half-deleted: the tombstone alone blocks the id
                replica.purgeTombstone(group);
                status = 404;
            }
            boolean present = status == 200;
            if (present && !replace) {
                throw FedoraReplica.exists(pid);
            }
            if (status != 200 && status != 404) {
                throw new IOException("HEAD " + group + " answered HTTP " + status);
            }
            try (FedoraTransaction tx =
                    FedoraTransaction.begin(http, replica.config().baseUrl())) {
                Set<String> old = new LinkedHashSet<>();
                if (present) {
                    old.addAll(replica.listFiles(group, tx));
                } else {
                    FedoraHttp.Answer created = http.send(tx.with(FedoraHttp.request("PUT", group)
                            .setHeader("Link", "<" + ARCHIVAL_GROUP + ">; rel=\"type\"")));
                    if (created.status() == 409 || created.status() == 412) {
                        throw new ConflictException(
                                "OCFL_OBJECT_EXISTS",
                                "object " + pid.urn() + " is being written or already exists in Fedora: "
                                        + created.describe());
                    }
                    expect(created, "create the ArchivalGroup " + group);
                }
                for (String path : paths) {
                    putBinary(
                            tx,
                            replica.fileUri(pid, path),
                            path,
                            object.objectDir().resolve(path),
                            digests.get(path));
                    old.remove(path);
                }
                for (String stale : old) {
                    URI file = replica.fileUri(pid, stale);
                    expect(http.send(tx.with(FedoraHttp.request("DELETE", file))), "delete " + file);
                    expect(
                            http.send(tx.with(FedoraHttp.request("DELETE", FedoraReplica.tombstone(file)))),
                            "purge the tombstone of " + file);
                }
                tx.commit();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StorageFailureException(
                    "STORAGE_WRITE_FAILED",
                    "replica " + replica.id() + ": cannot write object " + pid.urn() + " to Fedora (nothing of it"
                            + " was committed): " + e.getMessage(),
                    e);
        }
    }

    private void putBinary(FedoraTransaction tx, URI uri, String path, Path file, String sha256) throws IOException {
        FedoraHttp.Answer answer = http.send(tx.with(FedoraHttp.request("PUT", uri)
                .setHeader("Link", "<" + NON_RDF_SOURCE + ">; rel=\"type\"")
                .setHeader("Digest", "sha-256=" + sha256)
                // streamed from disk with its length: never held in memory
                .setEntity(new FileEntity(file.toFile(), ContentType.APPLICATION_OCTET_STREAM))));
        if (answer.status() == 409 && answer.body().contains("Checksum mismatch")) {
            throw new IOException("Fedora refused " + path + ": its bytes do not have the sha256 " + sha256
                    + " the object states (" + answer.describe() + ")");
        }
        expect(answer, "put " + path);
    }

    private static void expect(FedoraHttp.Answer answer, String what) throws IOException {
        if (!answer.ok()) {
            throw new IOException("Fedora would not " + what + ": " + answer.describe());
        }
    }

    /** Every regular file under the object root, relative with forward slashes, in order. */
    private static List<String> stagedPaths(Path dir) throws IOException {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                StringBuilder relative = new StringBuilder();
                for (Path segment : dir.relativize(p)) {
                    if (relative.length() > 0) {
                        relative.append('/');
                    }
                    relative.append(segment);
                }
                paths.add(FedoraPaths.check(relative.toString()));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("the object holds a path Fedora cannot: " + e.getMessage(), e);
        }
        paths.sort(null);
        return paths;
    }

    /** What each file should hash to, from the object's own statements where it makes them. */
    private static Map<String, String> expectedDigests(StagedObject object, List<String> paths) throws IOException {
        Map<String, String> stated = new HashMap<>();
        for (ContentFile f : object.inventory().files().values()) {
            stated.put(f.contentPath(), f.sha256());
        }
        Map<String, String> digests = new HashMap<>();
        for (String path : paths) {
            String digest = stated.get(path);
            if (digest == null && path.endsWith("inventory.json") && paths.contains(path + ".sha256")) {
                Matcher sidecar = SIDECAR.matcher(
                        Files.readString(object.objectDir().resolve(path + ".sha256"), StandardCharsets.UTF_8));
                digest = sidecar.matches() ? sidecar.group(1).toLowerCase(java.util.Locale.ROOT) : null;
            }
            digests.put(
                    path, digest != null ? digest : sha256(object.objectDir().resolve(path)));
        }
        return digests;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256Digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
