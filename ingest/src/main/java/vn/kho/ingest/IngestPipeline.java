package vn.kho.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.ingest.format.Characterisation;
import vn.kho.ingest.format.FileCheck;
import vn.kho.ingest.format.FormatIdentifier;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestJournal;
import vn.kho.ingest.job.IngestStatus;
import vn.kho.ingest.receipt.ReceiptIssuer;
import vn.kho.ingest.signature.SignatureChecker;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.ingest.unpack.UnpackedPackage;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.Severity;
import vn.kho.repository.aip.AipMets;
import vn.kho.repository.premis.PremisXml;
import vn.kho.repository.signature.DetachedSigner;
import vn.kho.repository.signature.SignatureRecord;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicatedWriter;
import vn.kho.storage.Replication;
import vn.kho.storage.StagedFile;
import vn.kho.storage.StagedObject;
import vn.kho.storage.VerifiedCopy;
import vn.kho.storage.ocfl.DurableFiles;
import vn.kho.storage.ocfl.OcflObjectBuilder;

/**
 * One ingest, from the acknowledged upload to a package stored on every replica:
 *
 * <ol>
 *   <li>CHECKING: unpack safely (every file hashed once, here), detect the format, read and verify the package;
 *       any error finding rejects it and nothing reaches a replica;
 *   <li>claim the package id in the journal (a second ingest of the same id is refused);
 *   <li>STORING: write PREMIS.xml and Kho's METS.xml, build the OCFL version once in staging, copy it to every
 *       replica, fsync, re-read and compare each copy; any failure removes the object everywhere;
 *   <li>index the package, mark the job STORED, queue the RDF graph.
 * </ol>
 *
 * Every step can be redone from the upload: after a crash, {@link #rollback} removes what an interrupted STORING
 * step may have left on the replicas and in the index, and the job runs again from the start.
 */
public final class IngestPipeline {
    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private static final String PREMIS_PATH = "metadata/preservation/PREMIS.xml";
    private static final String METS_PATH = "METS.xml";
    /** Kho's detached CMS signature of its own METS.xml, in each version (the submitter's stays under submission/). */
    static final String METS_SIGNATURE_PATH = "METS.xml.p7s";
    /** JHOVE's report on every validated file, kept as technical metadata. */
    static final String JHOVE_PATH = "metadata/technical/JHOVE.xml";
    /** The AIP files Kho writes itself. */
    private static final java.util.Set<String> KHO_PATHS =
            java.util.Set.of(METS_PATH, METS_SIGNATURE_PATH, PREMIS_PATH, JHOVE_PATH);
    /** The OCFL version user address: Kho itself acts (the submitter is named in the PREMIS events). */
    private static final String AGENT_ADDRESS = "urn:kho:system";

    private final IngestJournal journal;
    private final PackageChecker checker;
    private final boolean sha512Fixity;
    private final ReplicatedWriter writer;
    private final List<Replica> replicas;
    private final PackageIndex index;
    private final Runnable graphsPending;
    private final Consumer<PackageId> stored;
    private final Clock clock;
    private final String agent;
    private final DetachedSigner archiveKey;
    private final ReceiptIssuer receipts;

    /**
     * @param archiveKey the archive's own key: it signs every ingest receipt and the AIP's METS ({@code METS.xml.p7s})
     * @param archiveName the archive's name on its receipts
     * @param stored told of every package once it is stored, indexed and its ingest final (e.g. to schedule its
     *     fixity checks); it must not block for long, and its failure is logged, never failing the ingest
     */
    public IngestPipeline(
            IngestJournal journal,
            PackageChecker checker,
            boolean sha512Fixity,
            ReplicatedWriter writer,
            List<Replica> replicas,
            PackageIndex index,
            Runnable graphsPending,
            Consumer<PackageId> stored,
            Clock clock,
            String agent,
            DetachedSigner archiveKey,
            String archiveName) {
        this.journal = journal;
        this.checker = checker;
        this.sha512Fixity = sha512Fixity;
        this.writer = writer;
        this.replicas = List.copyOf(replicas);
        this.index = index;
        this.graphsPending = graphsPending;
        this.stored = stored;
        this.clock = clock;
        this.agent = agent;
        this.archiveKey = archiveKey;
        this.receipts = new ReceiptIssuer(archiveKey, agent, archiveName);
    }

