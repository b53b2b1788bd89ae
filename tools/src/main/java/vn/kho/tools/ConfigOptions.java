package vn.kho.tools;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vn.kho.api.config.ConfigLoader;
import vn.kho.api.config.KhoConfig;

/** The options every command that opens a data directory shares; flags beat environment beat config file. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (JSON, or YAML by .yaml/.yml).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data; env KHO_DATA).")
    Path data;

    KhoConfig load() {
        return load(loader -> {});
    }

    /** Defaults, then the config file, then KHO_ variables, then {@code --data}, then the command's own flags. */
    KhoConfig load(java.util.function.Consumer<ConfigLoader> flags) {
        ConfigLoader loader = new ConfigLoader();
        if (config != null) {
            loader.file(config);
        }
        loader.environment(System.getenv());
        if (data != null) {
            loader.set("data", data.toString());
        }
        flags.accept(loader);
        return loader.load();
    }
}
