package vn.kho.ingest.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import vn.kho.ingest.validate.JhoveModules;
import vn.kho.ingest.validate.JhoveReport;
import vn.kho.ingest.validate.ValidationFindings;
import vn.kho.ingest.validate.ValidationResult;
import vn.kho.ingest.validate.ValidatorPool;
import vn.kho.repository.FileFormat;
import vn.kho.repository.FileValidation;
import vn.kho.repository.Finding;

/**
 * Identifies every file of a package ({@link FormatIdentifier}) and validates each one a validator speaks for in the
 * {@link ValidatorPool} of warm child JVMs, files in parallel across the pool. What JHOVE and veraPDF report refines
 * the identification (the version JHOVE read, the PDF/A level a file claims). A file that hangs or crashes its
 * validator is a finding, never a failed ingest.
 */
public final class FileCharacteriser implements AutoCloseable {
    /** Findings of one code beyond this many per package are summed up in one finding. */
    static final int MAX_FINDINGS_PER_CODE = 100;

    private final FormatIdentifier identifier;
    private final ValidatorPool validators;
    private final ExecutorService threads;

    /** @param parallelism files checked at once: the number of validator JVMs, so each keeps busy */
    public FileCharacteriser(FormatIdentifier identifier, ValidatorPool validators, int parallelism) {
        this.identifier = identifier;
        this.validators = validators;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "kho-characterise-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks every file of {@code files} (package-relative path → file on disk). JHOVE's per-file reports go to
     * {@code workDir}, and the package's whole report is written to {@code workDir/JHOVE.xml}.
     */
    public Characterisation characterise(Map<String, Path> files, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Map<String, Future<Checked>> pending = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, Path> e : new TreeMap<>(files).entrySet()) {
                Path report = workDir.resolve("jhove-" + (++n) + ".xml");
                pending.put(e.getKey(), threads.submit(() -> check(e.getKey(), e.getValue(), report)));
            }
            Map<String, FileCheck> checks = new LinkedHashMap<>();
            List<Finding> findings = new ArrayList<>();
            List<Path> reports = new ArrayList<>();
            for (Map.Entry<String, Future<Checked>> e : pending.entrySet()) {
                Checked c = e.getValue().get();
                checks.put(e.getKey(), c.check());
                findings.addAll(c.findings());
                c.report().ifPresent(reports::add);
            }
            Optional<Path> jhove = Optional.empty();
            if (!reports.isEmpty()) {
                Path out = workDir.resolve("JHOVE.xml");
                try (OutputStream o = Files.newOutputStream(out)) {
                    JhoveReport.writeDocument(reports, o);
                }
                for (Path r : reports) {
                    Files.deleteIfExists(r);
                }
                jhove = Optional.of(out);
            }
            return new Characterisation(checks, limit(findings), jhove);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking files", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("checking a file failed: " + e.getCause(), e.getCause());
        }
    }

    private record Checked(FileCheck check, List<Finding> findings, Optional<Path> report) {}

    private Checked check(String path, Path file, Path report) throws IOException {
        FileFormat identified = identifier.identify(file, path);
        List<Finding> findings = new ArrayList<>();
        if (identified.mediaType().equals(FormatIdentifier.UNKNOWN)) {
            findings.add(Finding.warning(
                    "FORMAT_UNIDENTIFIED",
                    path + ": no format signature matches this file; it is kept as application/octet-stream",
                    path));
        }
        Optional<String> module = JhoveModules.forMediaType(identified.mediaType());
        if (module.isEmpty()) {
            noPuid(identified, path, findings);
            return new Checked(
                    new FileCheck(path, identified, new FileValidation(null, "NOT_VALIDATED", null, null), null),
                    findings,
                    Optional.empty());
        }
        ValidationResult result = validators.validate(file, identified.mediaType(), report);
        findings.addAll(ValidationFindings.of(path, result));
        String claimed = result.pdfa() == null ? null : result.pdfa().claimed();
        String version =
                result.version() != null && !result.version().isBlank() ? result.version() : identified.version();
        FileFormat format = identifier.withPronom(
                identified.mediaType(), version, claimed, identified.basis() + "; JHOVE " + result.module());
        noPuid(format, path, findings);
        String verified = result.pdfa() != null && result.pdfa().compliant() ? claimed : null;
        FileValidation validation =
                new FileValidation("JHOVE " + result.module(), result.status().name(), claimed, verified);
        return new Checked(
                new FileCheck(path, format, validation, summary(result, claimed, verified)),
                findings,
                result.reportWritten() ? Optional.of(report) : Optional.empty());
    }

    private static void noPuid(FileFormat format, String path, List<Finding> findings) {
        if (format.puid() == null && !format.mediaType().equals(FormatIdentifier.UNKNOWN)) {
            findings.add(Finding.info(
                    "FORMAT_PUID_UNKNOWN",
                    path + ": identified as " + format.mediaType()
                            + (format.version() == null ? "" : " " + format.version())
                            + ", which Kho's PRONOM table does not name",
                    path));
        }
    }

    private static String summary(ValidationResult r, String claimed, String verified) {
        String status =
                switch (r.status()) {
                    case VALID -> "well-formed and valid";
                    case WELL_FORMED -> "well-formed, not valid";
                    case NOT_WELL_FORMED -> "not well-formed";
                    case TIMED_OUT -> "validation timed out";
                    case CRASHED -> "the validator crashed on this file";
                    case NOT_VALIDATED -> "not validated";
                };
        String text = "JHOVE " + r.module() + ": " + status
                + (r.format() == null ? "" : "; " + r.format() + (r.version() == null ? "" : " " + r.version()));
        if (claimed != null) {
            text += "; claims PDF/A-" + claimed + ", " + (verified != null ? "verified" : "not verified")
                    + " by veraPDF";
        }
        return text;
    }

    /** Keeps the first {@link #MAX_FINDINGS_PER_CODE} findings of each code and sums up the rest. */
    static List<Finding> limit(List<Finding> findings) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            int count = seen.merge(f.code(), 1, Integer::sum);
            if (count <= MAX_FINDINGS_PER_CODE) {
                out.add(f);
            }
        }
        seen.forEach((code, count) -> {
            if (count > MAX_FINDINGS_PER_CODE) {
                Finding first = findings.stream()
                        .filter(f -> f.code().equals(code))
                        .findFirst()
                        .orElseThrow();
                out.add(new Finding(
                        first.severity(),
                        code,
                        (count - MAX_FINDINGS_PER_CODE) + " more files have " + code + " (not listed one by one)",
                        null));
            }
        });
        return out;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
