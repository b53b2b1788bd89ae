package vn.kho.storage.fedora;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.kho.repository.Finding;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.ContentFile;
import vn.kho.storage.ObjectInventory;
import vn.kho.storage.ocfl.InventoryVerification;

/**
 * Checks a Fedora copy against the inventory Kho expects, the way {@code FilesystemReplica} checks a directory: the
 * inventory against its sidecar and its version copy, what it states against what is expected, and every content
 * binary read back in full and hashed here.
 *
 * <p>Hashing the bytes that come back over HTTP is what proves the copy: it is the same evidence a reader would get.
 * Fedora's own {@code Want-Digest: sha-256} and {@code fcr:fixity} answers are not used: they prove only that the bytes
 * Fedora has match what Fedora recorded for them, which a file replaced through Fedora's API (as happens behind Kho's
 * back) satisfies too.
 */
final class FedoraVerifier {
    private final FedoraReplica replica;

    FedoraVerifier(FedoraReplica replica) {
        this.replica = replica;
    }

    List<Finding> verify(PackageId pid, ObjectInventory expected) {
        List<Finding> findings = new ArrayList<>();
        if (!replica.groupExists(pid)) {
            findings.add(
                    Finding.error("OCFL_OBJECT_MISSING", "replica " + replica.id() + " holds no object " + pid.urn()));
            return findings;
        }
        InventoryVerification.verify(
                replica.id(),
                pid,
                expected,
                replica.groupUri(pid).toString(),
                (path, found) -> read(pid, path, found),
                findings);
        verifyContent(pid, expected, findings);
        return findings;
    }

    /** Hashes each distinct content binary once and reports against every logical path it backs. */
    private void verifyContent(PackageId pid, ObjectInventory expected, List<Finding> findings) {
        Map<String, List<ContentFile>> byContentPath = new LinkedHashMap<>();
        expected.files().values().stream()
                .sorted((a, b) -> a.logicalPath().compareTo(b.logicalPath()))
                .forEach(f -> byContentPath
                        .computeIfAbsent(f.contentPath(), k -> new ArrayList<>())
                        .add(f));
        byte[] buffer = new byte[1 << 16];
        byContentPath.forEach((contentPath, files) -> {
            String[] problem = check(pid, contentPath, files.get(0), buffer);
            if (problem == null) {
                return;
            }
            for (ContentFile f : files) {
                findings.add(Finding.error(
                        problem[0],
                        "replica " + replica.id() + ": " + f.logicalPath() + " ("
                                + replica.storagePath(pid, contentPath) + ") " + problem[1],
                        f.logicalPath()));
            }
        });
    }

    /** A content binary's problem as {code, detail}, or null when it has the expected size and sha256. */
    private String[] check(PackageId pid, String contentPath, ContentFile want, byte[] buffer) {
        MessageDigest md = FedoraGroupWriter.sha256Digest();
        long size = 0;
        try (InputStream in = replica.openObjectFile(pid, contentPath)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
                size += n;
            }
        } catch (NotFoundException e) {
            return new String[] {"OCFL_FILE_MISSING", "is missing"};
        } catch (IOException | KhoException | IllegalArgumentException e) {
            // IllegalArgumentException: an expected path that no Fedora binary can have (see FedoraPaths.check)
            return new String[] {"OCFL_FILE_UNREADABLE", "cannot be read: " + e.getMessage()};
        }
        if (want.size() >= 0 && size != want.size()) {
            return new String[] {"OCFL_DIGEST_MISMATCH", "has " + size + " bytes, expected " + want.size()};
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (actual.equals(want.sha256())) {
            return null;
        }
        return new String[] {"OCFL_DIGEST_MISMATCH", "has sha256 " + actual + ", expected " + want.sha256()};
    }

    private byte[] read(PackageId pid, String objectPath, List<Finding> findings) {
        try (InputStream in = replica.openObjectFile(pid, objectPath)) {
            return in.readAllBytes();
        } catch (NotFoundException e) {
            findings.add(Finding.error(
                    "OCFL_FILE_MISSING", "replica " + replica.id() + ": " + objectPath + " is missing", objectPath));
        } catch (IOException | KhoException | IllegalArgumentException e) {
            findings.add(Finding.error(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + replica.id() + ": " + objectPath + " cannot be read: " + e.getMessage(),
                    objectPath));
        }
        return null;
    }
}
