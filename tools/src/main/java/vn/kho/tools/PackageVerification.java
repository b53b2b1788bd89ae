package vn.kho.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import vn.kho.api.ConfiguredChecker;
import vn.kho.api.config.KhoConfig;
import vn.kho.repository.Finding;
import vn.kho.storage.ocfl.DurableFiles;

/**
 * Checks a package zip offline with the checker the server builds from the same config ({@link ConfiguredChecker}):
 * safe unpacking, package detection, E-ARK CSIP, the TT05 rules, signatures, format identification, JHOVE and veraPDF,
 * the policy.
 * It unpacks into a temporary folder that is deleted afterwards.
 */
final class PackageVerification {
    private PackageVerification() {}

    /** Every finding, graded by the policy; the package would be accepted when none is an error. */
    static List<Finding> check(CheckOptions options, Path zip) {
        Path work;
        try {
            work = Files.createTempDirectory("kho-sip-verify-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder to unpack into", e);
        }
        try {
            KhoConfig config = options.load(work.resolve("trust"));
            try (ConfiguredChecker checker = ConfiguredChecker.open(config, Clock.systemUTC())) {
                return checker.checker()
                        .check(zip, work.resolve("unpacked"), work.resolve("checks"))
                        .findings();
            }
        } finally {
            try {
                DurableFiles.deleteTree(work);
            } catch (IOException e) {
                System.err.println("kho: could not delete the temporary folder " + work + ": " + e.getMessage());
            }
        }
    }
}
