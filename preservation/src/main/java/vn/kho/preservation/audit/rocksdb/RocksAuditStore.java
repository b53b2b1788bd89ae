package vn.kho.preservation.audit.rocksdb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import vn.kho.preservation.audit.AuditRun;
import vn.kho.preservation.audit.AuditStore;
import vn.kho.preservation.fixity.Incident;
import vn.kho.preservation.fixity.IncidentState;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.rocksdb.SyncedRocksDb;

/**
 * The audit store in RocksDB, every write with a synced WAL. Column families: {@code runs} (run id → JSON),
 * {@code reports} (run id + {@code /json} or {@code /p7s} → bytes), {@code incidents} (incident id → JSON),
 * {@code open} (package URN → its OPEN incident's id).
 */
public final class RocksAuditStore implements AuditStore {
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule()
                    .addSerializer(PackageId.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(PackageId value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.urn());
                        }
                    })
                    .addDeserializer(PackageId.class, new JsonDeserializer<>() {
                        @Override
                        public PackageId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return PackageId.parse(p.getValueAsString());
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SyncedRocksDb store;
    private final WriteOptions sync;
    private final RocksDB db;
    private final ColumnFamilyHandle runs;
    private final ColumnFamilyHandle reports;
    private final ColumnFamilyHandle incidents;
    private final ColumnFamilyHandle open;

    public RocksAuditStore(Path dir) {
        store = new SyncedRocksDb(dir, "AUDITS_UNAVAILABLE", "the audit store", "runs", "reports", "incidents", "open");
        db = store.db();
        sync = store.sync();
        runs = store.family(0);
        reports = store.family(1);
        incidents = store.family(2);
        open = store.family(3);
    }

    @Override
    public void put(AuditRun run) {
        try {
            db.put(runs, sync, bytes(run.id().toString()), json.writeValueAsBytes(run));
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<AuditRun> get(UUID id) {
        try {
            byte[] v = db.get(runs, bytes(id.toString()));
            return v == null ? Optional.empty() : Optional.of(json.readValue(v, AuditRun.class));
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public List<AuditRun> list() {
        List<AuditRun> out = new ArrayList<>();
        for (byte[] v : values(runs)) {
            out.add(read(v, AuditRun.class));
        }
        out.sort(Comparator.comparing(AuditRun::created).reversed());
        return out;
    }

    @Override
    public synchronized void putReport(UUID id, byte[] report, byte[] signature) {
        try (WriteBatch batch = new WriteBatch()) {
            if (db.get(reports, bytes(id + "/json")) != null) {
                throw new IllegalStateException("audit " + id + " already has its report");
            }
            batch.put(reports, bytes(id + "/json"), report);
            batch.put(reports, bytes(id + "/p7s"), signature);
            db.write(sync, batch);
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<byte[]> report(UUID id, boolean signature) {
        try {
            return Optional.ofNullable(db.get(reports, bytes(id + (signature ? "/p7s" : "/json"))));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void putIncident(Incident incident) {
        byte[] pkg = bytes(incident.packageId().urn());
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(incidents, bytes(incident.id()), json.writeValueAsBytes(incident));
            if (incident.state() == IncidentState.OPEN) {
                batch.put(open, pkg, bytes(incident.id()));
            } else {
                byte[] current = db.get(open, pkg);
                if (current != null && new String(current, StandardCharsets.UTF_8).equals(incident.id())) {
                    batch.delete(open, pkg);
                }
            }
            db.write(sync, batch);
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<Incident> openIncident(PackageId packageId) {
        try {
            byte[] id = db.get(open, bytes(packageId.urn()));
            if (id == null) {
                return Optional.empty();
            }
            byte[] v = db.get(incidents, id);
            return v == null ? Optional.empty() : Optional.of(read(v, Incident.class));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public List<Incident> incidents() {
        List<Incident> out = new ArrayList<>();
        for (byte[] v : values(incidents)) {
            out.add(read(v, Incident.class));
        }
        out.sort(Comparator.comparing(Incident::detected)
                .thenComparing(Incident::id)
                .reversed());
        return out;
    }

    private List<byte[]> values(ColumnFamilyHandle family) {
        List<byte[]> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(it.value());
            }
        }
        return out;
    }

    private <T> T read(byte[] v, Class<T> type) {
        try {
            return json.readValue(v, type);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static StorageFailureException failure(Exception e) {
        return new StorageFailureException("AUDITS_UNAVAILABLE", "the audit store failed: " + e, e);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
