package vn.kho.api;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.api.config.KhoConfig;
import vn.kho.api.http.ApiVerticle;
import vn.kho.api.http.IncidentWebhook;
import vn.kho.api.rdf.EmbeddedFuseki;
import vn.kho.ingest.GraphPublication;
import vn.kho.ingest.IngestPipeline;
import vn.kho.ingest.IngestService;
import vn.kho.ingest.job.IngestJournal;
import vn.kho.ingest.rocksdb.RocksIngestJournal;
import vn.kho.preservation.audit.AuditReports;
import vn.kho.preservation.audit.AuditScheduler;
import vn.kho.preservation.audit.AuditService;
import vn.kho.preservation.audit.AuditStore;
import vn.kho.preservation.audit.PackageAuditor;
import vn.kho.preservation.audit.PackageAudits;
import vn.kho.preservation.audit.ReplicaWatch;
import vn.kho.preservation.audit.rocksdb.RocksAuditStore;
import vn.kho.preservation.eventlog.ocfl.OcflEventLog;
import vn.kho.preservation.eventlog.rocksdb.RocksEventBuffer;
import vn.kho.preservation.fixity.Incident;
import vn.kho.preservation.status.StatusReporter;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.rdf.GraphPublisher;
import vn.kho.repository.signature.ArchiveSigner;
import vn.kho.storage.AipDescriptionReader;
import vn.kho.storage.IndexRebuilder;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicatedWriter;
import vn.kho.storage.VerifiedReads;
import vn.kho.storage.rocksdb.RocksPackageIndex;

/**
 * The one place that builds a running Kho from a {@link KhoConfig}, and closes it in reverse order. Start order:
 * replicas, journal, index; roll back ingests a crash interrupted; rebuild the index from the replicas if it is
 * missing; start the fixity-audit scheduler (scheduling any copy not yet scheduled); Fuseki and graph publication;
 * the HTTP server; then resume interrupted ingests and audits.
 */
