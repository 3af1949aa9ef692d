package org.sham4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Csv;
import org.sham4j.cli.report.Json;
import org.sham4j.cli.report.Table;
import org.sham4j.compress.Comparison;
import org.sham4j.compress.Metric;
import org.sham4j.compress.RuntimeEvaluation;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.model.graph.Graph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sham compare ORIGINAL COMPRESSED --data DATA}: scores, weight bytes and inference time of a model and
 * its compressed version, side by side, per layer and in total, on the pure-Java runtime.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare a model with its compressed version on the pure-Java runtime: test accuracy or MSE "
                + "and their difference, weight bytes and occupancy psi against float32, inference time of a batch "
                + "and the ratio; per weighted layer (bytes and product time) and in total.",
            "Data: " + DataSpec.SYNTAX + "."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ORIGINAL", description = "the original model")
    Path original;

    @Parameters(index = "1", paramLabel = "COMPRESSED", description = "the compressed model")
    Path compressed;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "data set, e.g. mnist:DIR")
    String data;

    @Option(names = "--batch", defaultValue = "256", description = "samples per run and in the timed batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", defaultValue = "1", description = "threads of the Java runtime (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--json", paramLabel = "OUT", description = "write the comparison as JSON (atomic)")
    Path json;

    @Option(names = "--csv", paramLabel = "OUT", description = "write one CSV line per layer and the total (atomic)")
    Path csv;

    @Mixin
    PreprocessingOptions preprocessing;

    @Mixin
    ProductsOption products;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || threads < 1) {
            throw new UsageException("--batch and --threads must be positive");
        }
        Comparison.Settings settings = new Comparison.Settings(batch, threads, Comparison.Settings.DEFAULT.repeat(),
                Comparison.Settings.DEFAULT.warmupSeconds(), products.products());
        OutputPaths.check(json);
        OutputPaths.check(csv);
        Graph[] both = preprocessing.applyBoth(Models.load(original), Models.load(compressed), "compare", System.err);
        Graph base = both[0];
        Graph comp = both[1];
        Dataset dataset = DataSpec.open(data);
        boolean classification = dataset.isClassification();
        Evaluation eBase = RuntimeEvaluation.score(base, dataset.test(), classification, batch, threads);
        System.err.printf("original: test %s on the Java runtime (%d samples)%n",
                Metric.describe(eBase, classification), eBase.samples());
        Comparison c = Comparison.of(base, eBase, comp, null, dataset, settings);

        Table t = new Table("layer", "op", "shape", "format", "bytes", "float32 bytes", "psi", "base us", "us",
                "time ratio", "base nJ", "nJ");
        for (Comparison.LayerPair l : c.layers()) {
            t.add(l.node(), l.kind(), shape(l), l.originalFormat() + " -> " + l.format(), Long.toString(l.bytes()),
                    Long.toString(l.denseBytes()), String.format("%.4f", l.occupancy()),
                    String.format("%.1f", l.originalNanos() / 1e3), String.format("%.1f", l.nanos() / 1e3),
                    String.format("%.3f", l.timeRatio()), String.format("%.1f", l.originalPicojoules() / 1e3),
                    String.format("%.1f", l.picojoules() / 1e3));
        }
        t.add("whole model", "", "", "", Long.toString(c.bytes()), Long.toString(c.denseBytes()),
                String.format("%.4f", c.occupancy()), String.format("%.1f", c.originalNanos() / 1e3),
                String.format("%.1f", c.compressedNanos() / 1e3), String.format("%.3f", c.timeRatio()),
                String.format("%.1f", c.originalPicojoules() / 1e3), String.format("%.1f",
                        c.compressedPicojoules() / 1e3));
        System.out.print(t);
        System.out.printf("Times: a layer's row is its product alone with a random batch of %d; the whole model's "
                + "row runs every operator on %d test samples (biases, activations, pooling too), so the layers "
                + "do not add up to it. Medians of %d runs. Energy: nJ per sample of the weighted layers' products "
                + "(and embedding lookups) by the 45 nm model, nothing else.%n", c.batch(), c.batch(),
                settings.repeat());
        System.out.println();
        System.out.print(SideBySide.of(c, null));
        double difference = c.difference();
        if (json != null) {
            Json.Arr arr = Json.array();
            for (Comparison.LayerPair l : c.layers()) {
                arr.add(Json.object().put("node", l.node()).put("op", l.kind()).put("shape", shape(l))
                        .put("baseFormat", l.originalFormat()).put("format", l.format())
                        .put("baseBytes", l.originalBytes()).put("bytes", l.bytes()).put("denseBytes", l.denseBytes())
                        .put("occupancy", l.occupancy()).put("baseNanos", l.originalNanos()).put("nanos", l.nanos())
                        .put("timeRatio", l.timeRatio()).put("basePicojoules", l.originalPicojoules())
                        .put("picojoules", l.picojoules()));
            }
            Json.Obj o = Json.object().put("original", original.toString()).put("compressed", compressed.toString())
                    .put("data", dataset.name()).put("metric", c.metric()).put(c.metric(), c.score())
                    .put("baseline", c.baseline()).put("difference", difference);
            if (!classification) {
                o.put("ci", c.compressed().concordanceIndex()).put("baselineCi", c.original().concordanceIndex());
            }
            o.put("baseBytes", c.originalBytes()).put("bytes", c.bytes()).put("denseBytes", c.denseBytes())
                    .put("occupancy", c.occupancy()).put("batch", c.batch()).put("threads", threads)
                    .put("baseNanos", c.originalNanos()).put("nanos", c.compressedNanos())
                    .put("timeRatio", c.timeRatio()).put("baseEnergyPerSample", c.originalPicojoules())
                    .put("energyPerSample", c.compressedPicojoules())
                    .put("timing", "layers: each product alone on a random batch; nanos, baseNanos: the whole "
                            + "model on a batch of test samples")
                    .put("layers", arr);
            AtomicFiles.write(json, (o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (csv != null) {
            StringBuilder sb = new StringBuilder(Csv.line(List.of("layer", "op", "shape", "baseFormat", "format",
                    "baseBytes", "bytes", "denseBytes", "occupancy", "baseNanos", "nanos", "timeRatio",
                    "basePicojoules", "picojoules")));
            for (Comparison.LayerPair l : c.layers()) {
                sb.append(Csv.line(List.of(l.node(), l.kind(), shape(l), l.originalFormat(), l.format(),
                        l.originalBytes(), l.bytes(), l.denseBytes(), l.occupancy(), l.originalNanos(), l.nanos(),
                        l.timeRatio(), l.originalPicojoules(), l.picojoules())));
            }
            sb.append(Csv.line(List.of("total", "", "", "", "", c.originalBytes(), c.bytes(), c.denseBytes(),
                    c.occupancy(), c.originalNanos(), c.compressedNanos(), c.timeRatio(), c.originalPicojoules(),
                    c.compressedPicojoules())));
            AtomicFiles.write(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private static String shape(Comparison.LayerPair l) {
        return l.rows() + "x" + l.cols();
    }
}
