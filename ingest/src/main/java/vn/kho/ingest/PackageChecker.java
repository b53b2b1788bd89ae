package vn.kho.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.kho.ingest.bagit.BagDigests;
import vn.kho.ingest.bagit.BagReader;
import vn.kho.ingest.tt05.Tt05SipReader;
import vn.kho.ingest.unpack.SafeUnzipper;
import vn.kho.ingest.unpack.UnpackLimits;
import vn.kho.ingest.unpack.UnpackedPackage;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.storage.ocfl.DurableFiles;

/**
 * Everything Kho checks before a package may reach a replica: safe unpacking (every file hashed once), format
 * detection, and the format's own reading and verification. Stops at the first stage that finds an error.
 */
public final class PackageChecker {
    /**
     * Smaller files are left to the replica: forcing one costs mostly a journal commit, which it would pay again, and
     * thousands of early commits slowed the unpack's own file creation down.
     */
    static final long EARLY_WRITEBACK_MIN_BYTES = 256 * 1024;

    private final SafeUnzipper unzipper;

    public PackageChecker(UnpackLimits limits) {
        this.unzipper = new SafeUnzipper(limits);
    }

    public CheckedPackage check(Path zip, Path unpackDir) {
        return check(zip, unpackDir, false);
    }

    /**
     * @param writeBackEarly start writing each unpacked file back to disk as soon as it is written: worth it when a
     *     replica will take the unpacked files by hard link (same filesystem), since it must force them later anyway
     */
    public CheckedPackage check(Path zip, Path unpackDir, boolean writeBackEarly) {
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
        List<Finding> findings = new ArrayList<>(unpacked.findings());
        if (Findings.hasErrors(findings)) {
            return new CheckedPackage(unpacked, null, null, findings);
        }
        PackageDetector.Detection detection = PackageDetector.detect(unpackDir, unpacked.files());
        findings.addAll(detection.findings());
        if (detection.format().isEmpty() || Findings.hasErrors(findings)) {
            return new CheckedPackage(unpacked, detection.root(), null, findings);
        }
        ParsedPackage parsed =
                switch (detection.format().get()) {
                    case BAGIT -> BagReader.read(detection.root());
                    case TT05_SIP -> Tt05SipReader.read(detection.root());
                };
        findings.addAll(parsed.findings());
        return new CheckedPackage(unpacked, detection.root(), parsed, findings);
    }
}
