package org.sham4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import org.sham4j.cli.report.Json;
import org.sham4j.cli.report.Table;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.prune.PolynomialSchedule;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.data.DataSpec;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.DjlTrainer;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.io.WeightSizes;
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

    @Option(names = "--json", paramLabel = "OUT", description = "also write the summary as JSON (atomic)")
    Path json;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        LayerSelection selection = LayerSelection.byName(layers);
        boolean global = switch (pruneScope.trim().toLowerCase(Locale.ROOT)) {
            case "global" -> true;
            case "layer" -> false;
            default -> throw new IllegalArgumentException("unknown prune scope '" + pruneScope
                    + "', expected layer or global");
        };
        if (prune != null) {
            for (double p : prune) {
                if (!(p >= 0 && p <= 100)) {
                    throw new IllegalArgumentException("--prune must be a percentage between 0 and 100, got " + p);
                }
            }
        }
        if (pruneSteps < 1 || epochs < 0) {
            throw new IllegalArgumentException("--prune-steps must be at least 1 and --finetune-epochs at least 0");
        }
        QuantizerSpec spec = quantize == null ? null : QuantizerSpec.parse(quantize);
        MatrixFormat forced = format.trim().equalsIgnoreCase("auto") ? null : Formats.byName(format);
        Graph graph = Models.load(model);
        Dataset dataset = DataSpec.open(data);
        Evaluation.checkInputs(graph, dataset.train());
        List<String> selected = selection.select(graph);
        TrainingOptions options = training.options(Math.max(1, epochs), learningRate,
                frozen(graph, selected, trainable));
        long start = System.nanoTime();
        Json.Arr stages = Json.array();
        if (prune != null) {
            if (prune.size() != 1 && prune.size() != selected.size()) {
                throw new IllegalArgumentException("--prune gives " + prune.size() + " sparsities for "
                        + selected.size() + " selected layers " + selected);
            }
            for (int r = 1; r <= pruneSteps; r++) {
                Pruning p = pruneRound(graph, selected, r, global);
                stage(String.format("prune round %d/%d: %.2f%% of %d layer(s) pruned (%s)", r, pruneSteps,
                        p.sparsity(), selected.size(), prune.size() > 1 ? "own sparsity per layer"
                                : global ? "global" : "per layer"));
                stages.add(Json.object().put("stage", "prune " + r + "/" + pruneSteps).put("sparsity", p.sparsity()));
                graph = fineTune(p.graph(), WeightConstraints.masked(p.masks()), dataset, options,
                        "retrain " + r + "/" + pruneSteps, stages);
            }
        }
        if (spec != null) {
            SharedLayers shared = SharedLayers.quantize(graph, selected, spec, unified);
            stage(String.format("quantize: %s, %s, %d codebook(s) of %s values", spec, unified ? "unified"
                    : "per layer", shared.groups().size(), shared.groups().stream().map(g -> Integer.toString(
                    g.codebook().length)).distinct().reduce((a, b) -> a + "/" + b).orElse("0")));
            stages.add(Json.object().put("stage", "quantize").put("quantizer", spec.toString())
                    .put("unified", unified).put("codebooks", shared.groups().size()));
            graph = fineTune(shared.apply(graph), WeightConstraints.shared(shared), dataset, options,
                    "shared-value training", stages);
        }
        Graph encoded = Encoding.encode(graph, selected, forced);
        ModelFile.save(out, encoded);
        long fileBytes = Files.size(out);
        stage(String.format("encode: %s -> %s (%d bytes)", forced == null ? "smallest format per layer"
                : forced.name(), out, fileBytes));
        Evaluation score = RuntimeEvaluation.score(encoded, dataset.test(), dataset.isClassification(), 256, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<LayerReport> report = LayerReport.of(encoded);
        System.out.print(table(report));
        long bytes = storedBytes(report);
        long dense = report.stream().mapToLong(l -> l.size().float32Bytes()).sum();
        System.out.printf("%s: file %d bytes, weights %d of %d float32 bytes (psi %.4f, %.1fx), test %s on the Java "
                + "runtime; %.1f s%n", out.getFileName(), fileBytes, bytes, dense, (double) bytes / dense,
                (double) dense / bytes, TrainProgress.score(score, dataset.isClassification()), seconds);
        if (json != null) {
            Json.Obj o = Json.object().put("model", model.toString()).put("out", out.toString())
                    .put("fileBytes", fileBytes).put("bytes", bytes).put("denseBytes", dense)
                    .put("occupancy", (double) bytes / dense);
            if (dataset.isClassification()) {
                o.put("accuracy", score.accuracy());
            } else {
                o.put("mse", score.mse()).put("ci", score.concordanceIndex());
            }
            o.put("seconds", seconds).put("stages", stages).put("layers", layersJson(report));
            AtomicFiles.write(json, (o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    /** Round r of pruning: every target on the cubic schedule from 0 to its final sparsity. */
    private Pruning pruneRound(Graph graph, List<String> selected, int r, boolean global) {
        if (prune.size() == 1) {
            return Pruning.prune(graph, selected, new PolynomialSchedule(0, prune.get(0), pruneSteps).sparsityAt(r),
                    global);
        }
        Map<String, Double> each = new LinkedHashMap<>();
        for (int l = 0; l < selected.size(); l++) {
            each.put(selected.get(l), new PolynomialSchedule(0, prune.get(l), pruneSteps).sparsityAt(r));
        }
        return Pruning.prune(graph, each);
    }

    private Graph fineTune(Graph graph, WeightConstraints constraints, Dataset dataset, TrainingOptions options,
            String what, Json.Arr stages) {
        if (epochs == 0) {
            return graph;
        }
        stage(what + ": " + epochs + " epoch(s)");
        int batches = (dataset.train().size() + training.batch - 1) / training.batch;
        StageScores scores = new StageScores(new TrainProgress(epochs, batches, dataset.isClassification(), !quiet));
        Graph tuned = DjlTrainer.train(graph, constraints, dataset, options, scores);
        Json.Obj s = Json.object().put("stage", what).put("loss", scores.lastLoss);
        if (dataset.isClassification()) {
            s.put("accuracy", scores.last.accuracy());
        } else {
            s.put("mse", scores.last.mse());
        }
        stages.add(s);
        return tuned;
    }

    /** The nodes fine-tuning leaves fixed: none, or every node outside the selection. */
    private static Set<String> frozen(Graph graph, List<String> selected, String trainable) {
        return switch (trainable.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> Set.of();
            case "selected" -> graph.nodes().stream().map(Node::name).filter(n -> !selected.contains(n))
                    .collect(Collectors.toSet());
            default -> throw new IllegalArgumentException("unknown --trainable '" + trainable
                    + "', expected all or selected");
        };
    }

    private static void stage(String line) {
        System.err.println(line);
    }

    static Table table(List<LayerReport> report) {
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
        long bytes = storedBytes(report);
        t.add("total", "", Long.toString(entries), Long.toString(nnz), "", "", Long.toString(bytes),
                String.format("%.3f", entries == 0 ? 0 : 8.0 * bytes / entries),
                String.format("%.4f", entries == 0 ? 0 : bytes / (4.0 * entries)));
        return t;
    }

    static long storedBytes(List<LayerReport> report) {
        return report.stream().mapToLong(l -> l.size().storedBytes()).sum();
    }

    static Json.Arr layersJson(List<LayerReport> report) {
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
