package vn.kho.storage.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import vn.kho.repository.StorageFailureException;

/**
 * A RocksDB database of operational state that cannot be rebuilt (the ingest journal, the audit store): opened
 * (created if absent) with its column families, every write through {@link #sync()} durable when it returns (synced
 * write-ahead log), and closed in reverse order of opening.
 */
public final class SyncedRocksDb implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final DBOptions options;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions sync;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();

    /**
     * Opens the database in {@code dir} with the default column family and {@code families}, in that order.
     *
     * @param code the error code when it cannot be opened, e.g. {@code JOURNAL_UNAVAILABLE}
     * @param what what it is, for the message ("the journal")
     */
    public SyncedRocksDb(Path dir, String code, String what, String... families) {
        options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        cfOptions = new ColumnFamilyOptions();
        sync = new WriteOptions().setSync(true);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (String name : families) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
        }
        try {
            Files.createDirectories(dir);
            db = RocksDB.open(options, dir.toString(), descriptors, handles);
        } catch (RocksDBException | IOException e) {
            sync.close();
            cfOptions.close();
            options.close();
            throw new StorageFailureException(code, "cannot open " + what + " at " + dir + ": " + e, e);
        }
    }

    public RocksDB db() {
        return db;
    }

    /** Write options that sync the write-ahead log before a write returns. */
    public WriteOptions sync() {
        return sync;
    }

    /** The column family named {@code families[i]} at opening (0 is the first named, not the default). */
    public ColumnFamilyHandle family(int i) {
        return handles.get(i + 1);
    }

    @Override
    public void close() {
        for (int i = handles.size() - 1; i >= 0; i--) {
            handles.get(i).close();
        }
        db.close();
        sync.close();
        cfOptions.close();
        options.close();
    }
}
