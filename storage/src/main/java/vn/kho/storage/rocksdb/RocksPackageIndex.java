package vn.kho.storage.rocksdb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.CopySchedule;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

/**
 * The package index in one RocksDB: column family {@code packages} keyed by the package's UUID (lowercase text, so key
 * order is id order), {@code files} keyed by UUID, a NUL byte and the logical path (so one prefix scan lists a
 * package's files, in path order). Values are JSON (Jackson, with java.time as ISO-8601 text).
 *
 * <p>Writes are not synced: the index is derived from the replicas and rebuilt from them after a loss. The WAL is kept
 * so that a process crash (not a power cut) loses nothing. Updates of one entry (verification, state) are
 * read-modify-write and serialised by this object's monitor.
 */
public final class RocksPackageIndex implements PackageIndex, CopySchedule {
    private static final byte[] PACKAGES = "packages".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FILES = "files".getBytes(StandardCharsets.UTF_8);
    /** The copy schedule: due time (8 bytes, big-endian epoch millis) + package uuid + 0 + replica id → nothing. */
    private static final byte[] DUE = "due".getBytes(StandardCharsets.UTF_8);
    /** The copy schedule's reverse map: package uuid + 0 + replica id → its due time (8 bytes). */
    private static final byte[] COPIES = "copies".getBytes(StandardCharsets.UTF_8);

    private static final byte SEPARATOR = 0;
    /** Every key here starts with an ASCII UUID character, so [empty, 0xFF) covers a whole column family. */
    private static final byte[] FIRST_KEY = new byte[0];

    private static final byte[] BEYOND_LAST_KEY = {(byte) 0xFF};

    static {
        RocksDB.loadLibrary();
    }

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final ColumnFamilyHandle packages;
    private final ColumnFamilyHandle files;
    private final ColumnFamilyHandle due;
    private final ColumnFamilyHandle copies;
    private boolean closed;

    /** Opens (creating if absent) the index in {@code dir}. */
    public RocksPackageIndex(Path dir) {
        dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        cfOptions = new ColumnFamilyOptions();
        writeOptions = new WriteOptions().setSync(false);
        try {
            Files.createDirectories(dir);
            db = RocksDB.open(
                    dbOptions,
                    dir.toString(),
                    List.of(
                            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                            new ColumnFamilyDescriptor(PACKAGES, cfOptions),
                            new ColumnFamilyDescriptor(FILES, cfOptions),
                            new ColumnFamilyDescriptor(DUE, cfOptions),
                            new ColumnFamilyDescriptor(COPIES, cfOptions)),
                    handles);
        } catch (RocksDBException | IOException e) {
            handles.forEach(ColumnFamilyHandle::close);
            writeOptions.close();
            cfOptions.close();
            dbOptions.close();
            throw new StorageFailureException("INDEX_UNAVAILABLE", "cannot open the index at " + dir + ": " + e, e);
        }
        packages = handles.get(1);
        files = handles.get(2);
        due = handles.get(3);
        copies = handles.get(4);
    }

    @Override
    public synchronized void put(IndexedPackage pkg, List<IndexedFile> packageFiles) {
        PackageId id = pkg.description().id();
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(files, fileKey(id, ""), fileRangeEnd(id));
            batch.put(packages, packageKey(id), encode(pkg));
            for (IndexedFile file : packageFiles) {
                batch.put(files, fileKey(id, file.file().path()), encode(file));
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write package " + id, e);
        }
    }

    @Override
    public Optional<IndexedPackage> get(PackageId id) {
        return Optional.ofNullable(read(packages, packageKey(id), IndexedPackage.class));
    }

