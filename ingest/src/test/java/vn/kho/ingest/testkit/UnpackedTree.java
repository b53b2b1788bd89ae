package vn.kho.ingest.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import vn.kho.ingest.bagit.BagDigests;
import vn.kho.ingest.unpack.DigestAlgorithms;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * Stands in for the unzipper in tests: hashes files already on disk, or unpacks a trusted test zip, and describes them
 * as {@link UnpackedFile}s exactly as the unzipper would (forward slashes, NFC paths, sha256 plus the algorithms the
 * bag's manifests need). It does none of the unzipper's safety checks: use it on packages the tests made or on the
 * shared fixtures only. Free of JUnit so any module's tests can use it.
 */
public final class UnpackedTree {
    private UnpackedTree() {}

    /**
     * Describes every regular file below {@code root} with paths relative to {@code unpackDir} (which is {@code root}
     * itself or one of its ancestors, as when a zip has a base folder), computing sha256 and the digests
     * {@link BagDigests#algorithmsFor} asks for.
     */
    public static List<UnpackedFile> hash(Path unpackDir, Path root) {
        List<Path> paths = regularFiles(root);
        List<String> names = new ArrayList<>();
        for (Path p : paths) {
            names.add(name(unpackDir, p));
        }
        Set<String> algorithms = new TreeSet<>(BagDigests.algorithmsFor(names));
        algorithms.add("sha256");
        List<UnpackedFile> files = new ArrayList<>();
        for (Path p : paths) {
            files.add(describe(name(unpackDir, p), p, algorithms));
        }
        return files;
    }

    /** Unpacks a trusted test zip into {@code dir} and describes its files as the unzipper would. */
    public static List<UnpackedFile> unzip(Path zip, Path dir) {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream zin = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zin.getNextEntry()) != null) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException("test zip entry escapes: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        zin.transferTo(out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hash(dir, dir);
    }

    /** The digest of {@code file} by BagIt algorithm name, lower-case hex. */
    public static String digest(Path file, String algorithm) {
        return describe("x", file, Set.of("sha256", algorithm)).digests().get(algorithm);
    }

    /** The digest of {@code bytes} by BagIt algorithm name, lower-case hex. */
    public static String digest(byte[] bytes, String algorithm) {
        return HexFormat.of().formatHex(messageDigest(algorithm).digest(bytes));
    }

    private static UnpackedFile describe(String name, Path file, Set<String> algorithms) {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String a : algorithms) {
            digests.put(a, messageDigest(a));
        }
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
                for (MessageDigest d : digests.values()) {
                    d.update(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> hex = new LinkedHashMap<>();
        digests.forEach((a, d) -> hex.put(a, HexFormat.of().formatHex(d.digest())));
        return new UnpackedFile(name, size, hex);
    }

    /** The unzipper's own mapping of BagIt names, so tests hash exactly as production does. */
    private static MessageDigest messageDigest(String algorithm) {
        return DigestAlgorithms.newDigest(algorithm);
    }

    private static String name(Path unpackDir, Path file) {
        String rel = unpackDir.relativize(file).toString().replace('\\', '/');
        return Normalizer.normalize(rel, Normalizer.Form.NFC);
    }

    private static List<Path> regularFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