public final class Kho implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Kho.class);
    public static final String AGENT = "Kho " + Version.get();

    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final KhoConfig config;
    private IngestService ingests;
    private AuditService audits;
    private AuditScheduler scheduler;
    private PackageAudits packageAudits;
    private PackageIndex index;
    private IngestJournal journal;
    private GraphPublication publication;
    private List<Replica> replicas;
    private Vertx vertx;
    private int port;
    private String fusekiUrl;
    private java.security.cert.X509Certificate archiveCertificate;

    private Kho(KhoConfig config) {
        this.config = config;
    }

    /** Starts everything; blocks until the HTTP server listens. A failure closes what was already started. */
    public static Kho start(KhoConfig config) {
        Kho kho = new Kho(config);
        try {
            kho.boot();
            return kho;
        } catch (RuntimeException e) {
            kho.close();
            throw e;
        }
    }

    private void boot() {
        Clock clock = Clock.systemUTC();
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.stagingDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        replicas = new ArrayList<>();
        Map<String, Replica> byId = new LinkedHashMap<>();
        for (KhoConfig.ReplicaConfig rc : config.replicas()) {
            Replica r = closeLater(ConfiguredReplicas.open(rc));
            replicas.add(r);
            byId.put(r.id(), r);
        }
        journal = closeLater(new RocksIngestJournal(config.journalDir()));
        boolean rebuildIndex = !Files.isDirectory(config.indexDir());
        RocksPackageIndex rocksIndex = closeLater(new RocksPackageIndex(config.indexDir()));
        index = rocksIndex;

        ReplicatedWriter writer = closeLater(new ReplicatedWriter(
                replicas,
                config.replication().quorum(),
                Duration.ofSeconds(config.replication().waitSeconds())));

        if (config.fusekiUrl() == null) {
            EmbeddedFuseki fuseki = closeLater(EmbeddedFuseki.start(config.rdfDir(), config.embeddedFusekiPort()));
            fusekiUrl = fuseki.datasetUrl();
            if (fuseki.fresh()) {
                log.info("graph store is new: every package graph will be published");
            }
            graphsFresh = fuseki.fresh();
        } else {
            fusekiUrl = config.fusekiUrl();
        }
        GraphPublisher graphs = closeLater(new GraphPublisher(fusekiUrl, Duration.ofSeconds(60)));
        publication = new GraphPublication(journal, index, graphs);

        ArchiveSigner archiveKey = ArchiveKeys.open(config.signatures(), clock);
        archiveCertificate = archiveKey.certificate();
        log.info(
                "archive signing key {}: {}",
                config.signatures().keyFile(),
                archiveCertificate.getSubjectX500Principal().getName());
        audits = openAudits(clock, archiveKey, rocksIndex);
        IngestPipeline pipeline = new IngestPipeline(
                journal,
                closeLater(ConfiguredChecker.open(config, clock)).checker(),
                config.extraFixity().contains("sha512"),
                writer,
                replicas,
                index,
                publication::wake,
                this::scheduleNew,
                clock,
                AGENT,
                archiveKey,
                config.signatures().archiveName());
        ingests = new IngestService(journal, pipeline, config.stagingDir(), config.ingestWorkers(), clock);
        closing.push(() -> ingests.shutdown(Duration.ofSeconds(60)));
        ingests.recover();
        if (rebuildIndex) {
            var counts = new IndexRebuilder().rebuild(replicas, index, new AipDescriptionReader());
            log.info("index rebuilt from the replicas: {}", counts);
        }
        if (scheduler != null) {
            scheduler.start(); // after a rebuild: schedules every copy afresh, spread over the cycle
        }
        // reads skip replicas found down; one that was down and is up again has every copy on it checked soon (and
        // the copies it lacks restored: the catch-up)
        ReplicaWatch watch = closeLater(new ReplicaWatch(
                replicas,
                id -> {
                    if (scheduler != null) {
                        scheduler.checkReplica(id);
                    }
                },
                Duration.ofMinutes(1)));
        watch.start();
        closeLater(publication.start());
        if (rebuildIndex || graphsFresh) {
            publication.republishAll();
        }

        vertx = Vertx.vertx();
        closing.push(() -> vertx.close().await());
        ApiVerticle verticle = new ApiVerticle(new ApiVerticle.Services(
                config.host(),
                config.port(),
                config.ingest().maxUploadBytes(),
                ingests,
                index,
                replicas,
                new VerifiedReads(byId, index, config.verifyBeforeSendBytes(), clock, this::checkSoon, watch::isDown),
                graphs,
                fusekiUrl,
                archiveCertificate,
                audits,
                new StatusReporter(
                        index,
                        audits,
                        () -> scheduler == null ? new AuditScheduler.Counters(0, 0, 0, 0) : scheduler.counters(),
                        replicas.stream().map(Replica::id).toList(),
                        clock,
                        Duration.ofSeconds(1))));
        vertx.deployVerticle(verticle).await();
        port = verticle.actualPort();
        ingests.resume();
        audits.resume();
        log.info(
                "Kho listening on http://{}:{} (data {}, fuseki {})", config.host(), port, config.dataDir(), fusekiUrl);
    }

    private boolean graphsFresh;

    /**
     * The audit store, the on-demand audit service and the fixity-audit scheduler (unless {@code audit.scheduler} is
     * false), sharing one read budget and one incident book; the scheduler and service are closed before the store,
     * leaving running audits to resume and due copies due.
     */
    private AuditService openAudits(Clock clock, ArchiveSigner archiveKey, RocksPackageIndex schedule) {
        KhoConfig.Audit settings = config.audit();
        AuditStore store = closeLater(new RocksAuditStore(config.auditDir()));
        Consumer<Incident> opened = settings.webhook() == null
                ? incident -> log.warn("incident {} opened: {}", incident.id(), incident.what())
                : closeLater(new IncidentWebhook(settings.webhook()));
        OcflEventLog eventLog = closeLater(new OcflEventLog(
                replicas,
                new RocksEventBuffer(config.dataDir().resolve("event-log/buffer")),
                config.dataDir().resolve("event-log/staging"),
                clock,
                AGENT));
        eventLog.start();
        packageAudits = new PackageAudits(
                new PackageAuditor(replicas, index, config.dataDir().resolve("audit-work"), clock, AGENT),
                store,
                clock,
                (long) settings.bandwidthMBps() << 20,
                settings.concurrency(),
                opened,
                eventLog);
        if (settings.scheduler()) {
            scheduler = closeLater(new AuditScheduler(
                    schedule,
                    index,
                    packageAudits,
                    clock,
                    Duration.ofDays(settings.cycleDays()),
                    settings.concurrency()));
        }
        return closeLater(new AuditService(
                store, packageAudits, index, clock, settings.concurrency(), new AuditReports(archiveKey)));
    }

    /**
     * A package just stored: its copies are scheduled for checks spread over the cycle; one stored on the write quorum
     * only gets an incident, and the copies it lacks are due at once (the catch-up).
     */
    private void scheduleNew(PackageId id) {
        index.get(id).filter(p -> p.state() == PackageState.UNDER_REPLICATED).ifPresent(p -> {
            java.util.Set<String> lacking = new java.util.LinkedHashSet<>();
            for (IndexedFile f : index.files(id)) {
                f.copies().stream().filter(c -> "MISSING".equals(c.outcome())).forEach(c -> lacking.add(c.replicaId()));
            }
            String incident = packageAudits.underReplicated(id, List.copyOf(lacking), java.time.Instant.now());
            log.warn("{} is UNDER_REPLICATED (no copy on {}): incident {}", id.urn(), lacking, incident);
        });
        if (scheduler != null) {
            scheduler.scheduleNew(id);
        }
    }

    /** A read found a copy bad: the scheduler checks it (and repairs it) soon. */
    private void checkSoon(PackageId id, String replicaId, String outcome) {
        if (scheduler != null) {
            scheduler.checkSoon(id, replicaId);
        }
    }

    public AuditService audits() {
        return audits;
    }

    /** The fixity-audit scheduler (its counters for metrics), if {@code audit.scheduler} is on. */
    public Optional<AuditScheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closing.push(resource);
        return resource;
    }

    public int port() {
        return port;
    }

    public String fusekiUrl() {
        return fusekiUrl;
    }

    public KhoConfig config() {
        return config;
    }

    public IngestService ingests() {
        return ingests;
    }

    /** The certificate of the archive's signing key. */
    public java.security.cert.X509Certificate archiveCertificate() {
        return archiveCertificate;
    }

    public PackageIndex index() {
        return index;
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public IngestJournal journal() {
        return journal;
    }

    public GraphPublication publication() {
        return publication;
    }

    /** Stops the HTTP server, lets running ingests finish (or leaves them to resume), and closes in reverse order. */
    @Override
    public void close() {
        while (!closing.isEmpty()) {
            AutoCloseable c = closing.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while closing {}: {}", c, e.toString());
            }
        }
    }
}
