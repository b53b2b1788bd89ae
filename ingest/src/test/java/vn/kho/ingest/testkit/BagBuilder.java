package vn.kho.ingest.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fresh, valid BagIt 1.0 bag: {@code bagit.txt}, {@code bag-info.txt} with {@code Payload-Oxum},
 * {@code manifest-sha256.txt} and {@code manifest-sha512.txt}, and tag manifests in both algorithms. Knobs let tests
 * break one thing at a time. Deterministic: the same calls give the same bytes. Free of JUnit.
 *
 * <pre>{@code
 * Path bag = BagBuilder.create().payload("report.txt", bytes).info("Title", "Báo cáo").writeDirectory(dir);
 * }</pre>
 */
public final class BagBuilder {
    private static final List<String> ALGORITHMS = List.of("sha256", "sha512");

    private final Map<String, byte[]> payload = new LinkedHashMap<>();
    private final List<String[]> info = new ArrayList<>();
    private final List<String> fetchLines = new ArrayList<>();
    private final Map<String, byte[]> extraTagFiles = new LinkedHashMap<>();
    private String folderName = "bag";
    private String payloadOxum;
    private boolean tagManifests = true;

    private BagBuilder() {
        info.add(new String[] {"Bag-Software-Agent", "Kho test kit"});
        info.add(new String[] {"Bagging-Date", "2025-07-01"});
    }

    public static BagBuilder create() {
        return new BagBuilder();
    }

    /** A payload file at {@code data/<path>}. */
    public BagBuilder payload(String path, byte[] content) {
        payload.put(path, content.clone());
        return this;
    }

    public BagBuilder payload(String path, String utf8) {
        return payload(path, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a bag-info element (repeatable labels keep every value). */
    public BagBuilder info(String label, String value) {
        info.add(new String[] {label, value});
        return this;
    }

    /** Writes this exact Payload-Oxum instead of the true one. */
    public BagBuilder payloadOxum(String value) {
        this.payloadOxum = value;
        return this;
    }

    /** Adds a fetch.txt line; the file at {@code path} is written only if it is also added as payload. */
    public BagBuilder fetch(String url, String path) {
        fetchLines.add(url + " - " + path);
        return this;
    }

    /** An extra tag file (outside data/), listed in the tag manifests. */
    public BagBuilder tagFile(String path, String utf8) {
        extraTagFiles.put(path, utf8.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public BagBuilder withoutTagManifests() {
        this.tagManifests = false;
        return this;
    }

    /** The bag's folder name when written with a base directory (default {@code bag}). */
    public BagBuilder folderName(String name) {
        this.folderName = name;
        return this;
    }

    /** Writes the bag into {@code parent/<folder name>} and returns that folder. */
    public Path writeDirectory(Path parent) {
        Path bag = parent.resolve(folderName);
        try {
            Files.createDirectories(bag);
            Map<String, byte[]> tags = new LinkedHashMap<>();
            tags.put(
                    "bagit.txt",
                    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes(StandardCharsets.UTF_8));
            long octets = 0;
            for (Map.Entry<String, byte[]> e : payload.entrySet()) {
                Path file = bag.resolve("data").resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
                octets += e.getValue().length;
            }
            StringBuilder bagInfo = new StringBuilder();
            for (String[] element : info) {
                bagInfo.append(element[0]).append(": ").append(element[1]).append('\n');
            }
            bagInfo.append("Payload-Oxum: ")
                    .append(payloadOxum != null ? payloadOxum : octets + "." + payload.size())
                    .append('\n');
            tags.put("bag-info.txt", bagInfo.toString().getBytes(StandardCharsets.UTF_8));
            if (!fetchLines.isEmpty()) {
                tags.put("fetch.txt", (String.join("\n", fetchLines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            tags.putAll(extraTagFiles);
            for (String algorithm : ALGORITHMS) {
                StringBuilder manifest = new StringBuilder();
                for (Map.Entry<String, byte[]> e : payload.entrySet()) {
                    manifest.append(UnpackedTree.digest(e.getValue(), algorithm))
                            .append("  ")
                            .append(encode("data/" + e.getKey()))
                            .append('\n');
                }
                tags.put("manifest-" + algorithm + ".txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> e : tags.entrySet()) {
                Path file = bag.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            if (tagManifests) {
                for (String algorithm : ALGORITHMS) {
                    StringBuilder manifest = new StringBuilder();
                    for (Map.Entry<String, byte[]> e : tags.entrySet()) {
                        manifest.append(UnpackedTree.digest(e.getValue(), algorithm))
                                .append("  ")
                                .append(encode(e.getKey()))
                                .append('\n');
                    }
                    Files.writeString(bag.resolve("tagmanifest-" + algorithm + ".txt"), manifest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bag;
    }

    /** Writes the bag as a zip, with or without its folder as base directory. */
    public Path writeZip(Path zipFile, boolean withBaseDirectory) {
        try {
            Path work = Files.createTempDirectory(zipFile.toAbsolutePath().getParent(), ".bag-");
            Path bag = writeDirectory(work);
            BagZipper.zip(bag, zipFile, withBaseDirectory);
            deleteTree(work);
            return zipFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded. */
    static String encode(String path) {
        return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
