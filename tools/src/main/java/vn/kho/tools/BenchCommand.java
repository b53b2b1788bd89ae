package vn.kho.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kho bench ...}: benchmarks the project ships; figures come from this machine, in one run. */
@Command(
        name = "bench",
        description = "Benchmarks.",
        subcommands = {IngestBench.class, ValidateBench.class, AuditBench.class, ReplicateBench.class})
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("kho bench: name a benchmark, e.g. 'kho bench ingest'");
        return 2;
    }
}
