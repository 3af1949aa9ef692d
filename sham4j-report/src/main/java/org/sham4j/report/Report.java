package org.sham4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;
import org.sham4j.report.Table.Cell;

/**
 * {@code sham report}: tables (Markdown and CSV) and PNG plots of sweep results, bench output and compressed
 * models' layer sizes, gathered on one {@code index.md}. See {@link #write}.
 */
public final class Report {
    /**
     * What a report holds.
     *
     * @param directory   where it was written
     * @param files       the names of its files, {@code index.md} first
     * @param sweepRows   sweep rows read
     * @param settings    settings (configurations over seeds) they form
     * @param benchRecords bench records read
     * @param models      compressed models whose layer sizes are shown
     * @param warnings    inputs skipped or replaced, one line each
     */
    public record Summary(Path directory, List<String> files, int sweepRows, int settings, int benchRecords,
                          int models, List<String> warnings) {
    }

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> slugs = new HashSet<>();
    private final StringBuilder index = new StringBuilder();

    private Report() {
    }

    /**
     * Reads {@code inputs} (sweep directories holding {@code results.jsonl} and {@code *.json}, or such files) and
     * writes the report to the directory {@code out}, atomically. Refuses, in one line, a missing input, an empty
     * or malformed results file, inputs with nothing to report, and an {@code out} whose parent does not exist.
     */
    public static Summary write(List<Path> inputs, Path out) throws IOException {
        ReportDirectory.check(out);
        ReportInputs in = ReportInputs.load(inputs);
        Report r = new Report();
        List<Experiment> experiments = Experiment.of(in.sweep);
        List<BenchSeries> bench = BenchSeries.of(in.bench, in.warnings);
        r.head(in);
        for (Experiment e : experiments) {
            r.experiment(e);
        }
        if (!bench.isEmpty()) {
            r.line("## Matrices: every format against the pruning level (the papers' Figure 1)");
            r.line("");
            r.line("Bits per entry of the stored matrix, time of one product y = xᵀW (one vector, one thread) and "
                    + "its estimated energy (Horowitz's 45 nm costs, counted per format), from `sham bench --json`.");
            r.line("");
            for (BenchSeries b : bench) {
                r.bench(b);
            }
        }
        if (!in.layerSizes.isEmpty()) {
            r.line("## Layer sizes before and after compression");
            r.line("");
            for (LayerSizes l : in.layerSizes) {
                r.layers(l);
            }
        }
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(ReportDirectory.INDEX, r.index.toString().getBytes(StandardCharsets.UTF_8));
        all.putAll(r.files);
        ReportDirectory.write(out, all);
        return new Summary(out.toAbsolutePath().normalize(), List.copyOf(all.keySet()), in.sweep.size(),
                experiments.stream().mapToInt(e -> e.settings().size()).sum(), in.bench.size(), in.layerSizes.size(),
                List.copyOf(in.warnings));
    }

