package vn.kho.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.api.config.ConfigException;
import vn.kho.api.config.KhoConfig;
import vn.kho.ingest.signature.SignatureChecker;
import vn.kho.ingest.signature.SignatureRequirement;
import vn.kho.ingest.signature.pdfbox.PdfBoxSignatureScanner;
import vn.kho.repository.signature.CmsVerifier;
import vn.kho.repository.signature.TrustStore;
import vn.kho.repository.signature.TrustStoreException;
import vn.kho.repository.signature.VerificationPolicy;

/**
 * The signature checks as configured ({@code signatures.*}): the trust folder's CA certificates and CRLs (the default
 * {@code data/trust} is created empty, so that nothing is trusted until an archivist puts the anchors there), the weak
 * algorithms, and which agencies must sign.
 */
public final class ConfiguredSignatures {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredSignatures.class);

    private ConfiguredSignatures() {}

    /** @throws ConfigException {@code signatures.trust} when the trust folder cannot be read */
    public static SignatureChecker open(KhoConfig.Signatures config) {
        TrustStore trust;
        try {
            Files.createDirectories(config.trustDir());
            trust = TrustStore.load(config.trustDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the trust folder " + config.trustDir(), e);
        } catch (TrustStoreException e) {
            throw new ConfigException("signatures.trust", e.getMessage());
        }
        VerificationPolicy defaults = VerificationPolicy.defaults();
        VerificationPolicy policy =
                new VerificationPolicy(new HashSet<>(config.weakDigests()), config.minRsaBits(), defaults.minEcBits());
        log.info(
                "signatures: {} trust anchors, {} CRLs in {}; weak digests {}; RSA keys from {} bits; required {}{}",
                trust.anchors().size(),
                trust.crls().size(),
                config.trustDir(),
                config.weakDigests(),
                config.minRsaBits(),
                config.requiredByDefault() ? "by default" : "only where named",
                config.agencies().isEmpty() ? "" : " " + config.agencies());
        return new SignatureChecker(
                new CmsVerifier(trust, policy),
                new PdfBoxSignatureScanner(),
                new SignatureRequirement(config.requiredByDefault(), config.agencies()));
    }
}
