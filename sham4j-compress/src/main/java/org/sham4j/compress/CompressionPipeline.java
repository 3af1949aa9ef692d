package org.sham4j.compress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.prune.PolynomialSchedule;
import org.sham4j.data.Dataset;
import org.sham4j.data.Evaluation;
import org.sham4j.djl.DjlTrainer;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.LayerReport;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.io.ModelFile;

/**
 * Runs a {@link CompressionPlan} on a model, as Deep Compression and sHAM do: the original is scored first; then
 * pruning rounds, each followed by retraining with pruned weights held at 0; weight sharing of the surviving
 * weights and training of the shared values (assignments fixed); storage of the selected layers in their formats;
 * and the compressed model's score, from its stored layers, on the pure-Java runtime. The one pipeline that
 * {@code sham compress}, {@code sham sweep} and the tests run.
 */
public final class CompressionPipeline {
    /** Samples per batch when scoring on the Java runtime. */
    public static final int SCORE_BATCH = 256;

    private CompressionPipeline() {
    }

    /** Compresses {@code original} as {@code plan} says, after scoring it, fine-tuning on {@code data}. */
    public static CompressionResult run(Graph original, Dataset data, CompressionPlan plan,
            CompressionListener listener) {
        return run(original, null, data, plan, listener);
    }

    /**
     * {@link #run(Graph, Dataset, CompressionPlan, CompressionListener)} with the original's score known already
     * (null: scored here).
     */
    public static CompressionResult run(Graph original, Evaluation originalScore, Dataset data, CompressionPlan plan,
            CompressionListener listener) {
        Evaluation.checkInputs(original, data.train());
        List<String> selected = plan.layers().select(original);
        if (plan.prunesPerLayer() && plan.prune().size() != selected.size()) {
            throw new IllegalArgumentException("prune gives " + plan.prune().size() + " sparsities for "
                    + selected.size() + " selected layers " + selected);
        }
        boolean classification = data.isClassification();
        long start = System.nanoTime();
        Evaluation baseline = originalScore != null ? originalScore : score(original, data);
        listener.originalScored(baseline, classification);
        TrainingOptions options = plan.training().withFrozen(frozen(original, selected, plan));
        List<Stage> stages = new ArrayList<>();
        Graph graph = original;
        if (plan.prunes()) {
            for (int r = 1; r <= plan.pruneSteps(); r++) {
                String name = "prune " + r + "/" + plan.pruneSteps();
                listener.stageStarted(name, "pruning round " + r + " of " + plan.pruneSteps());
                long t = System.nanoTime();
                Pruning p = pruneRound(graph, selected, r, plan);
                String mode = plan.prunesPerLayer() ? "own sparsity per layer"
                        : plan.pruneScope() == CompressionPlan.PruneScope.GLOBAL ? "global" : "per layer";
                finish(listener, stages, new Stage.PruneRound(r, plan.pruneSteps(), p.sparsity(), selected.size(),
                        mode, since(t)));
                graph = fineTune(p.graph(), WeightConstraints.masked(p.masks()), data, plan, options,
                        "retrain " + r + "/" + plan.pruneSteps(), listener, stages);
            }
        }
        if (plan.quantizer() != null) {
            listener.stageStarted("quantize", "weight sharing: " + plan.quantizer()
                    + (plan.unified() ? ", one codebook" : ", a codebook per layer"));
            long t = System.nanoTime();
            SharedLayers shared = SharedLayers.quantize(graph, selected, plan.quantizer(), plan.unified());
            finish(listener, stages, new Stage.Quantize(plan.quantizer().toString(), plan.unified(),
                    shared.groups().stream().map(g -> g.codebook().length).toList(), since(t)));
            graph = fineTune(shared.apply(graph), WeightConstraints.shared(shared), data, plan, options,
                    "shared-value training", listener, stages);
        }
        String formatName = plan.format() == null ? null : plan.format().name();
        listener.stageStarted("encode", "storing " + selected.size() + " layer(s) "
                + (formatName == null ? "each in its format by " + plan.prefer().name().toLowerCase(java.util.Locale.ROOT)
                : "in " + formatName));
        long t = System.nanoTime();
        Encoding.Result encoding = Encoding.encode(graph, selected, plan.format(), plan.prefer());
        Graph encoded = encoding.graph();
        long fileBytes = ModelFile.toBytes(encoded).length;
        finish(listener, stages, new Stage.Encode(formatName, selected.size(), fileBytes, since(t),
                encoding.choices().stream().map(c -> c.node() + ": " + c.reason()).toList()));
        listener.stageStarted("score", "scoring on the Java runtime");
        t = System.nanoTime();
        Evaluation score = score(encoded, data);
        finish(listener, stages, new Stage.Score(score, classification, since(t)));
        return new CompressionResult(encoded, selected, LayerReport.of(encoded), stages, classification, baseline,
                score, fileBytes, since(start));
    }

