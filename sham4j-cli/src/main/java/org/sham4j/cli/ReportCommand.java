package org.sham4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sham4j.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sham report DIR... --out REPORT_DIR}: the tables and plots of sweeps, benches and compressions. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Tables (Markdown and CSV) and PNG plots on one index.md: of a sweep (DIR/results.jsonl: best "
                + "performance per method, smallest occupancy at the baseline's performance, unified against per-layer "
                + "codebooks, method by k, occupancy against accuracy with the Pareto front, accuracy against k), of "
                + "sham bench --json files (bits per entry, product time and energy of every format against the "
                + "pruning level) and of sham compress/compare --json files (each layer's size before and after).",
            "REPORT_DIR is written atomically; an earlier report there is replaced."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR|FILE",
            description = "sweep directories (their results.jsonl and *.json), or results.jsonl and .json files")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR",
            description = "directory to write (its parent must exist)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Report.Summary s = Report.write(inputs, out);
        for (String w : s.warnings()) {
            System.err.println("sham report: warning: " + w);
        }
        long plots = s.files().stream().filter(f -> f.endsWith(".png")).count();
        long tables = s.files().stream().filter(f -> f.endsWith(".csv")).count();
        System.out.printf("%s: %d plots, %d tables from %d sweep rows (%d settings), %d bench records, %d models%n",
                s.directory().resolve("index.md"), plots, tables, s.sweepRows(), s.settings(), s.benchRecords(),
                s.models());
        return 0;
    }
}
