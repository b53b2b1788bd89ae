package vn.kho.repository.rdf;

import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.apache.jena.update.UpdateFactory;
import vn.kho.repository.BadRequestException;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;

/**
 * Publishes package graphs to a Fuseki (or any SPARQL 1.1 server with the Graph Store Protocol) dataset and answers
 * Kho's read-only {@code /sparql} endpoint from it, through one Jena {@link RDFConnection}.
 *
 * <p>The dataset URL (e.g. {@code http://127.0.0.1:3330/kho}) is expected to offer Fuseki's standard services:
 * {@code /sparql} (query), {@code /update} and {@code /data} (Graph Store Protocol). Each package lives in its own named
 * graph, named by the package URN ({@code <urn:uuid:...>}), so a package can be replaced or removed on its own.
 *
 * <p><b>The default graph.</b> Queries run against the dataset as the server has it. Kho's embedded Fuseki is a TDB2
 * dataset with {@code unionDefaultGraph}: the default graph is the union of all package graphs, so a query without
 * {@code GRAPH} sees every published package, and {@code GRAPH ?g} tells which package a triple came from. A server
 * without that setting has an empty default graph; queries must then use {@code GRAPH}.
 *
 * <p>Queries are parsed here first (SPARQL 1.1); anything else (an update, malformed text, a federated
 * {@code SERVICE} call) is refused with a {@link BadRequestException} before it reaches the server. Each query runs
 * under the configured timeout, which bounds the HTTP exchange; the server should also have its own
 * {@code arq:queryTimeout} so that it stops work a client has given up on.
 *
 * <p>One instance may be shared between threads; {@link #close()} releases the connection.
 */
public final class GraphPublisher implements AutoCloseable {
    /** The result formats offered for SELECT and ASK, first is the default. */
    private static final Map<String, Lang> RESULT_TYPES = orderedMap(
            "application/sparql-results+json", ResultSetLang.RS_JSON,
            "application/sparql-results+xml", ResultSetLang.RS_XML,
            "text/csv", ResultSetLang.RS_CSV,
            "text/tab-separated-values", ResultSetLang.RS_TSV);

    private static final Map<String, String> RESULT_ALIASES = Map.of(
            "application/json",
            "application/sparql-results+json",
            "application/xml",
            "application/sparql-results+xml",
            "text/xml",
            "application/sparql-results+xml");

    /** The RDF formats offered for CONSTRUCT and DESCRIBE, first is the default. */
    private static final Map<String, RDFFormat> GRAPH_TYPES = orderedMap(
            "text/turtle", RDFFormat.TURTLE_PRETTY,
            "application/n-triples", RDFFormat.NTRIPLES,
            "application/rdf+xml", RDFFormat.RDFXML_PRETTY,
            "application/ld+json", RDFFormat.JSONLD11_PRETTY);

    private static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(2);

    private final RDFConnection connection;
    private final Duration queryTimeout;

