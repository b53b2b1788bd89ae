package vn.kho.repository.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.kho.repository.BadRequestException;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageId;

/** Against a real Fuseki on loopback, with a TDB2 in-memory dataset whose default graph is the union graph. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphPublisherTest {
    private FusekiServer fuseki;
    private GraphPublisher publisher;

    @BeforeAll
    void startFuseki() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        fuseki = FusekiServer.create()
                .loopback(true)
                .port(0)
                .add("/kho", dsg)
                .build()
                .start();
        publisher = new GraphPublisher(fuseki.datasetURL("/kho"), Duration.ofSeconds(10));
    }

    @AfterAll
    void stopFuseki() {
        publisher.close();
        fuseki.stop();
    }

    private static PackageDescription packageWithId(PackageId id) {
        PackageDescription s = PackageGraphTest.sample();
        return new PackageDescription(id, s.version(), s.format(), s.created(), s.descriptive(), s.files(), List.of());
    }

    private ResultSet select(String sparql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String type = publisher.query(sparql, "application/sparql-results+json", out);
        assertThat(type).isEqualTo("application/sparql-results+json");
        return ResultSetMgr.read(new ByteArrayInputStream(out.toByteArray()), ResultSetLang.RS_JSON);
    }

    private long triplesIn(PackageId id) {
        ResultSet rs = select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + id.urn() + "> { ?s ?p ?o } }");
        return rs.next().getLiteral("n").getLong();
    }

    @Test
    void publishesAPackageGraphThatAQueryFindsThroughTheUnionDefaultGraph() {
        PackageId id = PackageId.random();
        publisher.publish(id, PackageGraph.toModel(packageWithId(id)));

        ResultSet rs = select("PREFIX dcterms: <http://purl.org/dc/terms/> " + "SELECT ?title ?code WHERE { <"
                + id.urn() + "> dcterms:title ?title ; dcterms:identifier ?code }");

        QuerySolution row = rs.next();
        assertThat(row.getLiteral("title").getString()).isEqualTo("Hồ sơ số hóa tài liệu");
        assertThat(row.getLiteral("code").getString()).isEqualTo("H30.81.2024.K4.01");
        assertThat(rs.hasNext()).isFalse();
    }

    @Test
    void republishingLeavesExactlyTheSameTriples() {
        PackageId id = PackageId.random();
        Model model = PackageGraph.toModel(packageWithId(id));

        publisher.publish(id, model);
        long first = triplesIn(id);
        publisher.publish(id, PackageGraph.toModel(packageWithId(id)));

        assertThat(first).isEqualTo(model.size());
        assertThat(triplesIn(id)).isEqualTo(first);
    }

    @Test
    void removesAPackageGraphAndRemovingItAgainIsNotAnError() {
        PackageId id = PackageId.random();
        publisher.publish(id, PackageGraph.toModel(packageWithId(id)));

        publisher.remove(id);
        publisher.remove(id);

        assertThat(triplesIn(id)).isZero();
    }

    @Test
    void refusesAnUpdatePassedAsAQueryAndChangesNothing() {
        PackageId id = PackageId.random();
        publisher.publish(id, PackageGraph.toModel(packageWithId(id)));
        long before = triplesIn(id);

        assertThatThrownBy(() -> publisher.query(
                        "DROP GRAPH <" + id.urn() + ">", "application/json", new ByteArrayOutputStream()))
                .isInstanceOf(BadRequestException.class)
                .extracting(e -> ((BadRequestException) e).code())
                .isEqualTo("SPARQL_UPDATE_REFUSED");
        assertThatThrownBy(() ->
                        publisher.query("INSERT DATA { <urn:x> <urn:y> <urn:z> }", null, new ByteArrayOutputStream()))
                .isInstanceOf(BadRequestException.class)
                .extracting(e -> ((BadRequestException) e).code())
                .isEqualTo("SPARQL_UPDATE_REFUSED");
        assertThat(triplesIn(id)).isEqualTo(before);
    }

    @Test
    void refusesAMalformedQueryWithAClearCode() {
        assertThatThrownBy(() -> publisher.query("SELECT ?x WHERE { ?x", null, new ByteArrayOutputStream()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("not a SPARQL 1.1 query")
                .extracting(e -> ((BadRequestException) e).code())
                .isEqualTo("SPARQL_INVALID");
    }

    @Test
    void refusesAFederatedQueryEvenInsideASubquery() {
        String sparql = "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } } } }";

        assertThatThrownBy(() -> publisher.query(sparql, null, new ByteArrayOutputStream()))
                .isInstanceOf(BadRequestException.class)
                .extracting(e -> ((BadRequestException) e).code())
                .isEqualTo("SPARQL_SERVICE_REFUSED");
    }

    @Test
    void writesAskAsXmlAndConstructAsTheRdfSyntaxAskedFor() {
        PackageId id = PackageId.random();
        publisher.publish(id, PackageGraph.toModel(packageWithId(id)));

        ByteArrayOutputStream ask = new ByteArrayOutputStream();
        String askType = publisher.query("ASK { <" + id.urn() + "> ?p ?o }", "application/sparql-results+xml", ask);
        assertThat(askType).isEqualTo("application/sparql-results+xml");
        assertThat(ask.toString(StandardCharsets.UTF_8)).contains("<boolean>true</boolean>");

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(publisher.query(
                        "SELECT ?o WHERE { <" + id.urn() + "> <http://purl.org/dc/terms/identifier> ?o }",
                        "text/html, text/csv;q=0.9",
                        csv))
                .isEqualTo("text/csv");
        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("o\r\nH30.81.2024.K4.01\r\n");

        for (String accept : List.of("text/turtle", "application/ld+json", "application/n-triples")) {
            ByteArrayOutputStream graph = new ByteArrayOutputStream();
            String type = publisher.query(
                    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + id.urn() + "> { ?s ?p ?o } }", accept, graph);
            assertThat(type).isEqualTo(accept);
            Model back = RDFParser.source(new ByteArrayInputStream(graph.toByteArray()))
                    .lang(
                            accept.equals("text/turtle")
                                    ? Lang.TURTLE
                                    : accept.equals("application/ld+json") ? Lang.JSONLD : Lang.NTRIPLES)
                    .toModel();
            Model expected = PackageGraph.toModel(packageWithId(id));
            assertThat(back.isIsomorphicWith(expected)).as(accept).isTrue();
        }
    }

    @Test
    void saysTheLiveServerIsReachable() {
        assertThat(publisher.reachable()).isTrue();
    }

    @Test
    void saysAServerThatIsNotThereIsUnreachableWithinSeconds() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        try (GraphPublisher nowhere =
                new GraphPublisher("http://127.0.0.1:" + freePort + "/kho", Duration.ofSeconds(30))) {
            Instant start = Instant.now();

            assertThat(nowhere.reachable()).isFalse();
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void choosesTheResultMediaTypeFromTheAcceptHeader() {
        assertThat(GraphPublisher.negotiate(null, false)).isEqualTo("application/sparql-results+json");
        assertThat(GraphPublisher.negotiate("*/*", true)).isEqualTo("text/turtle");
        assertThat(GraphPublisher.negotiate("application/xml", false)).isEqualTo("application/sparql-results+xml");
        assertThat(GraphPublisher.negotiate("text/csv;q=0.5, text/tab-separated-values", false))
                .isEqualTo("text/tab-separated-values");
        assertThat(GraphPublisher.negotiate("application/rdf+xml;q=0, application/ld+json", true))
                .isEqualTo("application/ld+json");
        assertThat(GraphPublisher.negotiate("image/png", true)).isEqualTo("text/turtle");
    }
}
