package vn.kho.api;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.api.config.ConfigException;
import vn.kho.api.config.KhoConfig;
import vn.kho.ingest.PackageChecker;
import vn.kho.ingest.format.FileCharacteriser;
import vn.kho.ingest.format.FormatIdentifier;
import vn.kho.ingest.format.PronomRegistry;
import vn.kho.ingest.policy.FindingPolicy;
import vn.kho.ingest.policy.PolicyException;
import vn.kho.ingest.signature.SignatureChecker;
import vn.kho.ingest.tt05.ArchiveKind;
import vn.kho.ingest.unpack.UnpackLimits;
import vn.kho.ingest.validate.ValidatorPool;
import vn.kho.ingest.validate.ValidatorSettings;

/**
 * The package checker exactly as the server runs it, made from a {@link KhoConfig}: the unpack limits of
 * {@code ingest.*}, the finding policy of {@code checks.policy}, the archive kind of {@code checks.archive}, the
 * signature checks of {@code signatures.*} ({@link ConfiguredSignatures}), and a pool of validator JVMs (JHOVE,
 * veraPDF) of {@code checks.validators*}, which this owns. The server builds its checker here,
 * and so does {@code kho sip verify}, so that an agency's offline check and the archive's give the same answer.
 */
public final class ConfiguredChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredChecker.class);

    private final ValidatorPool validators;
    private final FileCharacteriser characteriser;
    private final PackageChecker checker;

    private ConfiguredChecker(ValidatorPool validators, FileCharacteriser characteriser, PackageChecker checker) {
        this.validators = validators;
        this.characteriser = characteriser;
        this.checker = checker;
    }

    /**
     * Starts the validator JVMs (without waiting for them to warm up) and builds the checker.
     *
     * @param clock the time signatures are judged at
     * @throws ConfigException {@code checks.policy} when the policy file cannot be loaded, {@code signatures.trust}
     *     when the trust folder cannot be read
     */
    public static ConfiguredChecker open(KhoConfig config, Clock clock) {
        KhoConfig.Checks checks = config.checks();
        FindingPolicy policy;
        try {
            policy = checks.policyFile() == null ? FindingPolicy.defaults() : FindingPolicy.load(checks.policyFile());
        } catch (PolicyException e) {
            throw new ConfigException("checks.policy", e.getMessage());
        }
        SignatureChecker signatures = ConfiguredSignatures.open(config.signatures());
        UnpackLimits limits = new UnpackLimits(
                config.ingest().maxEntries(),
                config.ingest().maxExpandedBytes(),
                config.ingest().maxExpandedBytes(),
                config.ingest().maxCompressionRatio(),
                255);
        ValidatorPool validators = new ValidatorPool(ValidatorSettings.defaults()
                .withWorkers(checks.validators())
                .withHeapMb(checks.validatorHeapMb())
                .withPerFileTimeout(Duration.ofSeconds(checks.validatorTimeoutSeconds())));
        FileCharacteriser characteriser;
        try {
            characteriser = new FileCharacteriser(
                    new FormatIdentifier(PronomRegistry.builtIn()), validators, checks.validators());
        } catch (RuntimeException e) {
            validators.close();
            throw e;
        }
        log.info(
                "checks: {} archive, policy {}, {} validator JVMs of {} MB",
                checks.historicalArchive() ? "historical" : "agency",
                policy.source(),
                checks.validators(),
                checks.validatorHeapMb());
        PackageChecker checker = new PackageChecker(
                limits,
                policy,
                checks.historicalArchive() ? ArchiveKind.HISTORICAL : ArchiveKind.AGENCY,
                characteriser,
                signatures,
                clock);
        return new ConfiguredChecker(validators, characteriser, checker);
    }

    public PackageChecker checker() {
        return checker;
    }

    /** Stops the file checks, then the validator JVMs. */
    @Override
    public void close() {
        try {
            characteriser.close();
        } finally {
            validators.close();
        }
    }
}
