package vn.kho.ingest.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips an existing bag directory (for example a conformance-suite bag) byte for byte, streaming each file, with or
 * without the bag's folder as base directory. Entries are sorted and stamped with a fixed time so the same folder
 * always gives the same zip. Free of JUnit.
 */
public final class BagZipper {
    /** The time stamped on every entry Kho's test kit writes (2025-07-01, when TT05/2025 took effect). */
    public static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2025-07-01T00:00:00Z"));

    private BagZipper() {}

    /**
     * Writes {@code zipFile} holding every regular file below {@code bagDir}. With {@code withBaseDirectory} the
     * entries are {@code <bag folder name>/<path>}, else {@code <path>}.
     */
    public static Path zip(Path bagDir, Path zipFile, boolean withBaseDirectory) {
        String base = withBaseDirectory ? bagDir.getFileName().toString() + "/" : "";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(bagDir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(zipFile);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                String name = base + bagDir.relativize(file).toString().replace('\\', '/');
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(FIXED_TIME);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipFile;
    }
}
