package vn.kho.ingest.csip;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import vn.kho.ingest.PackageDetector;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.unpack.SafeUnzipper;
import vn.kho.ingest.unpack.UnpackLimits;
import vn.kho.ingest.unpack.UnpackedPackage;

/** Turns zips and test-kit SIPs into the {@link PackageRoot} the validator reads, the way ingest does. */
final class CsipPackages {
    private CsipPackages() {}

    /** Unpacks {@code zip} with the real unzipper into {@code dir} and detects its root. */
    static PackageRoot unzip(Path zip, Path dir) {
        UnpackedPackage unpacked = new SafeUnzipper(UnpackLimits.defaults()).unpack(zip, dir);
        if (unpacked.findings().stream().anyMatch(f -> f.isError())) {
            throw new IllegalStateException("test zip rejected: " + unpacked.findings());
        }
        return PackageDetector.detect(dir, unpacked.files()).root();
    }

    /** The SIP the builder makes, zipped and unpacked below {@code tmp}. */
    static PackageRoot of(Tt05SipBuilder builder, Path tmp) {
        return unzip(builder.writeZip(tmp.resolve("sip.zip")), tmp.resolve("unpacked"));
    }

    /** The builder's SIP with its file {@code path} (a METS file) rewritten by {@code edit}. */
    static PackageRoot edited(Tt05SipBuilder builder, String path, UnaryOperator<String> edit, Path tmp) {
        Map<String, byte[]> files = new LinkedHashMap<>(builder.files());
        String before = new String(files.get(path), StandardCharsets.UTF_8);
        String after = edit.apply(before);
        if (after.equals(before)) {
            throw new IllegalArgumentException("the edit changed nothing in " + path);
        }
        files.put(path, after.getBytes(StandardCharsets.UTF_8));
        return withFiles(builder.folderName(), files, tmp);
    }

    /** A package made of exactly {@code files} below the root folder {@code folder} ("" for none). */
    static PackageRoot withFiles(String folder, Map<String, byte[]> files, Path tmp) {
        Path zip = tmp.resolve("edited.zip");
        String prefix = folder.isEmpty() ? "" : folder + "/";
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(prefix + e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return unzip(zip, tmp.resolve("unpacked-edited"));
    }
}