    @Override
    public List<IndexedPackage> list(PackageId after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0");
        }
        List<IndexedPackage> page = new ArrayList<>();
        try (RocksIterator it = db.newIterator(packages)) {
            if (after == null) {
                it.seekToFirst();
            } else {
                byte[] start = packageKey(after);
                it.seek(start);
                if (it.isValid() && Arrays.equals(it.key(), start)) {
                    it.next();
                }
            }
            for (; it.isValid() && page.size() < limit; it.next()) {
                page.add(decode(it.value(), IndexedPackage.class));
            }
            check(it);
        }
        return page;
    }

    @Override
    public long count() {
        long n = 0;
        try (RocksIterator it = db.newIterator(packages)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
            check(it);
        }
        return n;
    }

    @Override
    public List<IndexedFile> files(PackageId id) {
        byte[] prefix = fileKey(id, "");
        List<IndexedFile> result = new ArrayList<>();
        try (RocksIterator it = db.newIterator(files)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                result.add(decode(it.value(), IndexedFile.class));
            }
            check(it);
        }
        return result;
    }

    @Override
    public Optional<IndexedFile> file(PackageId id, String logicalPath) {
        return Optional.ofNullable(read(files, fileKey(id, logicalPath), IndexedFile.class));
    }

    /**
     * Replaces the copy status of {@code replicaId} (keeping its storage path), or adds one if the file had none.
     *
     * @throws NotFoundException {@code FILE_NOT_FOUND} if the index has no such file
     */
    @Override
    public synchronized void recordVerification(
            PackageId id, String logicalPath, String replicaId, Instant when, String outcome) {
        IndexedFile file = file(id, logicalPath)
                .orElseThrow(() -> new NotFoundException(
                        "FILE_NOT_FOUND", "the index has no file " + logicalPath + " in " + id.urn()));
        write(files, fileKey(id, logicalPath), withCopy(file, replicaId, when, outcome));
    }

    /**
     * Reads the package's files once, applies every outcome, and writes the changed files in one batch.
     *
     * @throws NotFoundException {@code FILE_NOT_FOUND} if the index has no file named by one of {@code verifications}
     */
    @Override
    public synchronized void recordVerifications(PackageId id, List<Verification> verifications) {
        java.util.Map<String, IndexedFile> byPath = new java.util.HashMap<>();
        for (IndexedFile f : files(id)) {
            byPath.put(f.file().path(), f);
        }
        java.util.Set<String> changed = new java.util.LinkedHashSet<>();
        for (Verification v : verifications) {
            IndexedFile file = byPath.get(v.logicalPath());
            if (file == null) {
                throw new NotFoundException(
                        "FILE_NOT_FOUND", "the index has no file " + v.logicalPath() + " in " + id.urn());
            }
            byPath.put(v.logicalPath(), withCopy(file, v.replicaId(), v.when(), v.outcome()));
            changed.add(v.logicalPath());
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (String path : changed) {
                batch.put(files, fileKey(id, path), encode(byPath.get(path)));
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("record the verifications of " + id, e);
        }
    }

    private static IndexedFile withCopy(IndexedFile file, String replicaId, Instant when, String outcome) {
        List<CopyStatus> copies = new ArrayList<>();
        boolean found = false;
        for (CopyStatus copy : file.copies()) {
            if (copy.replicaId().equals(replicaId)) {
                copies.add(new CopyStatus(replicaId, copy.storagePath(), when, outcome));
                found = true;
            } else {
                copies.add(copy);
            }
        }
        if (!found) {
            copies.add(new CopyStatus(replicaId, null, when, outcome));
        }
        return new IndexedFile(file.file(), copies);
    }

    /** @throws NotFoundException {@code PACKAGE_NOT_FOUND} if the index has no such package */
    @Override
    public synchronized void setState(PackageId id, PackageState state) {
        IndexedPackage pkg = get(id).orElseThrow(
                        () -> new NotFoundException("PACKAGE_NOT_FOUND", "the index has no package " + id.urn()));
        write(packages, packageKey(id), new IndexedPackage(pkg.description(), state));
    }

    @Override
    public synchronized void remove(PackageId id) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(packages, packageKey(id));
            batch.deleteRange(files, fileKey(id, ""), fileRangeEnd(id));
            unschedule(id, batch);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("remove package " + id, e);
        }
    }

    @Override
    public synchronized void clear() {
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(packages, FIRST_KEY, BEYOND_LAST_KEY);
            batch.deleteRange(files, FIRST_KEY, BEYOND_LAST_KEY);
            batch.deleteRange(due, FIRST_KEY, BEYOND_LAST_KEY);
            batch.deleteRange(copies, FIRST_KEY, BEYOND_LAST_KEY);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("clear the index", e);
        }
    }

    @Override
    public synchronized void schedule(PackageId id, String replicaId, Instant when) {
        byte[] copy = fileKey(id, replicaId);
        try (WriteBatch batch = new WriteBatch()) {
            byte[] previous = db.get(copies, copy);
            if (previous != null) {
                batch.delete(due, dueKey(ByteBuffer.wrap(previous).getLong(), copy));
            }
            long millis = when.toEpochMilli();
            batch.put(due, dueKey(millis, copy), new byte[0]);
            batch.put(
                    copies,
                    copy,
                    ByteBuffer.allocate(Long.BYTES).putLong(millis).array());
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("schedule a copy of " + id, e);
        }
    }

    @Override
    public List<CopySchedule.DueCopy> due(Instant now, int limit) {
        List<CopySchedule.DueCopy> out = new ArrayList<>();
        long until = now.toEpochMilli();
        try (RocksIterator it = db.newIterator(due)) {
            for (it.seekToFirst(); it.isValid() && out.size() < limit; it.next()) {
                CopySchedule.DueCopy copy = dueCopy(it.key());
                if (copy.due().toEpochMilli() > until) {
                    break;
                }
                out.add(copy);
            }
            check(it);
        }
        return out;
    }

    @Override
    public Optional<Instant> nextDue(PackageId id, String replicaId) {
        try {
            byte[] millis = db.get(copies, fileKey(id, replicaId));
            return millis == null
                    ? Optional.empty()
                    : Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(millis).getLong()));
        } catch (RocksDBException e) {
            throw failure("read the schedule of " + id, e);
        }
    }

    @Override
    public Optional<CopySchedule.DueCopy> first() {
        try (RocksIterator it = db.newIterator(due)) {
            it.seekToFirst();
            check(it);
            return it.isValid() ? Optional.of(dueCopy(it.key())) : Optional.empty();
        }
    }

    @Override
    public long scheduled() {
        long n = 0;
        try (RocksIterator it = db.newIterator(copies)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
            check(it);
        }
        return n;
    }

    @Override
    public synchronized void unschedule(PackageId id) {
        try (WriteBatch batch = new WriteBatch()) {
            unschedule(id, batch);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("unschedule " + id, e);
        }
    }

    private void unschedule(PackageId id, WriteBatch batch) throws RocksDBException {
        byte[] prefix = fileKey(id, "");
        try (RocksIterator it = db.newIterator(copies)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                batch.delete(due, dueKey(ByteBuffer.wrap(it.value()).getLong(), it.key()));
            }
            check(it);
        }
        batch.deleteRange(copies, prefix, fileRangeEnd(id));
    }

    private static byte[] dueKey(long millis, byte[] copy) {
        return ByteBuffer.allocate(Long.BYTES + copy.length)
                .putLong(millis)
                .put(copy)
                .array();
    }

    private static CopySchedule.DueCopy dueCopy(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        long millis = b.getLong();
        String rest = new String(key, Long.BYTES, key.length - Long.BYTES, StandardCharsets.UTF_8);
        int sep = rest.indexOf((char) SEPARATOR);
        return new CopySchedule.DueCopy(
                PackageId.parse(rest.substring(0, sep)), rest.substring(sep + 1), Instant.ofEpochMilli(millis));
    }

    /** Closes the column families, the database and then the options, in reverse order of creation. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = handles.size() - 1; i >= 0; i--) {
            handles.get(i).close();
        }
        db.close();
        writeOptions.close();
        cfOptions.close();
        dbOptions.close();
    }

    private static byte[] packageKey(PackageId id) {
        return id.uuid().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fileKey(PackageId id, String logicalPath) {
        byte[] uuid = packageKey(id);
        byte[] path = logicalPath.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[uuid.length + 1 + path.length];
        System.arraycopy(uuid, 0, key, 0, uuid.length);
        key[uuid.length] = SEPARATOR;
        System.arraycopy(path, 0, key, uuid.length + 1, path.length);
        return key;
    }

    /** The first key after every file key of {@code id}: the UUID followed by 0x01. */
    private static byte[] fileRangeEnd(PackageId id) {
        byte[] end = fileKey(id, "");
        end[end.length - 1] = SEPARATOR + 1;
        return end;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private <T> T read(ColumnFamilyHandle cf, byte[] key, Class<T> type) {
        try {
            byte[] value = db.get(cf, key);
            return value == null ? null : decode(value, type);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    private void write(ColumnFamilyHandle cf, byte[] key, Object value) {
        try {
            db.put(cf, writeOptions, key, encode(value));
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    private byte[] encode(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new StorageFailureException(
                    "INDEX_FAILURE", "cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T decode(byte[] value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new StorageFailureException("INDEX_FAILURE", "cannot decode a " + type.getSimpleName(), e);
        }
    }

    private static void check(RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw failure("iterate", e);
        }
    }

    private static StorageFailureException failure(String what, RocksDBException e) {
        return new StorageFailureException("INDEX_FAILURE", "index: cannot " + what + ": " + e.getMessage(), e);
    }
}
