package vn.kho.tools;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kho audit start|status|report}: a preservation officer's fixity audits, against a running Kho over its
 * HTTP API. Exit codes: 0 when the audit is under way or ended with every copy good (or repaired); 1 when it found a
 * copy no replica could repair (a package DAMAGED), was cancelled or failed; 2 for usage errors and when the server
 * cannot be reached or refuses the request.
 */
@Command(
        name = "audit",
        description = "Fixity audits on a running Kho.",
        subcommands = {AuditCommand.Start.class, AuditCommand.Status.class, AuditCommand.Report.class})
final class AuditCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("kho audit: say start, status or report");
        return 2;
    }

    /** The server to talk to: {@code --server}, else {@code KHO_URL}, else the local default. */
    static final class Server {
        @Option(names = "--server", description = "Kho's base URL (default: $KHO_URL, else http://127.0.0.1:8080).")
        String server;

        URI base() {
            String url = server != null ? server : System.getenv().getOrDefault("KHO_URL", "http://127.0.0.1:8080");
            return URI.create(url.endsWith("/") ? url : url + "/");
        }
    }

    private static final Set<String> FINAL = Set.of("COMPLETED", "CANCELLED", "FAILED");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A request's answer, or a usage-level failure carrying the exit code 2. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failed("cannot reach " + request.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }

    static JsonObject json(HttpResponse<byte[]> r, int expected) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (r.statusCode() != expected) {
            throw new Failed("HTTP " + r.statusCode() + ": " + body);
        }
        return new JsonObject(body);
    }

    static JsonObject audit(URI base, String id) {
        return json(
                send(HttpRequest.newBuilder(base.resolve("api/v1/audits/" + id))
                        .GET()
                        .build()),
                200);
    }

    /** One line about an audit: its status and progress. */
    static String line(JsonObject a) {
        JsonObject total = a.getJsonObject("total", new JsonObject());
        JsonObject done = a.getJsonObject("done", new JsonObject());
        return String.format(
                "%s %s: %s/%s packages, %s/%s files, %s/%s bytes, counts %s%s",
                a.getString("id"),
                a.getString("status"),
                done.getValue("packages"),
                total.getValue("packages"),
                done.getValue("files"),
                total.getValue("files"),
                done.getValue("bytes"),
                total.getValue("bytes"),
                a.getJsonObject("counts", new JsonObject()).encode(),
                a.getString("eta") == null ? "" : ", ETA " + a.getString("eta"));
    }

    /** 0 for an audit that ended with everything good or repaired, or is still running; 1 otherwise. */
    static int exitCode(JsonObject a) {
        String status = a.getString("status");
        if (status.equals("CANCELLED") || status.equals("FAILED")) {
            return 1;
        }
        JsonArray incidents = a.getJsonArray("incidents", new JsonArray());
        return incidents.isEmpty() ? 0 : 1;
    }

    abstract static class Action implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        Server server = new Server();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                return run(server.base(), out);
            } catch (Failed e) {
                spec.commandLine().getErr().println("kho audit: " + e.getMessage());
                return 2;
            } finally {
                out.flush();
            }
        }

        abstract int run(URI base, PrintWriter out);
    }

    @Command(name = "start", description = "Start an audit: everything, some packages, or one replica.")
    static final class Start extends Action {
        @Option(names = "--package", description = "A package id to audit (repeatable; default: every package).")
        List<String> packages = new ArrayList<>();

        @Option(names = "--replica", description = "Audit only this replica's copies.")
        String replica;

        @Option(names = "--wait", description = "Follow the audit until it ends, printing its progress.")
        boolean await;

        @Override
        int run(URI base, PrintWriter out) {
            JsonObject body = new JsonObject();
            if (!packages.isEmpty()) {
                body.put("packages", new JsonArray(new ArrayList<Object>(packages)));
            }
            if (replica != null) {
                body.put("replica", replica);
            }
            JsonObject a = json(
                    send(HttpRequest.newBuilder(base.resolve("api/v1/audits"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                            .build()),
                    202);
            out.println(line(a));
            out.flush();
            while (await && !FINAL.contains(a.getString("status"))) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Failed("interrupted");
                }
                a = audit(base, a.getString("id"));
                out.println(line(a));
                out.flush();
            }
            return exitCode(a);
        }
    }

    @Command(name = "status", description = "One audit's progress and findings, or every audit when no id is given.")
    static final class Status extends Action {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "The audit id.")
        String id;

        @Override
        int run(URI base, PrintWriter out) {
            if (id != null) {
                JsonObject a = audit(base, id);
                out.println(line(a));
                for (Object f : a.getJsonArray("findings", new JsonArray())) {
                    JsonObject finding = (JsonObject) f;
                    out.printf(
                            "  %s %s %s: %s%n",
                            finding.getString("classification"),
                            finding.getString("replica"),
                            finding.getString("path"),
                            finding.getString("detail"));
                }
                return exitCode(a);
            }
            JsonObject page = json(
                    send(HttpRequest.newBuilder(base.resolve("api/v1/audits"))
                            .GET()
                            .build()),
                    200);
            for (Object a : page.getJsonArray("items", new JsonArray())) {
                out.println(line((JsonObject) a));
            }
            return 0;
        }
    }

    @Command(name = "report", description = "An ended audit's report: JSON, or CSV; optionally its signature.")
    static final class Report extends Action {
        @Parameters(paramLabel = "ID", description = "The audit id.")
        String id;

        @Option(names = "--csv", description = "The report as CSV rather than JSON.")
        boolean csv;

        @Option(names = "--out", description = "Write the report to this file rather than the screen.")
        Path file;

        @Option(
                names = "--signature",
                description = "Also write the archive's detached CMS signature of the JSON report to this file.")
        Path signature;

        @Override
        int run(URI base, PrintWriter out) {
            HttpResponse<byte[]> r = send(
                    HttpRequest.newBuilder(base.resolve("api/v1/audits/" + id + "/report" + (csv ? "?format=csv" : "")))
                            .GET()
                            .build());
            if (r.statusCode() != 200) {
                throw new Failed("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            try {
                if (file != null) {
                    Files.write(file, r.body());
                } else {
                    out.print(new String(r.body(), StandardCharsets.UTF_8));
                }
                if (signature != null) {
                    HttpResponse<byte[]> p7s =
                            send(HttpRequest.newBuilder(base.resolve("api/v1/audits/" + id + "/report.p7s"))
                                    .GET()
                                    .build());
                    if (p7s.statusCode() != 200) {
                        throw new Failed("HTTP " + p7s.statusCode() + " for the signature");
                    }
                    Files.write(signature, p7s.body());
                }
            } catch (IOException e) {
                throw new Failed("cannot write: " + e.getMessage());
            }
            return 0;
        }
    }
}