    /** Runs (or re-runs after a restart) the job {@code id} whose upload is {@code jobDir/upload.zip}. */
    public void run(UUID id, Path jobDir) {
        IngestJob job = journal.get(id).orElseThrow();
        if (job.status().isFinal()) {
            return;
        }
        job = save(job.restarted(clock.instant()).withStatus(IngestStatus.CHECKING, clock.instant()));
        CheckedPackage checked = null;
        try {
            clean(jobDir, "unpacked", "checks", "build", "build-work", "kho");
            long t0 = System.nanoTime();
            // A replica on the staging filesystem will take the unpacked files by hard link and force them: start
            // their writeback now, while the disk is otherwise idle.
            boolean linked = replicas.stream().anyMatch(r -> r.canLink(jobDir));
            checked = checker.check(
                    jobDir.resolve("upload.zip"),
                    jobDir.resolve("unpacked"),
                    jobDir.resolve("checks"),
                    linked,
                    job.received());
            log.info(
                    "ingest {}: unpacked and checked {} files in {} ms",
                    id,
                    checked.unpacked().files().size(),
                    (System.nanoTime() - t0) / 1_000_000);
            job = save(job.withFindings(checked.findings(), clock.instant()));
            if (Findings.hasErrors(checked.findings())) {
                reject(job, jobDir, checked);
                return;
            }
            PackageId pkg = checked.parsed()
                    .declaredId()
                    .orElse(job.packageId() != null ? job.packageId() : PackageId.random());
            Optional<Finding> taken = alreadyStored(pkg, job);
            if (taken.isPresent()) {
                job = save(job.withFindings(List.of(taken.get()), clock.instant()));
                reject(job, jobDir, checked);
                return;
            }
            job = save(job.withPackage(pkg, clock.instant()).withStatus(IngestStatus.STORING, clock.instant()));
            store(job, checked, jobDir);
            job = job.withStatus(IngestStatus.STORED, clock.instant());
            // The graph is marked pending before the job is final: a crash in between re-runs the ingest, which
            // rolls the package back, and the graph publisher finds no package to publish.
            if (checked.parsed().descriptive().access().isPublic()) {
                journal.markGraphPending(pkg, true);
            }
            journal.putFinal(job, receipts.issue(job, contents(checked)));
            try {
                stored.accept(pkg);
            } catch (RuntimeException e) {
                log.warn("ingest {}: telling of stored package {} failed", id, pkg, e);
            }
            if (checked.parsed().descriptive().access().isPublic()) {
                graphsPending.run();
            }
            removeStaging(jobDir);
            log.info("ingest {} stored package {}", id, pkg);
        } catch (InvalidPackageException e) {
            job = save(job.withFindings(e.findings(), clock.instant()));
            reject(job, jobDir, checked);
        } catch (KhoException e) {
            fail(
                    job,
                    jobDir,
                    Finding.error(e.code().contains("_") ? e.code() : "INGEST_" + e.code(), e.getMessage()),
                    checked);
        } catch (IOException | RuntimeException e) {
            log.error("ingest {} failed", id, e);
            fail(job, jobDir, Finding.error("INGEST_INTERNAL_ERROR", "ingest failed: " + e), checked);
        }
    }

    /** What the receipt of an ingest can say about its package: as much as the checks read before the end. */
    private static ReceiptIssuer.Contents contents(CheckedPackage checked) {
        if (checked == null) {
            return ReceiptIssuer.Contents.nothing();
        }
        ParsedPackage parsed = checked.parsed();
        return new ReceiptIssuer.Contents(
                checked.unpacked().files(),
                parsed == null ? Optional.empty() : Optional.of(parsed.descriptive()),
                parsed == null ? Optional.empty() : parsed.submitter(),
                checked.signatures().records());
    }

