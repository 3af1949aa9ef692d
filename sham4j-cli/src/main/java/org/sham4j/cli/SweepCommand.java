package org.sham4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sham4j.experiment.Configuration;
import org.sham4j.experiment.Sweep;
import org.sham4j.experiment.SweepBackend;
import org.sham4j.experiment.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham sweep SPEC --out DIR [--workers N]}: a grid of compression experiments, resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a grid of compression experiments described by SPEC (YAML or JSON; see the README and "
                + "examples/paper/): each configuration is compressed, fine-tuned, stored and compared with the "
                + "original by the same pipeline as compress and compare, and appends one row to DIR/results.jsonl "
                + "(and DIR/results.csv) as it ends. A rerun skips the configurations already in DIR; a zoo "
                + "baseline is trained once into DIR/baselines and reused.",
            "Exit status: 0 when every configuration has its row, 1 when some failed (see DIR/failures.jsonl) or "
                + "the spec is wrong."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep (.yaml, .yml or .json)")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep's folder (created)")
    Path out;

    @Option(names = "--workers", paramLabel = "N",
            description = "configurations run at once, each with the spec's torchThreads PyTorch threads (default 1; "
                    + "with --master, the cluster's cores); N x torchThreads should not exceed the cores")
    Integer workers;

    @Option(names = "--master", paramLabel = "URL",
            description = "run each configuration as a Spark task: local[N], spark://HOST:PORT, ... (default: this "
                    + "JVM, no Spark); the baseline trains once, here; rows also go to DIR/results.parquet")
    String master;

    @Option(names = "--dry-run", description = "validate SPEC and list its configurations; run nothing")
    boolean dryRun;

    @Option(names = {"--quiet", "-q"}, description = "no progress display (failures and the summary only)")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        SweepSpec s = SweepSpec.read(spec);
        List<Configuration> configurations = s.configurations();
        if (dryRun) {
            for (Configuration c : configurations) {
                System.out.println(c.label() + "  " + c.fields());
            }
            System.out.printf("%s: %d configurations%n", s.name(), configurations.size());
            return 0;
        }
        String cluster = Clusters.master(master);
        Sweep.Summary r;
        if (cluster == null) {
            int n = workers == null ? 1 : workers;
            int cores = Runtime.getRuntime().availableProcessors();
            if (n * s.torchThreads() > cores) {
                System.err.printf("sweep: warning: %d worker(s) x %d PyTorch thread(s) exceed the %d cores: they "
                        + "will slow each other down%n", n, s.torchThreads(), cores);
            }
            r = Sweep.run(s, options(n));
        } else {
            try (SweepBackend.Cluster spark = Clusters.backend(SweepBackend.class, cluster).open(cluster,
                    System.err)) {
                r = Sweep.run(s, options(workers == null ? spark.parallelism() : workers), spark);
                spark.writeParquet(out);
            }
        }
        System.out.printf("%s: %d configurations: %d done before, %d ran now, %d failed, in %.1f s; rows in %s%n",
                s.name(), r.configurations(), r.before(), r.ran(), r.failed(), r.seconds(),
                out.resolve("results.jsonl"));
        return r.failed() == 0 ? 0 : 1;
    }

    private Sweep.Options options(int n) {
        return new Sweep.Options(out, n, quiet, Models::load, System.err, System.console() != null);
    }
}
