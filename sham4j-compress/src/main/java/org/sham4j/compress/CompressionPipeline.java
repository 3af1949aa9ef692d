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
import org.sham4j.data.HeadFeatures;
import org.sham4j.data.Samples;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.io.WeightSizes;

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
        return run(original, originalScore, data, plan, listener, new HeadCache());
    }

    /**
     * {@link #run(Graph, Evaluation, Dataset, CompressionPlan, CompressionListener)} taking the results of a frozen
     * head from {@code heads} when an earlier compression of the same model on the same data computed them.
     *
     * <p>When fine-tuning leaves a head of the graph fixed (with {@code trainable=selected}, the layers before the
     * first selected one, e.g. VGG19's or DeepDTA's convolutions under {@code layers=dense}), the head runs once on
     * every training sample (on PyTorch, as training would run it) and every test sample (on the Java runtime, as
     * scores run), the {@code frozen head} stage, and every stage after that works on the tail alone: the original's
     * score, pruning, retraining, sharing and encoding of its layers, and the final score (the tail's stored layers on
     * the head's results: the whole graph's outputs, since the head does not change).
     */
    public static CompressionResult run(Graph original, Evaluation originalScore, Dataset data, CompressionPlan plan,
            CompressionListener listener, HeadCache heads) {
        Evaluation.checkInputs(original, data.train());
        List<String> selected = plan.layers().select(original);
        if (plan.prunesPerLayer() && plan.prune().size() != selected.size()) {
            throw new IllegalArgumentException("prune gives " + plan.prune().size() + " sparsities for "
                    + selected.size() + " selected layers " + selected);
        }
        boolean classification = data.isClassification();
        long start = System.nanoTime();
        TrainingOptions options = plan.training().withFrozen(frozen(original, selected, plan));
        List<Stage> stages = new ArrayList<>();
        Tail tail = plan.trains() ? Tail.of(original, selected, options, data, heads, listener, stages) : null;
        Evaluation baseline = originalScore != null ? originalScore
                : tail != null ? tail.score(tail.graph(), original) : score(original, data);
        listener.originalScored(baseline, classification);
        Graph graph = tail == null ? original : tail.graph();
        Dataset train = tail == null ? data : tail.data();
        if (tail != null) {
            options = options.withFrozen(tail.frozen());
        }
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
                graph = fineTune(p.graph(), WeightConstraints.masked(p.masks()), train, plan, options,
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
            graph = fineTune(shared.apply(graph), WeightConstraints.shared(shared), train, plan, options,
                    "shared-value training", listener, stages);
        }
        String formatName = plan.format() == null ? null : plan.format().name();
        listener.stageStarted("encode", "storing " + selected.size() + " layer(s) "
                + (formatName == null ? "each in its format by " + plan.prefer().name().toLowerCase(java.util.Locale.ROOT)
                : "in " + formatName));
        long t = System.nanoTime();
        Encoding.Result encoding = Encoding.encode(graph, selected, plan.format(), plan.prefer());
        Graph encodedPart = encoding.graph();
        Graph encoded = tail == null ? encodedPart : tail.cut().merge(encodedPart);
        long fileBytes = ModelFile.toBytes(encoded).length;
        finish(listener, stages, new Stage.Encode(formatName, selected.size(), fileBytes, since(t),
                encoding.choices().stream().map(c -> c.node() + ": " + c.reason()).toList()));
        listener.stageStarted("score", "scoring on the Java runtime");
        t = System.nanoTime();
        Evaluation score = tail == null ? score(encoded, data) : tail.score(encodedPart, encoded);
        finish(listener, stages, new Stage.Score(score, classification, since(t)));
        return new CompressionResult(encoded, selected, LayerReport.of(encoded), stages, classification, baseline,
                score, fileBytes, since(start));
    }

    /**
     * The test score of {@code graph} on the Java runtime, as {@link #run} scores it with {@code plan}: when the plan
     * freezes a head, its tail on the head's results (taken from or left in {@code heads}), the same score as the
     * whole graph's, sooner.
     */
    public static Evaluation score(Graph graph, Dataset data, CompressionPlan plan, HeadCache heads) {
        List<String> selected = plan.layers().select(graph);
        FrozenHead cut = headCut(graph, selected, frozen(graph, selected, plan));
        Samples test = cut == null ? null : heads.testFeatures(cut, graph, data);
        if (test == null) {
            return score(graph, data);
        }
        return withWeightBytes(RuntimeEvaluation.score(HeadFeatures.tail(cut, test), test, data.isClassification(),
                SCORE_BATCH, 1), WeightSizes.of(graph).storedBytes());
    }

    private static Evaluation withWeightBytes(Evaluation e, long weightBytes) {
        return new Evaluation(e.samples(), e.accuracy(), e.mse(), e.concordanceIndex(), e.nanosPerSample(),
                weightBytes);
    }

    /** The cut whose head holds the frozen nodes, or null when the head has no weights or holds a selected layer. */
    private static FrozenHead headCut(Graph graph, List<String> selected, Set<String> frozen) {
        if (frozen.isEmpty()) {
            return null;
        }
        FrozenHead cut = new FrozenHead(graph, frozen);
        return cut.saves() && cut.tailNodes().containsAll(selected) ? cut : null;
    }

    /**
     * The part of a graph that compression changes, when fine-tuning freezes a head worth running once: the cut, the
     * tail (its inputs the head's results), the head's results on every sample, and the tail's frozen nodes.
     */
    private record Tail(FrozenHead cut, Graph graph, Dataset data, Set<String> frozen) {
        /** The tail of {@code graph}, or null when no head is frozen, it has no weights or its results do not fit. */
        static Tail of(Graph graph, List<String> selected, TrainingOptions options, Dataset data, HeadCache heads,
                CompressionListener listener, List<Stage> stages) {
            FrozenHead cut = headCut(graph, selected, options.frozen());
            if (cut == null) {
                return null;
            }
            listener.stageStarted("frozen head", "running the frozen layers once on every sample");
            long t = System.nanoTime();
            HeadCache.Features f = heads.features(cut, graph, data);
            if (f == null) {
                return null;
            }
            Set<String> frozen = new HashSet<>(options.frozen());
            frozen.retainAll(cut.tailNodes());
            Set<String> head = cut.headNodes();
            int weighted = (int) graph.nodes().stream().filter(n -> head.contains(n.name())
                    && n.layer() instanceof WeightedLayer).count();
            finish(listener, stages, new Stage.Head(weighted, data.train().size() + data.test().size(),
                    HeadFeatures.bytes(f.data()), f.reused(), since(t)));
            return new Tail(cut, HeadFeatures.tail(cut, f.data().train()), f.data(), frozen);
        }

        /** A tail's score on the test samples' head results, the weights of {@code whole} counted. */
        Evaluation score(Graph tailGraph, Graph whole) {
            return withWeightBytes(CompressionPipeline.score(tailGraph, data), WeightSizes.of(whole).storedBytes());
        }
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
