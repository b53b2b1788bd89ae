package vn.kho.ingest.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A SIP ready to be written: every file by its path in the package, in the order it goes into the zip, below one root
 * folder. Written as a zip or as a folder, each file streamed from its source.
 *
 * @param rootFolder the zip's root folder; "" for none
 * @param modified the modification time given to every zip entry, so that the same package gives the same bytes
 * @param files every file's content by its package path, in zip order
 */
public record SipLayout(String rootFolder, Instant modified, Map<String, SipSource> files) {
    public SipLayout {
        Objects.requireNonNull(rootFolder, "rootFolder");
        Objects.requireNonNull(modified, "modified");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** This layout with {@code path} holding {@code content}: in its place if it is there, else last. */
    public SipLayout withFile(String path, SipSource content) {
        Map<String, SipSource> copy = new LinkedHashMap<>(files);
        copy.put(path, content);
        return new SipLayout(rootFolder, modified, copy);
    }

    /** This layout without the file at {@code path}. */
    public SipLayout withoutFile(String path) {
        Map<String, SipSource> copy = new LinkedHashMap<>(files);
        copy.remove(path);
        return new SipLayout(rootFolder, modified, copy);
    }

    /** Writes the package as a zip (entries below {@link #rootFolder}) to {@code zipFile}, and returns it. */
    public Path writeZip(Path zipFile) {
        String prefix = rootFolder.isEmpty() ? "" : rootFolder + "/";
        FileTime time = FileTime.from(modified);
        try (OutputStream out = Files.newOutputStream(zipFile);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, SipSource> e : files.entrySet()) {
                ZipEntry entry = new ZipEntry(prefix + e.getKey());
                entry.setLastModifiedTime(time);
                zip.putNextEntry(entry);
                try (InputStream in = e.getValue().open()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipFile;
    }

    /** Writes the package unzipped into {@code parent/<root folder>} and returns that folder. */
    public Path writeDirectory(Path parent) {
        Path root = rootFolder.isEmpty() ? parent : parent.resolve(rootFolder);
        try {
            for (Map.Entry<String, SipSource> e : files.entrySet()) {
                Path file = root.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                try (InputStream in = e.getValue().open()) {
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
