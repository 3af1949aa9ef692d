package org.sham4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.sham4j.cli.bench.Timer;
import org.sham4j.cli.report.Csv;
import org.sham4j.cli.report.Json;
import org.sham4j.cli.report.Table;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;
import picocli.CommandLine.Command;
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
    private static final int REPEAT = 5;

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

    /** One weighted layer of both models: bytes, float32 bytes and the time of a product with a batch ({@link Timer}). */
    private record LayerPair(String node, String kind, String shape, String baseFormat, String format, long baseBytes,
                             long bytes, long denseBytes, long baseNanos, long nanos) {
        double occupancy() {
            return (double) bytes / denseBytes;
        }

        double timeRatio() {
            return (double) nanos / baseNanos;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || threads < 1) {
            throw new IllegalArgumentException("--batch and --threads must be positive");
        }
        Graph base = Models.load(original);
        Graph comp = Models.load(compressed);
        Dataset dataset = DataSpec.open(data);
        List<LayerPair> layers = layers(base, comp);
        boolean classification = dataset.isClassification();
        Evaluation eBase = RuntimeEvaluation.score(base, dataset.test(), classification, batch, threads);
        Evaluation eComp = RuntimeEvaluation.score(comp, dataset.test(), classification, batch, threads);
        List<Tensor> inputs = Evaluation.preprocess(comp, dataset.test().batch(0, Math.min(batch,
                dataset.test().size())));
        long baseNanos = batchNanos(base, inputs);
        long nanos = batchNanos(comp, inputs);
        long bytes = layers.stream().mapToLong(LayerPair::bytes).sum();
        long baseBytes = layers.stream().mapToLong(LayerPair::baseBytes).sum();
        long dense = layers.stream().mapToLong(LayerPair::denseBytes).sum();
        double score = classification ? eComp.accuracy() : eComp.mse();
        double baseline = classification ? eBase.accuracy() : eBase.mse();
        String metric = classification ? "accuracy" : "mse";

        Table t = new Table("layer", "op", "shape", "format", "bytes", "float32 bytes", "psi", "base us", "us",
                "time ratio");
        for (LayerPair l : layers) {
            t.add(l.node(), l.kind(), l.shape(), l.baseFormat() + " -> " + l.format(), Long.toString(l.bytes()),
                    Long.toString(l.denseBytes()), String.format("%.4f", l.occupancy()),
                    String.format("%.1f", l.baseNanos() / 1e3), String.format("%.1f", l.nanos() / 1e3),
                    String.format("%.3f", l.timeRatio()));
        }
        t.add("total", "", "", "", Long.toString(bytes), Long.toString(dense), String.format("%.4f",
                (double) bytes / dense), String.format("%.1f", baseNanos / 1e3), String.format("%.1f", nanos / 1e3),
                String.format("%.3f", (double) nanos / baseNanos));
        System.out.print(t);
        System.out.printf("%s %s: original %s, compressed %s, difference %+.4f%s; weights %d -> %d bytes (%.1fx), "
                + "batch of %d in %.2f -> %.2f ms (%d thread(s))%n", dataset.name(), metric,
                format(baseline, classification), format(score, classification),
                classification ? 100 * (score - baseline) : score - baseline, classification ? " points" : "",
                baseBytes, bytes, (double) dense / bytes, inputs.get(0).dim(0), baseNanos / 1e6, nanos / 1e6, threads);
        if (json != null) {
            Json.Arr arr = Json.array();
            for (LayerPair l : layers) {
                arr.add(Json.object().put("node", l.node()).put("op", l.kind()).put("shape", l.shape())
                        .put("baseFormat", l.baseFormat()).put("format", l.format()).put("baseBytes", l.baseBytes())
                        .put("bytes", l.bytes()).put("denseBytes", l.denseBytes()).put("occupancy", l.occupancy())
                        .put("baseNanos", l.baseNanos()).put("nanos", l.nanos()).put("timeRatio", l.timeRatio()));
            }
            Json.Obj o = Json.object().put("original", original.toString()).put("compressed", compressed.toString())
                    .put("data", dataset.name()).put("metric", metric).put(metric, score).put("baseline", baseline)
                    .put("difference", score - baseline).put("baseBytes", baseBytes).put("bytes", bytes)
                    .put("denseBytes", dense).put("occupancy", (double) bytes / dense)
                    .put("batch", inputs.get(0).dim(0)).put("threads", threads).put("baseNanos", baseNanos)
                    .put("nanos", nanos).put("timeRatio", (double) nanos / baseNanos).put("layers", arr);
            AtomicFiles.write(json, (o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (csv != null) {
            StringBuilder sb = new StringBuilder(Csv.line(List.of("layer", "op", "shape", "baseFormat", "format",
                    "baseBytes", "bytes", "denseBytes", "occupancy", "baseNanos", "nanos", "timeRatio")));
            for (LayerPair l : layers) {
                sb.append(Csv.line(List.of(l.node(), l.kind(), l.shape(), l.baseFormat(), l.format(), l.baseBytes(),
                        l.bytes(), l.denseBytes(), l.occupancy(), l.baseNanos(), l.nanos(), l.timeRatio())));
            }
            sb.append(Csv.line(List.of("total", "", "", "", "", baseBytes, bytes, dense, (double) bytes / dense,
                    baseNanos, nanos, (double) nanos / baseNanos)));
            AtomicFiles.write(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private static String format(double v, boolean classification) {
        return classification ? String.format("%.2f%%", 100 * v) : String.format("%.4f", v);
    }

    /** The time ({@link Timer}) of running the whole model on one batch (every input, in the graph's order). */
    private long batchNanos(Graph g, List<Tensor> inputs) {
        Map<String, Tensor> named = RuntimeEvaluation.named(g, inputs);
        try (GraphRunner runner = new GraphRunner(g, threads)) {
            Runnable run = () -> runner.run(named);
            return threads == 1 ? Timer.cpu(run, REPEAT) : Timer.wall(run, REPEAT);
        }
    }

    /** The weighted layers of both, paired by position; their products timed on one random batch. */
    private List<LayerPair> layers(Graph base, Graph comp) {
        List<Node> a = weighted(base);
        List<Node> b = weighted(comp);
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("the models have " + a.size() + " and " + b.size()
                    + " weighted layers: not the same network");
        }
        List<LayerPair> out = new ArrayList<>();
        Random random = new Random(1);
        for (int k = 0; k < a.size(); k++) {
            CompressedMatrix ma = ((WeightedLayer) a.get(k).layer()).weights();
            CompressedMatrix mb = ((WeightedLayer) b.get(k).layer()).weights();
            if (ma.rows() != mb.rows() || ma.cols() != mb.cols()) {
                throw new IllegalArgumentException("layer " + b.get(k).name() + " is " + mb.rows() + "x" + mb.cols()
                        + " in the compressed model, " + ma.rows() + "x" + ma.cols() + " in the original");
            }
            float[] x = randomBatch(batch * ma.rows(), random);
            float[] y = new float[batch * ma.cols()];
            out.add(new LayerPair(b.get(k).name(), b.get(k).layer().kind(), ma.rows() + "x" + ma.cols(),
                    ma.format().name(), mb.format().name(), ma.size().totalBytes(), mb.size().totalBytes(),
                    4L * ma.rows() * ma.cols(), Timer.cpu(() -> ma.multiply(x, batch, y), REPEAT),
                    Timer.cpu(() -> mb.multiply(x, batch, y), REPEAT)));
        }
        return out;
    }

    private static float[] randomBatch(int n, Random random) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static List<Node> weighted(Graph g) {
        return g.nodes().stream().filter(n -> n.layer() instanceof WeightedLayer).toList();
    }
}