    /**
     * Undoes whatever an interrupted run of {@code job} may have written: when it had reached STORING, its object is
     * deleted from every replica (each replica removes an object atomically), from the index and from the published
     * graphs. The job goes back to RECEIVED, keeping its package claim.
     */
    public void rollback(IngestJob job) {
        if (job.status() == IngestStatus.STORING && job.packageId() != null) {
            for (Replica r : replicas) {
                r.delete(job.packageId());
            }
            index.remove(job.packageId());
            // its graph may have been published before the interruption
            journal.markGraphPending(job.packageId(), false);
        }
        save(job.restarted(clock.instant()));
    }

    private Optional<Finding> alreadyStored(PackageId pkg, IngestJob job) {
        if (EventLogIds.isEventLog(pkg)) {
            // checked before the claim: recovering a claimed ingest deletes the object, which here is an event log
            return Optional.of(Finding.error(
                    "PACKAGE_ID_RESERVED",
                    "package id " + pkg.urn() + " is reserved for Kho's event-log objects",
                    null));
        }
        Optional<UUID> holder = journal.claim(pkg, job.id());
        if (holder.isPresent()) {
            IngestJob other = journal.get(holder.get()).orElseThrow();
            String what = other.status() == IngestStatus.STORED
                    ? "is already stored (ingest " + other.id() + ")"
                    : "is being ingested by ingest " + other.id();
            return Optional.of(Finding.error(
                    "PACKAGE_ALREADY_STORED",
                    "package " + pkg.urn() + " " + what + "; new versions of a package are not accepted yet",
                    null));
        }
        if (index.get(pkg).isPresent() || replicas.stream().anyMatch(r -> holds(r, pkg))) {
            return Optional.of(
                    Finding.error("PACKAGE_ALREADY_STORED", "package " + pkg.urn() + " is already stored", null));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code replica} holds {@code pkg}; a replica that cannot answer now (down) is taken not to, as the write
     * leaves it out unless it is back, and then refuses to overwrite an object it holds.
     */
    private static boolean holds(Replica replica, PackageId pkg) {
        try {
            return replica.contains(pkg);
        } catch (RuntimeException e) {
            log.warn("replica {} cannot say whether it holds {}: {}", replica.id(), pkg.urn(), e.getMessage());
            return false;
        }
    }

    private void store(IngestJob job, CheckedPackage checked, Path jobDir) throws IOException {
        PackageId pkg = job.packageId();
        Instant now = clock.instant();
        UnpackedPackage unpacked = checked.unpacked();
        PackageRoot root = checked.root();
        Map<String, StagedFile> staged = new LinkedHashMap<>();
        Map<String, PackageFile> files = new LinkedHashMap<>();
        Map<String, FileCheck> checks = checked.characterisation().files();
        // AIP path → what the checks found about its source file (package-relative path)
        Map<String, FileCheck> checkOf = new LinkedHashMap<>();
        checked.parsed().content().forEach((aipPath, rel) -> {
            if (KHO_PATHS.contains(aipPath)) {
                return; // Kho writes its own; the submitted file stays under submission/
            }
            UnpackedFile f = root.files().get(rel);
            staged.put(aipPath, new StagedFile(aipPath, root.dir().resolve(rel), f.sha256(), f.size()));
            checkOf.put(aipPath, checks.get(rel));
        });
        for (UnpackedFile f : unpacked.files()) {
            String aipPath = "submission/" + f.path();
            staged.put(aipPath, new StagedFile(aipPath, unpacked.dir().resolve(f.path()), f.sha256(), f.size()));
            if (f.path().startsWith(root.prefix())) {
                checkOf.put(aipPath, checks.get(f.path().substring(root.prefix().length())));
            }
        }
        Optional<Path> jhove = checked.characterisation().jhoveReport();
        if (jhove.isPresent()) {
            staged.put(JHOVE_PATH, stage(jhove.get(), JHOVE_PATH));
        }
        Path kho = Files.createDirectories(jobDir.resolve("kho"));
        for (Map.Entry<String, byte[]> e : checked.signatures().evidence().entrySet()) {
            if (staged.containsKey(e.getKey())) {
                throw new InvalidPackageException(List.of(Finding.error(
                        "PACKAGE_PATH_RESERVED",
                        e.getKey() + " is where Kho keeps signature evidence; the package may not use it",
                        e.getKey())));
            }
            Path file = kho.resolve("evidence-" + staged.size());
            staged.put(e.getKey(), write(file, e.getKey(), out -> out.write(e.getValue())));
        }
        staged.values().forEach(s -> {
            FileCheck check = checkOf.get(s.logicalPath());
            PackageFile f = new PackageFile(
                    s.logicalPath(),
                    s.size(),
                    s.sha256(),
                    check != null ? check.format().mediaType() : MediaTypes.byName(s.logicalPath()));
            files.put(s.logicalPath(), check == null ? f : f.characterised(check.format(), check.validation()));
        });

        List<PremisEvent> events = events(job, checked, pkg, staged.size(), now, checkOf);
        // PREMIS describes each characterised content once: the submission/ copies of content files are the same
        // bytes (a rebuild gives them the characterisation of their content file), so only a submitted file with no
        // content copy (the SIP's own METS.xml) is described under its submission/ path.
        java.util.Set<String> contentDigests = new java.util.HashSet<>();
        files.values().stream()
                .filter(f -> f.format() != null && !f.path().startsWith("submission/"))
                .forEach(f -> contentDigests.add(f.sha256()));
        List<PackageFile> described = files.values().stream()
                .filter(f -> !f.path().startsWith("submission/") || !contentDigests.contains(f.sha256()))
                .toList();
        List<SignatureRecord> signatures = checked.signatures().records();
        StagedFile premis = write(
                kho.resolve("PREMIS.xml"),
                PREMIS_PATH,
                out -> PremisXml.write(pkg, described, signatures, events, agent, out));
        staged.put(PREMIS_PATH, premis);
        files.put(PREMIS_PATH, new PackageFile(PREMIS_PATH, premis.size(), premis.sha256(), "application/xml"));

        java.util.function.Supplier<PackageDescription> describe = () -> new PackageDescription(
                pkg,
                1,
                checked.parsed().format(),
                now,
                checked.parsed().descriptive(),
                List.copyOf(files.values()),
                events,
                signatures);
        PackageDescription withoutMets = describe.get();
        StagedFile mets = write(kho.resolve("METS.xml"), METS_PATH, out -> AipMets.write(withoutMets, agent, out));
        staged.put(METS_PATH, mets);
        files.put(METS_PATH, new PackageFile(METS_PATH, mets.size(), mets.sha256(), "application/xml"));
        byte[] metsSignature;
        try (java.io.InputStream in = Files.newInputStream(mets.source())) {
            metsSignature = archiveKey.signDetached(in);
        }
        StagedFile signature = write(kho.resolve("METS.xml.p7s"), METS_SIGNATURE_PATH, out -> out.write(metsSignature));
        staged.put(METS_SIGNATURE_PATH, signature);
        files.put(
                METS_SIGNATURE_PATH,
                new PackageFile(
                        METS_SIGNATURE_PATH, signature.size(), signature.sha256(), "application/pkcs7-signature"));
        PackageDescription description = describe.get();

        long t0 = System.nanoTime();
        StagedObject object;
        try (OcflObjectBuilder builder =
                new OcflObjectBuilder(jobDir.resolve("build"), jobDir.resolve("build-work"), sha512Fixity)) {
            object = builder.build(pkg, List.copyOf(staged.values()), "ingest " + job.id(), agent, AGENT_ADDRESS);
        }
        long t1 = System.nanoTime();
        Map<String, Instant> verified = new java.util.HashMap<>();
        Replication replication = writer.store(object, false);
        for (VerifiedCopy copy : replication.verified()) {
            verified.put(copy.replicaId(), copy.verified());
        }
        long t2 = System.nanoTime();

        List<IndexedFile> indexed = new ArrayList<>();
        for (PackageFile f : description.files()) {
            String contentPath = object.inventory().files().get(f.path()).contentPath();
            List<CopyStatus> copies = replicas.stream()
                    .map(r -> new CopyStatus(
                            r.id(),
                            r.storagePath(pkg, contentPath),
                            verified.get(r.id()),
                            verified.containsKey(r.id()) ? "OK" : "MISSING"))
                    .toList();
            indexed.add(new IndexedFile(f, copies));
        }
        // Under-replicated: stored on the quorum; the catch-up copies it to the replicas named in the log
        PackageState state = replication.underReplicated() ? PackageState.UNDER_REPLICATED : PackageState.ACTIVE;
        if (replication.underReplicated()) {
            log.warn("ingest {}: {} stored without a copy on {}", job.id(), pkg.urn(), replication.missing());
        }
        index.put(new IndexedPackage(description, state), indexed);
        log.info(
                "ingest {}: built the OCFL object in {} ms, copied and verified it on {} replicas in {} ms, indexed in {} ms",
                job.id(),
                (t1 - t0) / 1_000_000,
                replicas.size(),
                (t2 - t1) / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000);
    }

    private List<PremisEvent> events(
            IngestJob job,
            CheckedPackage checked,
            PackageId pkg,
            int fileCount,
            Instant now,
            Map<String, FileCheck> checkOf) {
        String object = pkg.urn();
        String format = checked.parsed().format() == vn.kho.repository.PackageFormat.BAGIT ? "BagIt" : "TT05 SIP";
        List<Finding> warnings =
                checked.findings().stream().filter(f -> !f.isError()).toList();
        String warningText = warnings.isEmpty()
                ? "no warnings"
                : warnings.size() + " warning(s): "
                        + warnings.stream().map(Finding::code).distinct().collect(Collectors.joining(", "));
        int unpackedCount = checked.unpacked().files().size();
        List<PremisEvent> events = new ArrayList<>(List.of(
                event(
                        "ingestion start",
                        job.received(),
                        "success",
                        "submission received: " + job.uploadSize() + " bytes, sha256 " + job.uploadSha256()
                                + ", ingest " + job.id(),
                        object),
                event(
                        "message digest calculation",
                        now,
                        "success",
                        "sha256 computed for " + unpackedCount + " files while unpacking",
                        object),
                event(
                        "fixity check",
                        now,
                        "success",
                        "every checksum the " + format
                                + " package declares was compared with the received files and matched (" + unpackedCount
                                + " files)",
                        object),
                event(
                        "validation",
                        now,
                        warnings.isEmpty() ? "success" : "warning",
                        format + " package structure checked; " + warningText,
                        object),
                event(
                        "metadata extraction",
                        now,
                        "success",
                        "descriptive metadata read: "
                                + describe(checked.parsed().descriptive()),
                        object),
                event(
                        "information package creation",
                        now,
                        "success",
                        "AIP built from the SIP: " + fileCount
                                + " files, submission kept byte-for-byte under submission/",
                        object)));
        events.add(4, identification(checked.characterisation(), now, object));
        for (SignatureRecord r : checked.signatures().records()) {
            Severity severity = SignatureChecker.severityOf(r.outcome());
            String outcome =
                    severity == Severity.INFO ? "success" : severity == Severity.WARNING ? "warning" : "failure";
            String who = r.signer() == null ? "" : " by " + r.signer();
            events.add(event(
                    "digital signature validation",
                    now,
                    outcome,
                    (r.kind() == SignatureRecord.Kind.PDF
                                    ? "PDF signature " + r.ordinal()
                                    : "package signature " + r.signaturePath())
                            + who + ": " + r.outcome() + ", " + r.message(),
                    r.path()));
        }
        // One validation event per content file a validator read (the submission/ copies are the same bytes).
        int at = 5;
        for (Map.Entry<String, FileCheck> e : checkOf.entrySet()) {
            FileCheck check = e.getValue();
            if (check != null && check.validated() && !e.getKey().startsWith("submission/")) {
                String status = check.validation().status();
                String outcome =
                        status.equals("VALID") ? "success" : status.equals("WELL_FORMED") ? "warning" : "failure";
                events.add(at++, event("validation", now, outcome, check.summary(), e.getKey()));
            }
        }
        return events;
    }

    private PremisEvent identification(Characterisation c, Instant now, String object) {
        long withPuid = c.files().values().stream()
                .filter(f -> f.format().puid() != null)
                .count();
        long unknown = c.files().values().stream()
                .filter(f -> f.format().mediaType().equals(FormatIdentifier.UNKNOWN))
                .count();
        String puids = c.files().values().stream()
                .map(f -> f.format().puid())
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(p -> p, java.util.TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        return event(
                "format identification",
                now,
                unknown == 0 ? "success" : "warning",
                c.files().size() + " files identified by content (Apache Tika signatures, JHOVE), " + withPuid
                        + " with a PRONOM identifier" + (puids.isEmpty() ? "" : " (" + puids + ")") + ", " + unknown
                        + " unidentified",
                object);
    }

    private static String describe(vn.kho.repository.DescriptiveRecord d) {
        return "title=" + (d.title() == null ? "-" : d.title()) + "; identifier="
                + (d.identifier() == null ? "-" : d.identifier()) + "; access=" + d.access();
    }

    private PremisEvent event(String type, Instant time, String outcome, String detail, String object) {
        return new PremisEvent(UUID.randomUUID().toString(), type, time, outcome, detail, agent, object);
    }

    /** Something Kho writes itself: hashed while written, so it too is hashed exactly once. */
    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /** A file Kho wrote elsewhere (the JHOVE report), hashed once here. */
    private static StagedFile stage(Path file, String logicalPath) throws IOException {
        MessageDigest sha = sha256();
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new StagedFile(logicalPath, file, HexFormat.of().formatHex(sha.digest()), Files.size(file));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StagedFile write(Path file, String logicalPath, Writing body) throws IOException {
        MessageDigest sha = sha256();
        try (OutputStream out =
                new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)), sha)) {
            body.to(out);
        }
        return new StagedFile(logicalPath, file, HexFormat.of().formatHex(sha.digest()), Files.size(file));
    }

