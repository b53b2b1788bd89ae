package vn.kho.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.kho.api.config.KhoConfig;
import vn.kho.storage.AipDescriptionReader;
import vn.kho.storage.IndexRebuilder;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.DurableFiles;
import vn.kho.storage.rocksdb.RocksPackageIndex;

/** {@code kho index rebuild}: the index is derived; this makes it again from the replicas alone. */
@Command(name = "index", description = "Work on the derived index.", subcommands = IndexCommand.Rebuild.class)
final class IndexCommand {
    @Command(name = "rebuild", description = "Delete data/index and rebuild it from the replicas (server stopped).")
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Override
        public Integer call() throws IOException {
            KhoConfig config = options.load();
            Path index = config.indexDir();
            Path fresh = index.resolveSibling("index.rebuilding");
            DurableFiles.deleteTree(fresh);
            List<Replica> replicas = new ArrayList<>();
            try {
                for (KhoConfig.ReplicaConfig rc : config.replicas()) {
                    replicas.add(vn.kho.api.ConfiguredReplicas.open(rc));
                }
                try (RocksPackageIndex idx = new RocksPackageIndex(fresh)) {
                    var result = new IndexRebuilder().rebuild(replicas, idx, new AipDescriptionReader());
                    System.out.println("rebuilt: " + result);
                }
            } finally {
                replicas.forEach(Replica::close);
            }
            // Swap only when the new index is complete: a failed rebuild leaves the old index in place.
            DurableFiles.deleteTree(index);
            Files.move(fresh, index);
            System.out.println("index: " + index);
            return 0;
        }
    }
}
