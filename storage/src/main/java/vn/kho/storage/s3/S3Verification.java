package vn.kho.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;
import vn.kho.storage.ContentFile;
import vn.kho.storage.ObjectInventory;
import vn.kho.storage.ocfl.InventoryVerification;

/**
 * One verification of one object in a bucket: reads back, through GET, the root inventory and its sidecar and every
 * content file the expected inventory names, and reports with the same codes as the filesystem replica ({@code
 * OCFL_OBJECT_MISSING}, {@code OCFL_INVENTORY_MISMATCH}, {@code OCFL_FILE_MISSING}, {@code OCFL_FILE_UNREADABLE},
 * {@code OCFL_DIGEST_MISMATCH}).
 */
final class S3Verification {
    private final String replicaId;
    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final String storageRoot;

    /**
     * @param root the key prefix of the object root, ending in {@code /}
     * @param storageRoot the object root's storage-root-relative path, ending in {@code /}, for messages
     */
    S3Verification(String replicaId, S3Client s3, String bucket, String root, String storageRoot) {
        this.replicaId = replicaId;
        this.s3 = s3;
        this.bucket = bucket;
        this.root = root;
        this.storageRoot = storageRoot;
    }

    List<Finding> verify(PackageId pid, ObjectInventory expected) {
        List<Finding> findings = new ArrayList<>();
        try {
            if (s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(root)).contents().stream()
                    .allMatch(o -> o.key().endsWith("/"))) {
                findings.add(
                        Finding.error("OCFL_OBJECT_MISSING", "replica " + replicaId + " holds no object " + pid.urn()));
                return findings;
            }
        } catch (SdkException e) {
            findings.add(Finding.error(
                    "OCFL_OBJECT_UNREADABLE", "replica " + replicaId + ": cannot list " + pid.urn() + ": " + e));
            return findings;
        }
        InventoryVerification.verify(replicaId, pid, expected, root, this::read, findings);
        verifyContent(expected, findings);
        return findings;
    }

    /** Reads each distinct content file once and reports against every logical path it backs, in path order. */
    private void verifyContent(ObjectInventory expected, List<Finding> findings) {
        Map<String, List<ContentFile>> byContentPath = new LinkedHashMap<>();
        expected.files().values().stream()
                .sorted((a, b) -> a.logicalPath().compareTo(b.logicalPath()))
                .forEach(f -> byContentPath
                        .computeIfAbsent(f.contentPath(), k -> new ArrayList<>())
                        .add(f));
        byte[] buffer = new byte[1 << 20];
        byContentPath.forEach((contentPath, files) -> {
            String[] problem = check(contentPath, files.get(0), buffer);
            if (problem != null) {
                for (ContentFile f : files) {
                    findings.add(Finding.error(
                            problem[0],
                            "replica " + replicaId + ": " + f.logicalPath() + " (" + storageRoot + contentPath + ") "
                                    + problem[1],
                            f.logicalPath()));
                }
            }
        });
    }

    /** A content file's problem as {code, detail}, or null when it has the expected size and sha256. */
    private String[] check(String contentPath, ContentFile want, byte[] buffer) {
        MessageDigest md = S3Uploads.digest("SHA-256");
        long size = 0;
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(root + contentPath))) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
                size += n;
            }
        } catch (NoSuchKeyException e) {
            return new String[] {"OCFL_FILE_MISSING", "is missing"};
        } catch (IOException | SdkException e) {
            return new String[] {"OCFL_FILE_UNREADABLE", "cannot be read: " + e};
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

    private byte[] read(String objectPath, List<Finding> findings) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(root + objectPath))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            findings.add(Finding.error(
                    "OCFL_FILE_MISSING", "replica " + replicaId + ": " + objectPath + " is missing", objectPath));
        } catch (SdkException e) {
            findings.add(Finding.error(
                    "OCFL_FILE_UNREADABLE",
                    "replica " + replicaId + ": " + objectPath + " cannot be read: " + e,
                    objectPath));
        }
        return null;
    }
}
