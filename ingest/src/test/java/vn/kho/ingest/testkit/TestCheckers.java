package vn.kho.ingest.testkit;

import java.time.Clock;
import java.time.Duration;
import vn.kho.ingest.PackageChecker;
import vn.kho.ingest.format.FileCharacteriser;
import vn.kho.ingest.format.FormatIdentifier;
import vn.kho.ingest.format.PronomRegistry;
import vn.kho.ingest.policy.FindingPolicy;
import vn.kho.ingest.signature.SignatureChecker;
import vn.kho.ingest.signature.SignatureRequirement;
import vn.kho.ingest.signature.pdfbox.PdfBoxSignatureScanner;
import vn.kho.ingest.tt05.ArchiveKind;
import vn.kho.ingest.unpack.UnpackLimits;
import vn.kho.ingest.validate.ValidatorPool;
import vn.kho.ingest.validate.ValidatorSettings;
import vn.kho.repository.signature.TestPki;

/**
 * Package checkers for tests, as Kho wires them: real JHOVE and veraPDF in one pool of warm child JVMs shared by
 * every test of the JVM (started on first use, stopped by the pool's shutdown hook). Free of JUnit.
 */
public final class TestCheckers {
    private static ValidatorPool pool;
    private static FileCharacteriser characteriser;

    private TestCheckers() {}

    public static synchronized FileCharacteriser characteriser() {
        if (characteriser == null) {
            pool = new ValidatorPool(ValidatorSettings.defaults()
                    .withWorkers(2)
                    .withHeapMb(256)
                    .withPerFileTimeout(Duration.ofSeconds(30)));
            characteriser = new FileCharacteriser(new FormatIdentifier(PronomRegistry.builtIn()), pool, 2);
        }
        return characteriser;
    }

    public static PackageChecker checker() {
        return checker(FindingPolicy.defaults(), ArchiveKind.AGENCY);
    }

    public static PackageChecker checker(FindingPolicy policy, ArchiveKind kind) {
        return checker(policy, kind, SignatureRequirement.none());
    }

    /**
     * A checker whose signature checks trust the shared test PKI's root ({@link TestPki#shared()}) and require
     * signatures as {@code requirement} says.
     */
    public static PackageChecker checker(FindingPolicy policy, ArchiveKind kind, SignatureRequirement requirement) {
        return checker(
                policy,
                kind,
                new SignatureChecker(TestPki.shared().verifier(), new PdfBoxSignatureScanner(), requirement));
    }

    /** A checker with the default policy for an agency archive, and {@code signatures} as its signature checks. */
    public static PackageChecker checker(SignatureChecker signatures) {
        return checker(FindingPolicy.defaults(), ArchiveKind.AGENCY, signatures);
    }

    private static PackageChecker checker(FindingPolicy policy, ArchiveKind kind, SignatureChecker signatures) {
        return new PackageChecker(
                UnpackLimits.defaults(), policy, kind, characteriser(), signatures, Clock.systemUTC());
    }
}