    /** The test score of {@code graph} on the Java runtime, one thread. */
    public static Evaluation score(Graph graph, Dataset data) {
        return RuntimeEvaluation.score(graph, data.test(), data.isClassification(), SCORE_BATCH, 1);
    }

    /** Round r of pruning: every target on the cubic schedule from 0 to its final sparsity. */
    private static Pruning pruneRound(Graph graph, List<String> selected, int r, CompressionPlan plan) {
        if (!plan.prunesPerLayer()) {
            double p = new PolynomialSchedule(0, plan.prune().get(0), plan.pruneSteps()).sparsityAt(r);
            return Pruning.prune(graph, selected, p, plan.pruneScope() == CompressionPlan.PruneScope.GLOBAL);
        }
        Map<String, Double> each = new LinkedHashMap<>();
        for (int l = 0; l < selected.size(); l++) {
            each.put(selected.get(l), new PolynomialSchedule(0, plan.prune().get(l), plan.pruneSteps()).sparsityAt(r));
        }
        return Pruning.prune(graph, each);
    }

    private static Graph fineTune(Graph graph, WeightConstraints constraints, Dataset data, CompressionPlan plan,
            TrainingOptions options, String name, CompressionListener listener, List<Stage> stages) {
        if (plan.finetuneEpochs() == 0) {
            return graph;
        }
        listener.stageStarted(name, name + ": " + plan.finetuneEpochs() + " epoch(s)");
        long t = System.nanoTime();
        LastEpoch last = new LastEpoch(listener);
        Graph tuned = DjlTrainer.train(graph, constraints, data, options, last);
        finish(listener, stages, new Stage.Training(name, plan.finetuneEpochs(), last.loss, last.test,
                data.isClassification(), since(t)));
        return tuned;
    }

    /** The nodes fine-tuning leaves fixed: those the options name, and with trainable=selected all unselected. */
    private static Set<String> frozen(Graph graph, List<String> selected, CompressionPlan plan) {
        Set<String> frozen = new HashSet<>(plan.training().frozen());
        if (plan.trainable() == CompressionPlan.Trainable.SELECTED) {
            graph.nodes().stream().map(Node::name).filter(n -> !selected.contains(n)).forEach(frozen::add);
        }
        return frozen;
    }

    private static void finish(CompressionListener listener, List<Stage> stages, Stage stage) {
        stages.add(stage);
        listener.stageFinished(stage);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Passes training progress on and keeps the last epoch's loss and test score. */
    private static final class LastEpoch implements org.sham4j.djl.TrainingListener {
        private final CompressionListener next;
        double loss = Double.NaN;
        Evaluation test;

        LastEpoch(CompressionListener next) {
            this.next = next;
        }

        @Override
        public void batchDone(int epoch, int epochs, int batch, int batches, double meanLoss) {
            next.batchDone(epoch, epochs, batch, batches, meanLoss);
        }

        @Override
        public void epochDone(int epoch, int epochs, double meanLoss, Evaluation test) {
            loss = meanLoss;
            this.test = test;
            next.epochDone(epoch, epochs, meanLoss, test);
        }

        @Override
        public void frozenHeadComputed(int tensors, long bytes, double seconds) {
            next.frozenHeadComputed(tensors, bytes, seconds);
        }
    }
}
