package vn.kho.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vn.kho.storage.fedora.FedoraReplicaConfig;
import vn.kho.storage.s3.S3ReplicaConfig;

/**
 * Every setting of a running Kho, parsed once at start and checked. Built by {@link ConfigLoader}.
 *
 * @param host address the HTTP server binds (127.0.0.1 until authentication exists)
 * @param port HTTP port (0 picks a free one)
 * @param dataDir the data directory ({@code ./data})
 * @param replicas the OCFL replicas, in order of preference for reading
 * @param fusekiUrl the dataset URL of an external Fuseki, or null for the embedded one under {@code data/rdf}
 * @param embeddedFusekiPort loopback port of the embedded Fuseki (0 picks a free one)
 * @param ingest upload and unpack limits
 * @param verifyBeforeSendBytes files up to this size are verified before their first byte is sent
 * @param extraFixity extra OCFL fixity algorithms (e.g. "sha512"), each costing one more hash of every file
 * @param ingestWorkers how many packages are checked and stored at once
 * @param checks how packages are checked
 * @param signatures how signatures are verified, and the archive's own signing key
 * @param audit how on-demand audits read and whom they tell of incidents
 * @param replication how many replicas must hold a verified copy before a package is STORED
 */
public record KhoConfig(
        String host,
        int port,
        Path dataDir,
        List<ReplicaConfig> replicas,
        String fusekiUrl,
        int embeddedFusekiPort,
        IngestLimits ingest,
        long verifyBeforeSendBytes,
        List<String> extraFixity,
        int ingestWorkers,
        Checks checks,
        Signatures signatures,
        Audit audit,
        Replication replication) {
    public KhoConfig {
        Objects.requireNonNull(replication, "replication");
        if (replication.quorum() > replicas.size()) {
            throw new IllegalArgumentException(
                    "the write quorum " + replication.quorum() + " exceeds the " + replicas.size() + " replicas");
        }
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(checks, "checks");
        replicas = List.copyOf(replicas);
        extraFixity = List.copyOf(extraFixity);
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    public Path journalDir() {
        return dataDir.resolve("journal");
    }

    public Path stagingDir() {
        return dataDir.resolve("staging");
    }

    /** Audit runs, their reports and incidents: {@code data/audits}. */
    public Path auditDir() {
        return dataDir.resolve("audits");
    }

    public Path rdfDir() {
        return dataDir.resolve("rdf");
    }

    /**
     * How packages are checked.
     *
     * @param historicalArchive a historical archive (Lưu trữ lịch sử) accepts permanent records (maintenance 01) only
     * @param policyFile the finding policy; null for the built-in one
     * @param validators how many validator JVMs (JHOVE, veraPDF) run at once
     * @param validatorHeapMb the heap of each validator JVM
     * @param validatorTimeoutSeconds how long one file may take before its validator is killed and replaced
     */
    public record Checks(
            boolean historicalArchive,
            Path policyFile,
            int validators,
            int validatorHeapMb,
            int validatorTimeoutSeconds) {}

    /**
     * How signatures are verified, and the archive's own key.
     *
     * @param trustDir the folder of trusted CA certificates and CRLs ({@code data/trust} by default)
     * @param requiredByDefault whether an agency not named in {@code agencies} must sign its packages
     * @param agencies agency identifier → whether its packages must carry a valid package signature
     * @param weakDigests digest algorithms refused in signatures (e.g. MD5, SHA-1)
     * @param minRsaBits the shortest RSA key accepted
     * @param archiveName the archive's name, as its receipts and certificate give it
     * @param keyFile the archive's PKCS#12 signing key ({@code data/keys/archive.p12} by default, created at first start)
     * @param keyPassword the key's password ({@code KHO_KEY_PASSWORD}); null: for the default key, a random one kept
     *     beside it
     */
    public record Signatures(
            Path trustDir,
            boolean requiredByDefault,
            java.util.Map<String, Boolean> agencies,
            List<String> weakDigests,
            int minRsaBits,
            String archiveName,
            Path keyFile,
            String keyPassword) {
        public Signatures {
            Objects.requireNonNull(trustDir, "trustDir");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(archiveName, "archiveName");
            agencies = java.util.Map.copyOf(agencies);
            weakDigests = List.copyOf(weakDigests);
        }

        @Override
        public String toString() {
            // never the password
            return "Signatures[trustDir=" + trustDir + ", requiredByDefault=" + requiredByDefault + ", agencies="
                    + agencies + ", weakDigests=" + weakDigests + ", minRsaBits=" + minRsaBits + ", keyFile="
                    + keyFile + "]";
        }
    }

    /**
     * How audits run.
     *
     * @param bandwidthMBps the read budget of all audits together, in MiB per second
     * @param concurrency how many packages are audited at once
     * @param webhook an http(s) URL told (POST, the incident's JSON) of every incident opened; null for none
     * @param cycleDays how often the scheduler verifies every copy on every replica, in days
     * @param scheduler whether the fixity-audit scheduler runs
     */
    public record Audit(int bandwidthMBps, int concurrency, java.net.URI webhook, int cycleDays, boolean scheduler) {
        public Audit {
            if (bandwidthMBps < 1 || concurrency < 1 || cycleDays < 1) {
                throw new IllegalArgumentException("audit bandwidth, concurrency and cycle must be positive");
            }
        }

        /** The defaults of the scheduler: every copy checked every 30 days. */
        public Audit(int bandwidthMBps, int concurrency, java.net.URI webhook) {
            this(bandwidthMBps, concurrency, webhook, 30, true);
        }
    }

    /**
     * The write policy.
     *
     * @param quorum how many replicas must hold a verified copy before a package is STORED; a package stored on fewer
     *     than all is UNDER_REPLICATED, with an incident open, until the catch-up copies it to the others
     * @param waitSeconds how long an ingest waits for the quorum of replicas to be up before it fails
     */
    public record Replication(int quorum, int waitSeconds) {
        public Replication {
            if (quorum < 1 || waitSeconds < 0) {
                throw new IllegalArgumentException("the quorum must be positive and the wait not negative");
            }
        }
    }

    /**
     * One replica: a name and where its OCFL storage root is, exactly one of a local (or mounted) filesystem
     * ({@code path}), a bucket of an S3-compatible object store ({@code s3}) or a container of a Fedora 6 repository
     * ({@code fedora}).
     */
    public record ReplicaConfig(String id, Path path, S3ReplicaConfig s3, FedoraReplicaConfig fedora) {
        public ReplicaConfig {
            Objects.requireNonNull(id, "id");
            int kinds = (path == null ? 0 : 1) + (s3 == null ? 0 : 1) + (fedora == null ? 0 : 1);
            if (kinds != 1) {
                throw new IllegalArgumentException("replica " + id + " needs exactly one of path, s3 and fedora");
            }
        }

        /** A filesystem replica. */
        public ReplicaConfig(String id, Path path) {
            this(id, Objects.requireNonNull(path, "path"), null, null);
        }

        /** "filesystem", "s3" or "fedora". */
        public String kind() {
            return path != null ? "filesystem" : s3 != null ? "s3" : "fedora";
        }
    }

    /**
     * Limits that keep a hostile or broken upload from exhausting the archive.
     *
     * @param maxUploadBytes largest request body (413 beyond)
     * @param maxEntries most zip entries
     * @param maxExpandedBytes most bytes after unpacking
     * @param maxCompressionRatio largest expanded/compressed ratio of an entry or the whole zip
     */
    public record IngestLimits(long maxUploadBytes, int maxEntries, long maxExpandedBytes, int maxCompressionRatio) {}
}
