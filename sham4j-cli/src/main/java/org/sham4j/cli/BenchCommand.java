package org.sham4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sham4j.cli.bench.BenchRecord;
import org.sham4j.cli.bench.BenchReport;
import org.sham4j.cli.bench.BenchRunner;
import org.sham4j.cli.report.Progress;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.MatrixReader;
import org.sham4j.core.io.NamedMatrix;
import org.sham4j.core.format.FormatLimitException;
import org.sham4j.core.memory.MemoryBudgetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham bench FILE...}: every format side by side on each matrix. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Encode each matrix in each format; report size, bits per entry, build and product times "
                + "(one vector and a batch, on 1 and T threads), the largest error against a double product and the "
                + "estimated energy of one product. With --prune P1,P2,... every format at every level.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "matrices: .mtx, .mtx.gz, .npy, .npz, FILE.npz#KEY")
    List<String> files;

    @Option(names = "--formats", defaultValue = "all", paramLabel = "LIST",
            description = "comma-separated formats or 'all' (default): ${COMPLETION-CANDIDATES}",
            completionCandidates = FormatNames.class)
    String formats;

    @Option(names = "--threads", paramLabel = "T", description = "threads for the parallel products (default: cores)")
    Integer threads;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "R", description = "vectors in a batch (default 8)")
    int batch;

    @Option(names = "--repeat", defaultValue = "15", paramLabel = "N",
            description = "timed samples per product at least, after warm-up (until the JIT is idle); the "
                    + "fastest is reported: CPU time of the calling thread on 1 thread, wall time on T (default 15; "
                    + "0 skips timing: sizes and errors only)")
    int repeat;

    @Option(names = "--no-fork", description = "time every format in this JVM (default: each in a JVM of its own, "
            + "so the JIT's work for one format does not change the times of the next)")
    boolean noFork;

    @Option(names = "--forks", defaultValue = "1", paramLabel = "F",
            description = "JVMs that time each format one after the other, each time their median, and the slowest "
                    + "over the fastest reported as its spread (default 1; 3 or more where the JIT may compile a "
                    + "kernel in more than one way)")
    int forks;

    @Option(names = "--json", paramLabel = "OUT", description = "write the results as JSON")
    Path json;

    @Option(names = "--csv", paramLabel = "OUT", description = "write the results as CSV")
    Path csv;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Mixin
    PrepareOptions prepare = new PrepareOptions();

    private boolean failed;

    private void bench(NamedMatrix in, List<MatrixFormat> fmts, BenchRunner runner, ProductExecutor executor,
                       Progress progress, List<BenchRecord> records, List<BenchReport.Refusal> refusals,
                       List<String> prepared) {
        for (int k = 0; k < prepare.levels(); k++) {
            if (prepare.active()) {
                progress.step(in.name() + " / prune, quantize");
            }
            PrepareOptions.Prepared p = prepare.apply(in, k);
            String level = p.report().isEmpty() ? "" : " p" + p.report().get("prune");
            if (!p.report().isEmpty()) {
                prepared.add(String.format("%s: %.2f%% zeros, %s k=%s, mse %.4g, entropy %.3f bits, %.2f s",
                        in.name(), p.report().get("sparsity"), p.report().get("quantizer"),
                        p.report().get("k"), p.report().get("mse"), p.report().get("entropy"),
                        ((Long) p.report().get("quantizeNanos")) / 1e9));
            }
            BenchRunner.MatrixFacts facts = runner.facts(in.name(), p.matrix(), p.report());
            for (MatrixFormat f : fmts) {
                progress.step(in.name() + level + " / " + f.name());
                try {
                    records.add(runner.run(facts, f, executor));
                } catch (FormatLimitException | MemoryBudgetException | OutOfMemoryError e) {
                    // A format that cannot hold this matrix is refused in one line; the others go on.
                    String why = e instanceof OutOfMemoryError ? "the heap ran out (raise it with -Xmx)"
                            : e.getMessage();
                    refusals.add(new BenchReport.Refusal(in.name() + level, f.name(), why));
                    progress.note(in.name() + level + " / " + f.name() + ": refused: " + why);
                } catch (RuntimeException e) {
                    // A bug: said in one line, the others go on, and the exit status is an internal error.
                    String why = "failed: " + Errors.oneLine(e);
                    refusals.add(new BenchReport.Refusal(in.name() + level, f.name(), why));
                    progress.note(in.name() + level + " / " + f.name() + ": " + why);
                    failed = true;
                }
                progress.advance();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        OutputPaths.check(json);
        OutputPaths.check(csv);
        List<MatrixFormat> fmts = UsageException.parse(() -> Formats.parseList(formats));
        prepare.check();
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (forks < 1 || forks > 100) {
            throw new UsageException("--forks must be 1 to 100, got " + forks);
        }
        if (noFork && forks > 1) {
            throw new UsageException("--forks " + forks + " times in JVMs of their own: it cannot go with --no-fork");
        }
        BenchRunner runner = new BenchRunner(t, batch, repeat, noFork ? 0 : forks);
        Inputs.requireFiles(files);
        List<BenchRecord> records = new ArrayList<>();
        List<BenchReport.Refusal> refusals = new ArrayList<>();
        List<String> prepared = new ArrayList<>();
        Progress progress = new Progress(files.size() * prepare.levels() * fmts.size(), !quiet);
        try (ProductExecutor executor = new ProductExecutor(t)) {
            // One file at a time: only its matrices are held while they are benched.
            for (int s = 0; s < files.size(); s++) {
                progress.step("reading " + files.get(s));
                List<NamedMatrix> inputs = new ArrayList<>(MatrixReader.read(files.get(s)));
                progress.grow((inputs.size() - 1) * prepare.levels() * fmts.size());
                for (int i = 0; i < inputs.size(); i++) {
                    NamedMatrix in = inputs.get(i);
                    inputs.set(i, null);
                    bench(in, fmts, runner, executor, progress, records, refusals, prepared);
                }
                // Written after every file, so that a long run that is stopped keeps what it measured.
                write(new BenchReport(records, refusals));
            }
        }
        progress.finish();
        BenchReport report = new BenchReport(records, refusals);
        prepared.forEach(System.out::println);
        System.out.print(report.table());
        return failed ? ExitCode.INTERNAL : 0;
    }

    private void write(BenchReport report) throws java.io.IOException {
        if (json != null) {
            AtomicFiles.write(json, report.json().getBytes(StandardCharsets.UTF_8));
        }
        if (csv != null) {
            AtomicFiles.write(csv, report.csv().getBytes(StandardCharsets.UTF_8));
        }
    }
}
