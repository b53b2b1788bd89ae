package vn.kho.api.rdf;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/**
 * The Fuseki that runs inside Kho on its embedded defaults: a TDB2 dataset under {@code data/rdf}, served on loopback
 * only at {@code /kho}, with the union of the named graphs as the default graph so that a query without GRAPH sees
 * every package. Kho talks to it through the same Fuseki client it uses for an external Fuseki.
 */
public final class EmbeddedFuseki implements AutoCloseable {
    private final FusekiServer server;
    private final DatasetGraph dataset;
    private final boolean fresh;

    private EmbeddedFuseki(FusekiServer server, DatasetGraph dataset, boolean fresh) {
        this.server = server;
        this.dataset = dataset;
        this.fresh = fresh;
    }

    public static EmbeddedFuseki start(Path dir, int port) {
        boolean fresh = !Files.isDirectory(dir);
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        FusekiServer server = FusekiServer.create()
                .loopback(true)
                .port(port)
                .enablePing(true)
                .add("/kho", dsg, true)
                .build()
                .start();
        return new EmbeddedFuseki(server, dsg, fresh);
    }

    /** The dataset URL, e.g. {@code http://127.0.0.1:41234/kho}. */
    public String datasetUrl() {
        return "http://127.0.0.1:" + server.getHttpPort() + "/kho";
    }

    /** True when the dataset did not exist before this start (everything must be published again). */
    public boolean fresh() {
        return fresh;
    }

    @Override
    public void close() {
        server.stop();
        dataset.close();
    }
}
