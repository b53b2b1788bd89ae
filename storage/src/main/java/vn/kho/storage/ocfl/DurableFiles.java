package vn.kho.storage.ocfl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * File operations that reach the disk before they return: copies whose bytes and directory entries are fsynced,
 * atomic renames followed by an fsync of both parents, directory creation that fsyncs each new entry. ocfl-java does
 * none of this itself, so everything that makes a replica copy durable goes through here.
 */
final class DurableFiles {
    private DurableFiles() {}

    static void fsyncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** On Linux a directory opened read-only can be fsynced; this makes its entries (creates, renames) durable. */
    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Copies one file byte-for-byte and forces its content and metadata to disk. The target must not exist. */
    static void copyFile(Path source, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                position += in.transferTo(position, size - position, out);
            }
            out.force(true);
        }
    }

    /**
     * Copies the directory tree {@code source} to {@code target} (which must not exist): every file is forced to disk
     * and every directory is fsynced after its last entry was written, so that when this returns the whole tree is
     * durable and a rename of {@code target} publishes it in one step.
     */
    static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(mirror(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    throw new IOException("not a regular file in a staged object: " + file);
                }
                copyFile(file, mirror(file));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                fsyncDir(mirror(dir));
                return FileVisitResult.CONTINUE;
            }

            private Path mirror(Path p) {
                return target.resolve(source.relativize(p).toString());
            }
        });
    }

    /** Renames atomically within one filesystem and makes the rename durable by fsyncing both parents. */
    static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            fsyncDir(from.getParent());
        }
    }

    /** Creates {@code dir} and its missing parents, fsyncing the parent of each directory it creates. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return;
            }
            throw e;
        }
        fsyncDir(dir.getParent());
    }

    /** Deletes a tree if present. Not atomic: callers first rename the tree out of sight. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTreeUnchecked(Path root) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
