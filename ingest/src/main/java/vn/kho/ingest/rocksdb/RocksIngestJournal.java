package vn.kho.ingest.rocksdb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestJournal;
import vn.kho.ingest.job.Receipt;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.rocksdb.SyncedRocksDb;

/**
 * The journal in RocksDB. Every write uses {@code WriteOptions.setSync(true)}: it is on disk (WAL fsynced) before the
 * call returns, so an acknowledged ingest survives a crash or power loss.
 *
 * <p>Column families: {@code jobs} (job id → JSON), {@code uploads} (upload sha256 → job id), {@code claims}
 * (package uuid → job id), {@code graphs} (package uuid → "publish" | "remove").
 */
public final class RocksIngestJournal implements IngestJournal {
    /** A receipt's two values: its JSON, and its signature, under the job id plus one of these suffixes. */
    private static final String RECEIPT_JSON = "/json";

    private static final String RECEIPT_SIGNATURE = "/p7s";

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SyncedRocksDb store;
    private final WriteOptions sync;
    private final RocksDB db;
    private final ColumnFamilyHandle jobs;
    private final ColumnFamilyHandle uploads;
    private final ColumnFamilyHandle claims;
    private final ColumnFamilyHandle graphs;
    private final ColumnFamilyHandle receipts;

    public RocksIngestJournal(Path dir) {
        store = new SyncedRocksDb(
                dir, "JOURNAL_UNAVAILABLE", "the journal", "jobs", "uploads", "claims", "graphs", "receipts");
        db = store.db();
        sync = store.sync();
        jobs = store.family(0);
        uploads = store.family(1);
        claims = store.family(2);
        graphs = store.family(3);
        receipts = store.family(4);
    }

    @Override
    public void put(IngestJob job) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(jobs, bytes(job.id().toString()), json.writeValueAsBytes(job));
            batch.put(uploads, bytes(job.uploadSha256()), bytes(job.id().toString()));
            db.write(sync, batch);
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void putFinal(IngestJob job, Receipt receipt) {
        if (!job.status().isFinal()) {
            throw new IllegalArgumentException("job " + job.id() + " is not final: " + job.status());
        }
        try (WriteBatch batch = new WriteBatch()) {
            if (db.get(receipts, bytes(job.id() + RECEIPT_JSON)) != null) {
                throw new IllegalStateException("job " + job.id() + " already has its receipt");
            }
            batch.put(jobs, bytes(job.id().toString()), json.writeValueAsBytes(job));
            batch.put(uploads, bytes(job.uploadSha256()), bytes(job.id().toString()));
            batch.put(receipts, bytes(job.id() + RECEIPT_JSON), receipt.json());
            batch.put(receipts, bytes(job.id() + RECEIPT_SIGNATURE), receipt.signature());
            db.write(sync, batch);
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<Receipt> receipt(UUID id) {
        try {
            byte[] body = db.get(receipts, bytes(id + RECEIPT_JSON));
            byte[] signature = db.get(receipts, bytes(id + RECEIPT_SIGNATURE));
            return body == null || signature == null ? Optional.empty() : Optional.of(new Receipt(body, signature));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<IngestJob> get(UUID id) {
        try {
            byte[] v = db.get(jobs, bytes(id.toString()));
            return v == null ? Optional.empty() : Optional.of(json.readValue(v, IngestJob.class));
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public List<IngestJob> list(UUID after, int limit) {
        List<IngestJob> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(jobs)) {
            if (after == null) {
                it.seekToFirst();
            } else {
                it.seek(bytes(after.toString()));
                if (it.isValid() && new String(it.key(), StandardCharsets.UTF_8).equals(after.toString())) {
                    it.next();
                }
            }
            for (; it.isValid() && out.size() < limit; it.next()) {
                out.add(json.readValue(it.value(), IngestJob.class));
            }
            return out;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public List<IngestJob> unfinished() {
        List<IngestJob> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(jobs)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                IngestJob job = json.readValue(it.value(), IngestJob.class);
                if (!job.status().isFinal()) {
                    out.add(job);
                }
            }
            return out;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<IngestJob> findByUploadDigest(String sha256) {
        try {
            byte[] id = db.get(uploads, bytes(sha256));
            return id == null ? Optional.empty() : get(UUID.fromString(new String(id, StandardCharsets.UTF_8)));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Optional<UUID> claim(PackageId pkg, UUID job) {
        try {
            byte[] holder = db.get(claims, bytes(pkg.toString()));
            if (holder != null) {
                UUID other = UUID.fromString(new String(holder, StandardCharsets.UTF_8));
                if (!other.equals(job)
                        && get(other).map(IngestJournal::holdsClaim).orElse(false)) {
                    return Optional.of(other);
                }
            }
            db.put(claims, sync, bytes(pkg.toString()), bytes(job.toString()));
            return Optional.empty();
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void release(PackageId pkg, UUID job) {
        try {
            byte[] holder = db.get(claims, bytes(pkg.toString()));
            if (holder != null && new String(holder, StandardCharsets.UTF_8).equals(job.toString())) {
                db.delete(claims, sync, bytes(pkg.toString()));
            }
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public void markGraphPending(PackageId pkg, boolean publish) {
        try {
            db.put(graphs, sync, bytes(pkg.toString()), bytes(publish ? "publish" : "remove"));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public Map<PackageId, Boolean> pendingGraphs(int limit) {
        Map<PackageId, Boolean> out = new LinkedHashMap<>();
        try (RocksIterator it = db.newIterator(graphs)) {
            for (it.seekToFirst(); it.isValid() && out.size() < limit; it.next()) {
                out.put(
                        PackageId.parse(new String(it.key(), StandardCharsets.UTF_8)),
                        "publish".equals(new String(it.value(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    @Override
    public void clearGraphPending(PackageId pkg) {
        try {
            db.delete(graphs, sync, bytes(pkg.toString()));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StorageFailureException failure(Exception e) {
        return new StorageFailureException("JOURNAL_FAILURE", "journal write or read failed: " + e, e);
    }
}