    private IngestJob save(IngestJob job) {
        journal.put(job);
        return job;
    }

    private void reject(IngestJob job, Path jobDir, CheckedPackage checked) {
        finish(job.withStatus(IngestStatus.REJECTED, clock.instant()), jobDir, checked);
        log.info(
                "ingest {} rejected: {}",
                job.id(),
                job.findings().stream()
                        .filter(Finding::isError)
                        .map(Finding::code)
                        .distinct()
                        .toList());
    }

    private void fail(IngestJob job, Path jobDir, Finding why, CheckedPackage checked) {
        finish(
                job.withFindings(List.of(why), clock.instant()).withStatus(IngestStatus.FAILED, clock.instant()),
                jobDir,
                checked);
    }

    /** Ends a refused or failed ingest: the job, final, and its receipt in one durable write, then the cleanup. */
    private void finish(IngestJob job, Path jobDir, CheckedPackage checked) {
        journal.putFinal(job, receipts.issue(job, contents(checked)));
        if (job.packageId() != null) {
            journal.release(job.packageId(), job.id());
        }
        removeStaging(jobDir);
    }

    /** A final job's staging folder goes before its end is announced: final means nothing is left behind. */
    private static void removeStaging(Path jobDir) {
        try {
            DurableFiles.deleteTree(jobDir);
        } catch (IOException e) {
            log.warn("could not remove staging folder {}: {}", jobDir, e.toString());
        }
    }

    /**
     * A job whose upload was not whole after a restart: Kho crashed before the upload was on disk, so it was never
     * acknowledged. It fails, and the client (who got no 202) submits again.
     */
    public void failUnacknowledged(IngestJob job, Path jobDir) {
        fail(
                job,
                jobDir,
                Finding.error(
                        "UPLOAD_NOT_DURABLE",
                        "Kho stopped before this upload was safely on disk, so it was never acknowledged; submit it"
                                + " again"),
                null);
    }

    private static void clean(Path jobDir, String... children) throws IOException {
        for (String c : children) {
            DurableFiles.deleteTree(jobDir.resolve(c));
        }
    }
}
