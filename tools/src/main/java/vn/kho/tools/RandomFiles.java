package vn.kho.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import vn.kho.storage.StagedFile;

/** Files of random (incompressible) bytes, hashed as they are written, ready for {@code OcflObjectBuilder}. */
final class RandomFiles {
    private RandomFiles() {}

    /**
     * Writes {@code files} files of {@code size} bytes under {@code dir}, at {@code data/dNNN/fNNNNN.bin} (1,000 to a
     * folder), from a generator seeded with {@code seed}.
     *
     * @return one {@link StagedFile} per file, its logical path the same relative path
     */
    static List<StagedFile> write(Path dir, int files, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[size];
        List<StagedFile> staged = new ArrayList<>(files);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < files; i++) {
                for (int j = 0; j < size; j += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8 && j + k < size; k++) {
                        buf[j + k] = (byte) (v >>> (8 * k));
                    }
                }
                String logical = String.format("data/d%03d/f%05d.bin", i / 1000, i);
                Path file = dir.resolve(logical);
                Files.createDirectories(file.getParent());
                Files.write(file, buf);
                staged.add(new StagedFile(logical, file, HexFormat.of().formatHex(sha.digest(buf)), size));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return staged;
    }
}
