package vn.kho.preservation.eventlog.rocksdb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import vn.kho.preservation.eventlog.EventBuffer;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.StorageFailureException;
import vn.kho.repository.premis.PremisXml.LogEntry;
import vn.kho.storage.rocksdb.SyncedRocksDb;

/**
 * The event buffer in RocksDB, every write with a synced WAL. Keys are the day ({@code YYYY-MM-DD}, 10 bytes) and a
 * big-endian sequence number, so one prefix scan gives a day's events in order; values are JSON.
 */
public final class RocksEventBuffer implements EventBuffer {
    private static final int DAY = 10;

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SyncedRocksDb store;
    private final RocksDB db;
    private final AtomicLong sequence;

    private record Stored(String packageUrn, List<PremisEvent> events) {}

    public RocksEventBuffer(Path dir) {
        store = new SyncedRocksDb(dir, "EVENT_BUFFER_UNAVAILABLE", "the event buffer");
        db = store.db();
        long last = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                last = Math.max(last, ByteBuffer.wrap(it.key(), DAY, Long.BYTES).getLong());
            }
        }
        sequence = new AtomicLong(last);
    }

    @Override
    public void add(LocalDate day, PackageId id, List<PremisEvent> events) {
        byte[] key = ByteBuffer.allocate(DAY + Long.BYTES)
                .put(day(day))
                .putLong(sequence.incrementAndGet())
                .array();
        try {
            db.put(store.sync(), key, json.writeValueAsBytes(new Stored(id.urn(), events)));
        } catch (RocksDBException | IOException e) {
            throw failure(e);
        }
    }

    @Override
    public SortedSet<LocalDate> days() {
        SortedSet<LocalDate> days = new TreeSet<>();
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); ) {
                byte[] day = Arrays.copyOf(it.key(), DAY);
                days.add(LocalDate.parse(new String(day, StandardCharsets.US_ASCII)));
                it.seek(ByteBuffer.allocate(DAY + Long.BYTES)
                        .put(day)
                        .putLong(-1L)
                        .array()); // past every key of that day
                if (it.isValid() && Arrays.equals(Arrays.copyOf(it.key(), DAY), day)) {
                    it.next();
                }
            }
        }
        return days;
    }

    @Override
    public List<LogEntry> entries(LocalDate day) {
        byte[] prefix = day(day);
        List<LogEntry> entries = new ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                Stored stored = json.readValue(it.value(), Stored.class);
                entries.add(new LogEntry(PackageId.parse(stored.packageUrn()), stored.events()));
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return entries;
    }

    @Override
    public void remove(LocalDate day) {
        byte[] from =
                ByteBuffer.allocate(DAY + Long.BYTES).put(day(day)).putLong(0).array();
        byte[] to = day(day.plusDays(1));
        try {
            db.deleteRange(store.sync(), from, to);
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    @Override
    public long size() {
        long n = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        store.close();
    }

    private static byte[] day(LocalDate day) {
        byte[] b = day.toString().getBytes(StandardCharsets.US_ASCII);
        if (b.length != DAY) {
            throw new IllegalArgumentException("not a four-digit year: " + day);
        }
        return b;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static StorageFailureException failure(Exception e) {
        return new StorageFailureException("EVENT_BUFFER_UNAVAILABLE", "the event buffer failed: " + e, e);
    }
}
