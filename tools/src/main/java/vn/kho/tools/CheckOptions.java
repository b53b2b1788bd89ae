package vn.kho.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import vn.kho.api.config.ConfigLoader;
import vn.kho.api.config.KhoConfig;

/**
 * The options of the commands that check a package as the server would: the same config file and {@code KHO_}
 * variables as {@code kho serve} (only {@code checks.*}, {@code ingest.*} and {@code signatures.*} matter), then the
 * flags.
 */
final class CheckOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Kho's config file (JSON, or YAML by .yaml/.yml): its checks, ingest limits and signature"
                    + " settings apply.")
    Path config;

    @Option(
            names = "--archive",
            paramLabel = "KIND",
            description = "agency (Lưu trữ hiện hành, the default) or historical (Lưu trữ lịch sử: permanent records"
                    + " only); env KHO_ARCHIVE.")
    String archive;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Finding policy (YAML) deciding what rejects a package; env KHO_POLICY.")
    Path policy;

    @Option(
            names = "--trust",
            paramLabel = "DIR",
            description = "Folder of the CA certificates (and CRLs) signatures must chain to, as the archive's"
                    + " signatures.trust; without it no signature is trusted (a warning).")
    Path trust;

    /**
     * Defaults, then the config file, then KHO_ variables, then the flags. When the trust folder so configured does not
     * exist, the empty folder {@code emptyTrust} is used instead: the server would create its own, an offline check
     * must leave the current folder as it found it.
     */
    KhoConfig load(Path emptyTrust) {
        KhoConfig loaded = loader().load();
        if (Files.isDirectory(loaded.signatures().trustDir())) {
            return loaded;
        }
        try {
            Files.createDirectories(emptyTrust);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + emptyTrust, e);
        }
        return loader().set("signatures.trust", emptyTrust.toString()).load();
    }

    private ConfigLoader loader() {
        ConfigLoader loader = new ConfigLoader();
        if (config != null) {
            loader.file(config);
        }
        loader.environment(System.getenv());
        if (archive != null) {
            loader.set("checks.archive", archive);
        }
        if (policy != null) {
            loader.set("checks.policy", policy.toString());
        }
        if (trust != null) {
            loader.set("signatures.trust", trust.toAbsolutePath().toString());
        }
        return loader;
    }
}
