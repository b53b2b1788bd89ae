package vn.kho.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;

/**
 * Reads that never hand out a bad copy unnoticed. Copies on replicas not known to be down come first; then copies are
 * tried in order of trust (last verified OK first, known bad last), and among equally trusted copies in the order the
 * replicas were given (the configuration's order of preference: the cheapest first). A file up to {@code verifyFirstBytes} is re-read and compared with its indexed sha256 before it is
 * offered; a larger one is offered unverified and must be checked by the caller while streaming
 * ({@link Choice#verified()} false), who then reports the outcome through {@link #record}. Every outcome is written
 * to the index, so a bad copy is flagged for repair.
 */
public final class VerifiedReads {
    /** A copy to serve. When {@code verified} is false, the caller must compare the digest while streaming. */
    public record Choice(Replica replica, IndexedFile file, boolean verified) {}

    private final Map<String, Replica> replicas;
    /** Replica ids in order of preference. */
    private final List<String> preference;

    private final PackageIndex index;
    private final long verifyFirstBytes;
    private final Clock clock;
    private final BadCopyListener badCopies;
    private final java.util.function.Predicate<String> knownDown;

    /** Told of every copy a read found bad (MISMATCH, MISSING or UNREADABLE), after it was recorded. */
    @FunctionalInterface
    public interface BadCopyListener {
        /** Must not block for long: it runs on the reading thread. */
        void badCopy(PackageId id, String replicaId, String outcome);
    }

    /** @param replicas by id, in order of preference (an ordered map) */
    public VerifiedReads(Map<String, Replica> replicas, PackageIndex index, long verifyFirstBytes, Clock clock) {
        this(replicas, index, verifyFirstBytes, clock, (id, replicaId, outcome) -> {});
    }

    public VerifiedReads(
            Map<String, Replica> replicas,
            PackageIndex index,
            long verifyFirstBytes,
            Clock clock,
            BadCopyListener badCopies) {
        this(replicas, index, verifyFirstBytes, clock, badCopies, replicaId -> false);
    }

    /**
     * @param replicas by id, in order of preference (an ordered map)
     * @param knownDown whether a replica is known to be down now (its health probe failed): read from last
     */
    public VerifiedReads(
            Map<String, Replica> replicas,
            PackageIndex index,
            long verifyFirstBytes,
            Clock clock,
            BadCopyListener badCopies,
            java.util.function.Predicate<String> knownDown) {
        this.knownDown = java.util.Objects.requireNonNull(knownDown, "knownDown");
        this.preference = List.copyOf(replicas.keySet());
        this.replicas = Map.copyOf(replicas);
        this.index = index;
        this.verifyFirstBytes = verifyFirstBytes;
        this.clock = clock;
        this.badCopies = java.util.Objects.requireNonNull(badCopies, "badCopies");
    }

    /**
     * Chooses a good copy of {@code path}; blocking (reads and hashes small files). Throws {@link NotFoundException}
     * for an unknown file and {@link FixityMismatchException} ({@code FIXITY_NO_GOOD_COPY}) when every copy is bad.
     */
    public Choice choose(PackageId id, String path) {
        IndexedFile file = index.file(id, path)
                .orElseThrow(() -> new NotFoundException("FILE_NOT_FOUND", "package " + id + " has no file " + path));
        List<CopyStatus> copies = new ArrayList<>(file.copies());
        // a replica known to be down cannot serve now, however well its copy checked last time
        copies.sort(Comparator.<CopyStatus, Boolean>comparing(c -> knownDown.test(c.replicaId()))
                .thenComparingInt(VerifiedReads::trustRank)
                .thenComparingInt(c -> preferenceOf(c.replicaId())));
        List<String> bad = new ArrayList<>();
        for (CopyStatus copy : copies) {
            Replica replica = replicas.get(copy.replicaId());
            if (replica == null) {
                continue;
            }
            if (file.file().size() > verifyFirstBytes) {
                if (!"OK".equals(copy.outcome()) && copy.outcome() != null && copies.size() > bad.size() + 1) {
                    bad.add(copy.replicaId() + " (last check " + copy.outcome() + ")");
                    continue;
                }
                return new Choice(replica, file, false);
            }
            String outcome = check(replica, id, file);
            record(id, path, replica.id(), outcome);
            if (outcome.equals("OK")) {
                return new Choice(replica, file, true);
            }
            bad.add(replica.id() + " (" + outcome + ")");
        }
        throw new FixityMismatchException(
                "FIXITY_NO_GOOD_COPY", "no replica holds a good copy of " + path + " in package " + id + ": " + bad);
    }

    /** Records the outcome of a check made by a caller (e.g. while streaming a large file). */
    public void record(PackageId id, String path, String replicaId, String outcome) {
        index.recordVerification(id, path, replicaId, clock.instant(), outcome);
        if (!"OK".equals(outcome)) {
            badCopies.badCopy(id, replicaId, outcome);
        }
    }

    /** Re-reads one copy and compares it: OK, MISMATCH, MISSING or UNREADABLE. */
    public static String check(Replica replica, PackageId id, IndexedFile file) {
        MessageDigest sha = sha256();
        try (InputStream in = replica.open(id, file.file().path())) {
            byte[] buf = new byte[1 << 16];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
            boolean same = size == file.file().size()
                    && HexFormat.of().formatHex(sha.digest()).equals(file.file().sha256());
            return same ? "OK" : "MISMATCH";
        } catch (NotFoundException e) {
            return "MISSING";
        } catch (IOException | UncheckedIOException | KhoException e) {
            return Optional.ofNullable(e.getCause()).orElse(e) instanceof java.nio.file.NoSuchFileException
                    ? "MISSING"
                    : "UNREADABLE";
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int preferenceOf(String replicaId) {
        int i = preference.indexOf(replicaId);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static int trustRank(CopyStatus c) {
        if ("OK".equals(c.outcome())) {
            return 0;
        }
        return c.outcome() == null ? 1 : 2;
    }
}