    /**
     * Connects to {@code datasetUrl}. {@code queryTimeout} bounds every query (the whole HTTP exchange) and the TCP
     * connect of every request.
     */
    public GraphPublisher(String datasetUrl, Duration queryTimeout) {
        Objects.requireNonNull(datasetUrl, "datasetUrl");
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
        String base = datasetUrl.endsWith("/") ? datasetUrl.substring(0, datasetUrl.length() - 1) : datasetUrl;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(queryTimeout.compareTo(REACHABLE_TIMEOUT) < 0 ? queryTimeout : REACHABLE_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.connection = RDFConnectionRemote.newBuilder()
                .destination(base)
                .queryEndpoint("sparql")
                .updateEndpoint("update")
                .gspEndpoint("data")
                .httpClient(http)
                .build();
    }

    /**
     * Replaces the named graph of package {@code id} by {@code model} (Graph Store Protocol PUT), so publishing the
     * same package again leaves the same triples. Throws {@link StorageFailureException} ({@code RDF_PUBLISH_FAILED})
     * when the server refuses or cannot be reached.
     */
    public void publish(PackageId id, Model model) {
        try {
            connection.put(id.urn(), model);
        } catch (RuntimeException e) {
            throw new StorageFailureException(
                    "RDF_PUBLISH_FAILED", "could not publish the graph of " + id.urn() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the named graph of package {@code id}; removing a graph that is not there is not an error. Throws
     * {@link StorageFailureException} ({@code RDF_PUBLISH_FAILED}) when the server refuses or cannot be reached.
     */
    public void remove(PackageId id) {
        try {
            connection.delete(id.urn());
        } catch (HttpException e) {
            if (e.getStatusCode() != 404) {
                throw new StorageFailureException(
                        "RDF_PUBLISH_FAILED", "could not remove the graph of " + id.urn() + ": " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            throw new StorageFailureException(
                    "RDF_PUBLISH_FAILED", "could not remove the graph of " + id.urn() + ": " + e.getMessage(), e);
        }
    }

    /** True when the server answers {@code ASK {}} within about two seconds; never throws. */
    public boolean reachable() {
        Duration timeout = queryTimeout.compareTo(REACHABLE_TIMEOUT) < 0 ? queryTimeout : REACHABLE_TIMEOUT;
        try (QueryExecution qe = connection
                .newQuery()
                .query("ASK {}")
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build()) {
            qe.execAsk();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A parsed, read-only query and the media type its results will be written in; from {@link #prepare}, so that an
     * HTTP layer can set its {@code Content-Type} before the results stream.
     */
    public record SparqlQuery(Query query, String mediaType) {}

    /**
     * Parses {@code sparql} (SPARQL 1.1) and picks the result media type from {@code accept} (an HTTP Accept value;
     * null, empty, a wildcard or nothing supported gives the default: SPARQL JSON results for SELECT/ASK, Turtle for
     * CONSTRUCT/DESCRIBE). Offered: {@code application/sparql-results+json} (also for {@code application/json}),
     * {@code application/sparql-results+xml} (also {@code application/xml}, {@code text/xml}), {@code text/csv},
     * {@code text/tab-separated-values}; and {@code text/turtle}, {@code application/n-triples},
     * {@code application/rdf+xml}, {@code application/ld+json}.
     *
     * @throws BadRequestException {@code SPARQL_UPDATE_REFUSED} for a SPARQL Update, {@code SPARQL_INVALID} for text
     *     that is not a SPARQL query (the message says where parsing stopped), {@code SPARQL_SERVICE_REFUSED} for a
     *     federated query ({@code SERVICE}), which would let a reader make the server fetch any URL
     */
    public SparqlQuery prepare(String sparql, String accept) {
        if (sparql == null || sparql.isBlank()) {
            throw new BadRequestException("SPARQL_INVALID", "the SPARQL query is empty");
        }
        Query query;
        try {
            query = QueryFactory.create(sparql, Syntax.syntaxSPARQL_11);
        } catch (QueryParseException e) {
            if (isUpdate(sparql)) {
                throw new BadRequestException(
                        "SPARQL_UPDATE_REFUSED", "SPARQL Update is not accepted here: this endpoint is read-only");
            }
            throw new BadRequestException("SPARQL_INVALID", "not a SPARQL 1.1 query: " + e.getMessage());
        }
        if (callsAService(query)) {
            throw new BadRequestException(
                    "SPARQL_SERVICE_REFUSED",
                    "SERVICE (federated query) is not accepted: queries run on Kho's data only");
        }
        boolean graphResult = query.isConstructType() || query.isDescribeType();
        return new SparqlQuery(query, negotiate(accept, graphResult));
    }

    /**
     * Runs a prepared query on the server and writes its results to {@code out} in {@link SparqlQuery#mediaType()}.
     * Does not close {@code out}.
     *
     * @throws StorageFailureException {@code SPARQL_TIMEOUT} when the query exceeds the timeout,
     *     {@code SPARQL_UNAVAILABLE} when the server fails or cannot be reached
     * @throws BadRequestException {@code SPARQL_INVALID} when the server rejects the query
     */
    public void execute(SparqlQuery prepared, OutputStream out) {
        try (QueryExecution qe = connection
                .newQuery()
                .query(prepared.query())
                .timeout(queryTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build()) {
            Query q = prepared.query();
            if (q.isSelectType()) {
                ResultsWriter.create()
                        .lang(RESULT_TYPES.get(prepared.mediaType()))
                        .build()
                        .write(out, qe.execSelect());
            } else if (q.isAskType()) {
                ResultsWriter.create()
                        .lang(RESULT_TYPES.get(prepared.mediaType()))
                        .build()
                        .write(out, qe.execAsk());
            } else if (q.isConstructType()) {
                RDFDataMgr.write(out, qe.execConstruct(), GRAPH_TYPES.get(prepared.mediaType()));
            } else if (q.isDescribeType()) {
                RDFDataMgr.write(out, qe.execDescribe(), GRAPH_TYPES.get(prepared.mediaType()));
            } else {
                throw new BadRequestException("SPARQL_INVALID", "unsupported query form");
            }
        } catch (KhoException e) {
            throw e;
        } catch (QueryCancelledException e) {
            throw new StorageFailureException(
                    "SPARQL_TIMEOUT", "the query did not finish within " + queryTimeout.toMillis() + " ms", e);
        } catch (HttpException e) {
            if (e.getStatusCode() == 400) {
                throw new BadRequestException(
                        "SPARQL_INVALID", "the SPARQL server rejected the query: " + e.getMessage());
            }
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new StorageFailureException(
                        "SPARQL_TIMEOUT", "the query did not finish within " + queryTimeout.toMillis() + " ms", e);
            }
            throw new StorageFailureException("SPARQL_UNAVAILABLE", "the SPARQL server failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new StorageFailureException("SPARQL_UNAVAILABLE", "the SPARQL server failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #prepare} then {@link #execute}: runs a read-only query for Kho's {@code /sparql} endpoint and returns the
     * media type the results were written in.
     */
    public String query(String sparql, String acceptMediaType, OutputStream out) {
        SparqlQuery prepared = prepare(sparql, acceptMediaType);
        execute(prepared, out);
        return prepared.mediaType();
    }

    @Override
    public void close() {
        connection.close();
    }

    /** True when the query (subqueries included) has a SERVICE clause, which would make the server fetch a URL. */
    private static boolean callsAService(Query query) {
        if (query.getQueryPattern() == null) {
            return false;
        }
        boolean[] found = {false};
        Walker.walk(Algebra.compile(query), new OpVisitorBase() {
            @Override
            public void visit(OpService op) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static boolean isUpdate(String sparql) {
        try {
            UpdateFactory.create(sparql, Syntax.syntaxSPARQL_11);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The first acceptable offered type, in the client's q order (ties: the client's order). */
    static String negotiate(String accept, boolean graphResult) {
        String fallback = graphResult ? "text/turtle" : "application/sparql-results+json";
        if (accept == null || accept.isBlank()) {
            return fallback;
        }
        record Choice(String type, double q, int order) {}
        List<Choice> choices = new ArrayList<>();
        String[] parts = accept.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] params = parts[i].split(";");
            String type = params[0].trim().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int j = 1; j < params.length; j++) {
                String p = params[j].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                choices.add(new Choice(type, q, i));
            }
        }
        choices.sort((a, b) -> a.q() != b.q() ? Double.compare(b.q(), a.q()) : Integer.compare(a.order(), b.order()));
        for (Choice c : choices) {
            String type = graphResult ? c.type() : RESULT_ALIASES.getOrDefault(c.type(), c.type());
            if (graphResult ? GRAPH_TYPES.containsKey(type) : RESULT_TYPES.containsKey(type)) {
                return type;
            }
            if (c.type().equals("*/*")
                    || (graphResult && c.type().equals("text/*"))
                    || (!graphResult && c.type().startsWith("application/*"))) {
                return fallback;
            }
        }
        return fallback;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... kv) {
        Map<String, V> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
