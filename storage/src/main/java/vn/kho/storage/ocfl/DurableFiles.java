package vn.kho.storage.ocfl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * File operations that reach the disk before they return: copies whose bytes and directory entries are fsynced,
 * atomic renames followed by an fsync of both parents, directory creation that fsyncs each new entry. ocfl-java does
 * none of this itself, so everything that makes a replica copy durable goes through here.
 */
public final class DurableFiles {
    private static final int FORCE_THREADS = 16;

    private DurableFiles() {}

    public static void fsyncFile(Path file) throws IOException {
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

    /**
     * Copies one file byte-for-byte with {@link Files#copy} (a kernel-side copy on Linux; on JDK 17 it beat
     * {@code FileChannel.transferTo}, which maps the source). The target must not exist. Not yet forced.
     */
    static void copyFile(Path source, Path target) throws IOException {
        Files.copy(source, target);
    }

    /**
     * Writes {@code in} (read to its end, in 64 KiB pieces) to the new file {@code target}, hashing the bytes on their
     * way, and forces the file to disk.
     *
     * @return the sha256 of the bytes written, lowercase hex
     */
    static String writeHashed(InputStream in, Path target) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            out.force(true);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** How one file gets into the copy: {@link #copyFile}, or a hard link where that is allowed. */
    @FunctionalInterface
    interface Placer {
        void place(Path source, Path target) throws IOException;
    }

    /** Copies the tree {@code source} to {@code target} with {@link #copyFile}; see {@link #copyTree(Path, Path, Placer)}. */
    static void copyTree(Path source, Path target) throws IOException {
        copyTree(source, target, DurableFiles::copyFile);
    }

    /**
     * Places every file of the directory tree {@code source} under {@code target} (which must not exist) with
     * {@code placer} and makes the tree durable: each file is handed to a {@link Forcing} pool as soon as it is placed,
     * so the disk writes it back while the next files are copied, instead of idling until the whole copy is in the page
     * cache; then, when every file is forced, every directory is fsynced (deepest first). When this returns the whole
     * tree is on disk and a rename of {@code target} publishes it in one step.
     */
    static void copyTree(Path source, Path target, Placer placer) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Forcing forcing = new Forcing()) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path copy = mirror(dir);
                    Files.createDirectory(copy);
                    dirs.add(copy);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        throw new IOException("not a regular file in a staged object: " + file);
                    }
                    Path copy = mirror(file);
                    placer.place(file, copy);
                    forcing.add(copy);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    return FileVisitResult.CONTINUE;
                }

                private Path mirror(Path p) {
                    return target.resolve(source.relativize(p).toString());
                }
            });
            forcing.await();
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            fsyncDir(dirs.get(i));
        }
    }

    /**
     * Forces every file to disk, from several threads at once: fsyncs issued together are committed together by the
     * filesystem's journal (ext4, XFS), so a thousand small files cost a few commits instead of a thousand. Returns
     * when every file is durable; the first failure is thrown.
     */
    public static void forceAll(List<Path> files) throws IOException {
        if (files.size() <= 1) {
            for (Path f : files) {
                fsyncFile(f);
            }
            return;
        }
        try (Forcing forcing = new Forcing()) {
            for (Path f : files) {
                forcing.add(f);
            }
            forcing.await();
        }
    }

    /**
     * Files forced to disk in the background as they are added, from up to {@value #FORCE_THREADS} threads (fsyncs
     * issued together share the journal's commits). {@link #await} returns when every added file is durable and
     * throws the first failure; {@link #close} stops the threads (after a failure, without waiting for the rest).
     */
    public static final class Forcing implements AutoCloseable {
        private final java.util.concurrent.ExecutorService pool;
        private final List<java.util.concurrent.Future<?>> pending = new ArrayList<>();

        public Forcing() {
            pool = new java.util.concurrent.ThreadPoolExecutor(
                    FORCE_THREADS,
                    FORCE_THREADS,
                    10,
                    java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "kho-fsync");
                        t.setDaemon(true);
                        return t;
                    });
        }

        /** Starts forcing {@code file} (its data and metadata) to disk. */
        public void add(Path file) {
            pending.add(pool.submit(() -> {
                fsyncFile(file);
                return null;
            }));
        }

        /** Waits until every added file is durable. */
        public void await() throws IOException {
            try {
                for (java.util.concurrent.Future<?> f : pending) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while forcing files to disk");
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * Starts writing files back to disk early, in the background, promising nothing: a head start for files that a
     * replica will take by hard link and force later (an ingest's unpacked files), so the disk writes them while the
     * ingest is still checking instead of during the store. Failures (a file already deleted, a disk error) are
     * ignored; the replica's own fsync is what makes a file durable and reports errors. {@link #close} returns at
     * once; what is queued still runs, on daemon threads.
     */
    public static final class Writeback implements AutoCloseable {
        private final java.util.concurrent.ExecutorService pool;

        public Writeback() {
            pool = new java.util.concurrent.ThreadPoolExecutor(
                    4,
                    4,
                    10,
                    java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "kho-writeback");
                        t.setDaemon(true);
                        return t;
                    });
        }

        public void add(Path file) {
            try {
                pool.execute(() -> {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(false);
                    } catch (IOException | RuntimeException e) {
                        // only a head start: the replica's fsync makes the file durable and reports failures
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed: no head start for this one
            }
        }

        @Override
        public void close() {
            pool.shutdown();
        }
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
    /** Deletes a directory tree (or a file); a missing root, or entries vanishing meanwhile, are fine. */
    public static void deleteTree(Path root) throws IOException {
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
