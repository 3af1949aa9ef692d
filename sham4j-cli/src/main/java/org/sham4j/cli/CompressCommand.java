package org.sham4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Json;
import org.sham4j.cli.report.Table;
import org.sham4j.compress.Comparison;
import org.sham4j.compress.CompressionListener;
import org.sham4j.compress.CompressionPipeline;
import org.sham4j.compress.CompressionPlan;
import org.sham4j.compress.CompressionResult;
import org.sham4j.compress.Metric;
import org.sham4j.compress.Stage;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.io.WeightSizes;
import org.sham4j.model.graph.Graph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sham compress MODEL --data DATA --out OUT.sham}: prunes, shares weights, fine-tunes and stores a whole
 * network, then shows what each layer costs.
 */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compress a model's layers: magnitude pruning (one shot or in rounds, each followed by "
                + "retraining with pruned weights held at 0), weight sharing of the surviving weights (per layer or "
                + "one codebook for all), fine-tuning of the shared values (assignments fixed), and storage of each "
                + "layer in the smallest exact format or a named one. Writes a .sham model and prints a summary.",
            "Data: " + DataSpec.SYNTAX + "."})
final class CompressCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model to compress (.sham, .onnx, .h5)")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "data set for fine-tuning and scores")
    String data;

    @Option(names = "--out", required = true, paramLabel = "OUT.sham", description = "compressed model (atomic)")
    Path out;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "SELECTION",
            description = "layers to compress: comma-separated dense, conv, recurrent, all, node names or regular "
                    + "expressions of node names (default ${DEFAULT-VALUE})")
    String layers;

    @Option(names = "--prune", paramLabel = "P[,P...]", split = ",",
            description = "prune P percent of the selected weights (0-100); or one P per selected layer, in node "
                    + "order, each layer to its own sparsity")
    List<Double> prune;

    @Option(names = "--prune-steps", defaultValue = "1", paramLabel = "S",
            description = "reach P in S rounds of prune + retrain, sparsity on a cubic schedule (default ${DEFAULT-VALUE})")
    int pruneSteps;

    @Option(names = "--prune-scope", defaultValue = "global", paramLabel = "layer|global",
            description = "one threshold for all selected layers, or P percent of each (default ${DEFAULT-VALUE})")
    String pruneScope;

    @Option(names = "--quantize", paramLabel = "METHOD:K",
            description = "share the surviving weights: " + "cws, cws-linear, cws-density, cws-random, cws-kmeans++, "
                    + "cws-dp, pws, uq or ecsq, with at most K values")
    String quantize;

    @Option(names = "--unified", description = "one codebook for all selected layers (default: one per layer)")
    boolean unified;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|FORMAT",
            description = "storage of the selected layers: the smallest exact format per layer, or a named one "
                    + "(default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--prefer", defaultValue = "size", paramLabel = "size|speed|balanced",
            description = "what --format auto picks per layer: the smallest format, the fastest product (estimated), "
                    + "or the smallest within 2x of the fastest (default ${DEFAULT-VALUE})")
    String prefer;

    @Option(names = "--finetune-epochs", defaultValue = "2", paramLabel = "E",
            description = "epochs of retraining after each pruning round and of shared-value training (default "
                    + "${DEFAULT-VALUE}; 0 for none)")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.0001", description = "fine-tuning learning rate (default ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--trainable", defaultValue = "all", paramLabel = "all|selected",
            description = "layers fine-tuning updates: all, or only the selected ones with the others frozen "
                    + "(faster: no gradient flows through them) (default ${DEFAULT-VALUE})")
    String trainable;

    @Mixin
    TrainingFlags training;

    @Mixin
    PreprocessingOptions preprocessing;

    @Option(names = "--json", paramLabel = "OUT", description = "also write the summary as JSON (atomic)")
    Path json;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Mixin
    ProductsOption products;

    @Override
    public Integer call() throws Exception {
        // The plan checks the options: what it refuses is a usage error.
        CompressionPlan plan = UsageException.parse(() -> CompressionPlan.builder().layers(LayerSelection.byName(layers))
                .prune(prune == null ? List.of() : prune).pruneSteps(pruneSteps)
                .pruneScope(CompressionPlan.PruneScope.byName(pruneScope)).quantize(quantize).unified(unified)
                .format(format).prefer(prefer).finetuneEpochs(epochs)
                .training(training.options(1, learningRate, Set.of())).trainable(trainableByName(trainable)).build());
        OutputPaths.check(out);
        OutputPaths.check(json);
        Graph graph = preprocessing.apply(Models.load(model), model.getFileName().toString(), "compress",
                System.err);
        Dataset dataset = DataSpec.open(data);
        CompressionResult result = CompressionPipeline.run(graph, dataset, plan,
                new Progress(dataset, plan.training().batchSize()));
        ModelFile.save(out, result.graph());
        long fileBytes = Files.size(out);
        List<LayerReport> report = result.layers();
        System.out.print(table(report));
        long bytes = result.bytes();
        long dense = result.denseBytes();
        boolean classification = result.classification();
        Comparison c = Comparison.of(graph, result.baseline(), result.graph(), result.score(), dataset,
                Comparison.Settings.DEFAULT.with(products.products()));
        long originalFileBytes = Files.size(model);
        System.out.println();
        System.out.print(SideBySide.of(c, new long[] {originalFileBytes, fileBytes}));
        System.out.printf("%nwrote %s (%,d bytes) in %.1f s; scores and times are the Java runtime's, %s%n", out,
                fileBytes, result.seconds(), products.decode
                        ? "scores on the stored layers, times on the layers decoded once (--decode)"
                        : "run straight from the stored layers");
        if (json != null) {
            Json.Obj o = Json.object().put("model", model.toString()).put("out", out.toString())
                    .put("baseFileBytes", originalFileBytes).put("fileBytes", fileBytes)
                    .put("baseBytes", c.originalBytes()).put("bytes", bytes).put("denseBytes", dense)
                    .put("occupancy", result.occupancy()).put("batch", c.batch()).put("baseNanos", c.originalNanos())
                    .put("nanos", c.compressedNanos()).put("timeRatio", c.timeRatio())
                    .put("baseEnergyPerSample", c.originalPicojoules()).put("energyPerSample", c.compressedPicojoules());
            if (classification) {
                o.put("accuracy", result.score().accuracy()).put("baseline", result.baseline().accuracy());
            } else {
                o.put("mse", result.score().mse()).put("ci", result.score().concordanceIndex())
                        .put("baseline", result.baseline().mse())
                        .put("baselineCi", result.baseline().concordanceIndex());
            }
            Json.Arr stages = Json.array();
            result.stages().forEach(st -> stages.add(Json.of(st.fields())));
            o.put("seconds", result.seconds()).put("stages", stages).put("layers", layersJson(report));
            AtomicFiles.write(json, (o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private static CompressionPlan.Trainable trainableByName(String name) {
        try {
            return CompressionPlan.Trainable.byName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --trainable '" + name + "', expected all or selected");
        }
    }

    /** Prints the original's score, each stage, and each fine-tuning on a progress bar, to standard error. */
    private final class Progress implements CompressionListener {
        private final Dataset dataset;
        private final int batch;
        private TrainProgress bar;

        Progress(Dataset dataset, int batch) {
            this.dataset = dataset;
            this.batch = batch;
        }

        @Override
        public void originalScored(Evaluation score, boolean classification) {
            stage(String.format("original: test %s on the Java runtime (%d samples)",
                    Metric.describe(score, classification), score.samples()));
        }

        @Override
        public void stageStarted(String name, String what) {
            if (name.startsWith("retrain") || name.equals("shared-value training")) {
                stage(what);
                int batches = (dataset.train().size() + batch - 1) / batch;
                bar = new TrainProgress(epochs, batches, dataset.isClassification(), !quiet);
            }
        }

        @Override
        public void stageFinished(Stage s) {
            if (!(s instanceof Stage.Training)) {
                stage(s instanceof Stage.Encode ? s.describe() + " -> " + out : s.describe());
            }
        }

        @Override
        public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
            bar.batchDone(epoch, epochs, batch, batches, meanLoss);
        }

        @Override
        public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
            bar.epochDone(epoch, epochs, meanLoss, test);
        }

        @Override
        public void frozenHeadComputed(int tensors, long bytes, double seconds) {
            bar.frozenHeadComputed(tensors, bytes, seconds);
        }
    }

    private static void stage(String line) {
        System.err.println(line);
    }

    private static Table table(List<LayerReport> report) {
        Table t = new Table("layer", "op", "shape", "non-zeros", "k", "format", "bytes", "bits/weight", "psi");
        long nnz = 0;
        long entries = 0;
        for (LayerReport l : report) {
            WeightSizes.Layer s = l.size();
            t.add(s.node(), s.kind(), s.rows() + "x" + s.cols(), Long.toString(l.nonZeros()),
                    Integer.toString(l.distinctValues()), s.format(), Long.toString(s.storedBytes()),
                    String.format("%.3f", l.bitsPerWeight()), String.format("%.4f", s.psi()));
            nnz += l.nonZeros();
            entries += (long) s.rows() * s.cols();
        }
        long bytes = report.stream().mapToLong(l -> l.size().storedBytes()).sum();
        t.add("total", "", Long.toString(entries), Long.toString(nnz), "", "", Long.toString(bytes),
                String.format("%.3f", entries == 0 ? 0 : 8.0 * bytes / entries),
                String.format("%.4f", entries == 0 ? 0 : bytes / (4.0 * entries)));
        return t;
    }

    private static Json.Arr layersJson(List<LayerReport> report) {
        Json.Arr a = Json.array();
        for (LayerReport l : report) {
            WeightSizes.Layer s = l.size();
            a.add(Json.object().put("node", s.node()).put("op", s.kind()).put("rows", s.rows()).put("cols", s.cols())
                    .put("nnz", l.nonZeros()).put("k", l.distinctValues()).put("format", s.format())
                    .put("bytes", s.storedBytes()).put("denseBytes", s.float32Bytes())
                    .put("bitsPerWeight", l.bitsPerWeight()).put("occupancy", s.psi()));
        }
        return a;
    }
}
