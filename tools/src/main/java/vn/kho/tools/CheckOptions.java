package vn.kho.tools;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vn.kho.api.config.ConfigLoader;
import vn.kho.api.config.KhoConfig;

/**
 * The options of the commands that check a package as the server would: the same config file and {@code KHO_}
 * variables as {@code kho serve} (only {@code checks.*} and {@code ingest.*} matter), then the flags.
 */
final class CheckOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Kho's config file (JSON, or YAML by .yaml/.yml): its checks and ingest limits apply.")
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

    /** Defaults, then the config file, then KHO_ variables, then the flags. */
    KhoConfig load() {
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
        return loader.load();
    }
}
