package vn.kho.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.ingest.bagit.BagDigests;
import vn.kho.ingest.bagit.BagReader;
import vn.kho.ingest.csip.CsipValidator;
import vn.kho.ingest.format.Characterisation;
import vn.kho.ingest.format.FileCharacteriser;
import vn.kho.ingest.policy.FindingPolicy;
import vn.kho.ingest.signature.SignatureCheck;
import vn.kho.ingest.signature.SignatureChecker;
import vn.kho.ingest.tt05.ArchiveKind;
import vn.kho.ingest.tt05.Tt05MetadataRules;
import vn.kho.ingest.tt05.Tt05SipReader;
import vn.kho.ingest.unpack.SafeUnzipper;
import vn.kho.ingest.unpack.UnpackLimits;
import vn.kho.ingest.unpack.UnpackedPackage;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.PackageFormat;
import vn.kho.storage.ocfl.DurableFiles;

/**
 * Everything Kho checks before a package may reach a replica, in stages: safe unpacking (every file hashed once);
 * package format detection; the format's own reading and verification, with, for a METS package, the E-ARK CSIP/SIP
 * requirements and the TT05 metadata rules; then every file identified and validated, and the package's and its
 * PDFs' signatures verified. The policy grades each stage's findings, and checking stops after the first stage left
 * with an error.
 */
public final class PackageChecker {
    private static final Logger log = LoggerFactory.getLogger(PackageChecker.class);

    /**
     * Smaller files are left to the replica: forcing one costs mostly a journal commit, which it would pay again, and
     * thousands of early commits slowed the unpack's own file creation down.
     */
    static final long EARLY_WRITEBACK_MIN_BYTES = 256 * 1024;

    private final SafeUnzipper unzipper;
    private final FindingPolicy policy;
    private final ArchiveKind archiveKind;
    private final FileCharacteriser characteriser;
    private final SignatureChecker signatures;
    private final Clock clock;

    /**
     * @param signatures the signature checks
     * @param clock gives the validation time of signatures when the caller names no time of receipt
     */
    public PackageChecker(
            UnpackLimits limits,
            FindingPolicy policy,
            ArchiveKind archiveKind,
            FileCharacteriser characteriser,
            SignatureChecker signatures,
            Clock clock) {
        this.unzipper = new SafeUnzipper(limits);
        this.policy = policy;
        this.archiveKind = archiveKind;
        this.characteriser = characteriser;
        this.signatures = signatures;
        this.clock = clock;
    }

    /**
     * Checks the package {@code zip}: it is unpacked into {@code unpackDir}, and the file checks work in
     * {@code checksDir} (where JHOVE's report for the package is left as {@code JHOVE.xml}).
     */
    public CheckedPackage check(Path zip, Path unpackDir, Path checksDir) {
        return check(zip, unpackDir, checksDir, false, clock.instant());
    }

    /**
     * @param writeBackEarly start writing each unpacked file back to disk as soon as it is written: worth it when a
     *     replica will take the unpacked files by hard link (same filesystem), since it must force them later anyway
     */
    public CheckedPackage check(Path zip, Path unpackDir, Path checksDir, boolean writeBackEarly) {
        return check(zip, unpackDir, checksDir, writeBackEarly, clock.instant());
    }

    /**
     * @param receivedAt when the archive received the package: signatures are judged valid or not at this time
     *     (unless a trusted timestamp proves an earlier one), so a check run again after a restart decides alike
     */
    public CheckedPackage check(
            Path zip, Path unpackDir, Path checksDir, boolean writeBackEarly, java.time.Instant receivedAt) {
        long t0 = System.nanoTime();
        UnpackedPackage unpacked;
        if (writeBackEarly) {
            try (DurableFiles.Writeback writeback = new DurableFiles.Writeback()) {
                unpacked = unzipper.unpack(zip, unpackDir, BagDigests::algorithmsFor, (file, size) -> {
                    if (size >= EARLY_WRITEBACK_MIN_BYTES) {
                        writeback.add(file);
                    }
                });
            }
        } else {
            unpacked = unzipper.unpack(zip, unpackDir, BagDigests::algorithmsFor);
        }
        long t1 = System.nanoTime();
        List<Finding> findings = new ArrayList<>(policy.apply(unpacked.findings()));
        if (Findings.hasErrors(findings)) {
            return new CheckedPackage(unpacked, null, null, findings, null, null);
        }
        PackageDetector.Detection detection = PackageDetector.detect(unpackDir, unpacked.files());
        findings.addAll(policy.apply(detection.findings()));
        if (detection.format().isEmpty() || Findings.hasErrors(findings)) {
            return new CheckedPackage(unpacked, detection.root(), null, findings, null, null);
        }
        PackageRoot root = detection.root();
        ParsedPackage parsed =
                switch (detection.format().get()) {
                    case BAGIT -> BagReader.read(root);
                    case TT05_SIP -> Tt05SipReader.read(root);
                };
        List<Finding> structure = new ArrayList<>(parsed.findings());
        if (parsed.format() == PackageFormat.TT05_SIP) {
            structure.addAll(CsipValidator.validate(root));
            structure.addAll(Tt05MetadataRules.check(root, parsed.descriptive(), archiveKind));
        }
        findings.addAll(policy.apply(structure));
        if (Findings.hasErrors(findings)) {
            return new CheckedPackage(unpacked, root, parsed, findings, null, null);
        }
        long t2 = System.nanoTime();
        Map<String, Path> files = new LinkedHashMap<>();
        root.files().keySet().forEach(path -> files.put(path, root.dir().resolve(path)));
        Characterisation characterisation = characteriser.characterise(files, checksDir);
        findings.addAll(policy.apply(characterisation.findings()));
        long t3 = System.nanoTime();
        List<String> pdfs = characterisation.files().entrySet().stream()
                .filter(e -> e.getValue().format().mediaType().equals("application/pdf"))
                .map(Map.Entry::getKey)
                .toList();
        SignatureCheck signed = signatures.check(root, parsed, pdfs, receivedAt);
        findings.addAll(policy.apply(signed.findings()));
        log.info(
                "unpacked {} files in {} ms, read and checked the package in {} ms, characterised its files in {} ms,"
                        + " checked {} signatures in {} ms",
                unpacked.files().size(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000,
                signed.records().size(),
                (System.nanoTime() - t3) / 1_000_000);
        return new CheckedPackage(unpacked, root, parsed, findings, characterisation, signed);
    }
}
