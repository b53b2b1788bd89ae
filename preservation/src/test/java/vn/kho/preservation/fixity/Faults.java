package vn.kho.preservation.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Damage done to one copy on disk, the way disks, people and programs do it. */
public final class Faults {
    private Faults() {}

    /** Flips one bit in the middle of the file. */
    public static void flipBit(Path file) {
        byte[] bytes = Archive.read(file);
        bytes[bytes.length / 2] ^= 0x10;
        write(file, bytes);
    }

    /** Cuts the file to half its length. */
    static void truncate(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the file impossible to read: permissions 000 where that stops this process. Running as root (as in the CI
     * container), permissions stop nothing, so the file is replaced by a directory of the same name instead: opening
     * or reading it then fails with an I/O error, as a failing disk's sector would.
     *
     * @return how it was done, for the test's messages
     */
    static String makeUnreadable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            try (InputStream in = Files.newInputStream(file)) {
                in.read();
            } catch (IOException e) {
                return "permissions 000";
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Files.delete(file);
            Files.createDirectory(file);
            return "replaced by a directory (running as root, permissions 000 stop nothing)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