    /** A lower-case, file-name-safe form of {@code s}. */
    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }

    /** A slug not used yet in this report. */
    private String unique(String base) {
        String s = slug(base);
        String u = s;
        for (int k = 2; !slugs.add(u); k++) {
            u = s + "-" + k;
        }
        return u;
    }

    private void line(String s) {
        index.append(s).append('\n');
    }

    private void head(ReportInputs in) {
        line("# sham4j report");
        line("");
        line("Made from:");
        line("");
        for (Path p : in.sources) {
            line("- `" + p + "`");
        }
        line("");
        if (!in.sweep.isEmpty()) {
            line("In the sweep tables, ψ (occupancy) is the stored size of the compressed layers over their float32 "
                    + "size and 1/ψ how many times smaller they are; Δ is the score minus the baseline's (the "
                    + "original model's); time × is the compressed model's product time over the original's; "
                    + "µJ/sample the estimated energy of one sample through the weighted layers, and energy × its "
                    + "ratio to the original's. Scores are means over seeds, ± their sample standard deviation.");
            line("");
        }
    }

    /** A table under a heading of {@code level} #s, with a link to its CSV. */
    private void table(Table t, int level) {
        line("#".repeat(level) + " " + t.title());
        line("");
        if (t.isEmpty()) {
            line("(none in these results)");
        } else {
            index.append(t.markdown());
            line("");
            line("[" + t.file() + ".csv](" + t.file() + ".csv)");
            files.put(t.file() + ".csv", t.csv().getBytes(StandardCharsets.UTF_8));
        }
        line("");
    }

    private void plot(String file, String alt, Chart<?, ?> chart) throws IOException {
        files.put(file, Charts.png(chart));
        line("![" + alt + "](" + file + ")");
        line("");
    }

    private void experiment(Experiment e) throws IOException {
        String slug = unique(e.slug());
        SweepRow r = e.first();
        line("## " + e.label() + ", layers: " + r.layers());
        line("");
        int runs = e.settings().stream().mapToInt(Setting::seeds).sum();
        Stats base = e.baseline();
        line(e.settings().size() + " settings from " + runs + " runs on `" + r.data() + "`; baseline "
                + (e.accuracy() ? "accuracy " + String.format("%.2f %%", 100 * base.mean())
                        : "MSE " + String.format("%.4g", base.mean())) + ".");
        if (!e.shared().isEmpty()) {
            List<String> parts = new ArrayList<>();
            e.shared().forEach((k, v) -> parts.add(k + " " + v));
            line("The same in every setting (where it applies): " + String.join(", ", parts) + ".");
        }
        line("");
        String score = e.accuracy() ? "accuracy" : "mse";
        List<Setting> near = e.nearBaseline();
        boolean zoom = near.size() >= 2 && near.size() < e.settings().size();
        String zoomNote = ", near the baseline";
        plot(slug + "-occupancy-vs-" + score + ".png", "occupancy against " + score,
                Charts.occupancyVsScore(e, e.settings(), ""));
        if (zoom) {
            line("Near the baseline (" + e.nearBaselineWords() + "; " + (e.settings().size() - near.size())
                    + " of " + e.settings().size() + " settings fall outside):");
            line("");
            plot(slug + "-occupancy-vs-" + score + "-near-baseline.png", "occupancy against " + score + zoomNote,
                    Charts.occupancyVsScore(e, near, zoomNote));
        }
        if (e.settings().stream().anyMatch(s -> s.row().k() != null)) {
            plot(slug + "-" + score + "-vs-k.png", score + " against k", Charts.scoreVsK(e, e.settings(), ""));
            if (zoom && near.stream().anyMatch(s -> s.row().k() != null)) {
                plot(slug + "-" + score + "-vs-k-near-baseline.png", score + " against k" + zoomNote,
                        Charts.scoreVsK(e, near, zoomNote));
            }
            List<String> levels = e.settings().stream().filter(s -> s.row().k() != null)
                    .sorted((a, b) -> Double.compare(a.row().pruneOrder(), b.row().pruneOrder()))
                    .map(s -> s.row().prune()).distinct().toList();
            if (levels.size() > 1) {
                line("At each pruning level:");
                line("");
                for (String p : levels) {
                    String at = ", " + p + " % pruned";
                    plot(slug + "-" + score + "-vs-k-p" + Report.slug(p) + ".png", score + " against k" + at,
                            Charts.scoreVsK(e, e.settings().stream().filter(s -> s.row().prune().equals(p)).toList(),
                                    at));
                }
            }
        }
        for (Table t : new SweepTables(e, slug + "-").all()) {
            table(t, 3);
        }
    }

    private void bench(BenchSeries b) throws IOException {
        String slug = "matrix-" + unique(b.name());
        line("### " + b.name() + " (" + b.shape() + ")");
        line("");
        for (BenchSeries.Measure m : BenchSeries.MEASURES) {
            if (b.has(m) && b.levels().size() > 1) {
                plot(slug + "-" + m.file() + ".png", b.name() + ": " + m.title(), Charts.figure1(b, m));
            }
        }
        for (BenchSeries.Measure m : BenchSeries.MEASURES) {
            if (b.has(m)) {
                table(b.table(m, slug + "-"), 4);
            }
        }
    }

    private void layers(LayerSizes l) throws IOException {
        String slug = "layers-" + unique(l.name());
        line("### " + l.name());
        line("");
        plot(slug + ".png", l.name() + ": layer sizes", Charts.layerSizes(l));
        Table t = new Table("Layers of " + l.name(), slug, List.of("layer", "op", "shape", "format", "float32 KB",
                "stored KB", "ψ", "1/ψ"));
        long dense = 0;
        long stored = 0;
        for (LayerSizes.Layer x : l.layers()) {
            t.add(List.of(Cell.of(x.node()), Cell.of(x.op()), Cell.of(x.shape()), Cell.of(x.format()),
                    Cell.number(x.denseBytes() / 1024.0, "%.1f"), Cell.number(x.bytes() / 1024.0, "%.2f"),
                    Cell.significant((double) x.bytes() / x.denseBytes(), 4),
                    Cell.number((double) x.denseBytes() / x.bytes(), "%.1f")));
            dense += x.denseBytes();
            stored += x.bytes();
        }
        t.add(List.of(Cell.of("total"), Cell.NONE, Cell.NONE, Cell.NONE, Cell.number(dense / 1024.0, "%.1f"),
                Cell.number(stored / 1024.0, "%.2f"), Cell.significant((double) stored / dense, 4),
                Cell.number((double) dense / stored, "%.1f")));
        table(t, 4);
    }
}
