package vn.kho.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;

/** Test helpers: files staged the way the ingest stages them (written, hashed once), and tree comparisons. */
public final class Staging {
    private Staging() {}

    public static StagedFile stage(Path dir, String logicalPath, String content) {
        return stage(dir, logicalPath, content.getBytes(StandardCharsets.UTF_8));
    }

    public static StagedFile stage(Path dir, String logicalPath, byte[] content) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(UUID.randomUUID().toString());
            Files.write(file, content);
            return new StagedFile(logicalPath, file, sha256(content), content.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small package: two logical paths share their content, so the object stores it once. */
    public static List<StagedFile> samplePackage(Path dir) {
        List<StagedFile> files = new ArrayList<>();
        files.add(stage(dir, "METS.xml", "<mets OBJID='x'/>"));
        files.add(stage(dir, "representations/rep1/data/scan-1.pdf", "%PDF-1.7 same bytes"));
        files.add(stage(dir, "representations/rep2/data/scan-1.pdf", "%PDF-1.7 same bytes"));
        files.add(stage(dir, "metadata/descriptive/EAD.xml", "<ead>hồ sơ</ead>"));
        return files;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file under {@code dir}, by relative path, with its bytes. */
    public static Map<String, byte[]> tree(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** What a real reader would parse from METS/PREMIS, taken here from the inventory alone. */
    public static PackageDescription describeFromInventory(Replica replica, PackageId id) {
        ObjectInventory inventory = replica.inventory(id);
        List<PackageFile> files = inventory.files().values().stream()
                .map(f -> new PackageFile(f.logicalPath(), f.size(), f.sha256(), null))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
        return new PackageDescription(
                id,
                inventory.headVersion(),
                PackageFormat.TT05_SIP,
                inventory.created(),
                DescriptiveRecord.empty(AccessRegime.UNKNOWN),
                files,
                List.of());
    }
}
