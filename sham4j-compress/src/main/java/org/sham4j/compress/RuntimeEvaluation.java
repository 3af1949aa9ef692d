package org.sham4j.compress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.Evaluation;
import org.sham4j.data.HeadFeatures;
import org.sham4j.data.Samples;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.io.WeightSizes;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.WeightProducts;

/** Scores a graph on samples with the pure-Java runtime, straight from its stored (compressed) layers. */
public final class RuntimeEvaluation {
    private RuntimeEvaluation() {
    }

    /** The score, with the time of each batch of samples run through the whole graph on its stored formats. */
    public static Evaluation of(Graph graph, Samples samples, boolean classification, int batch, int threads) {
        return of(graph, samples, classification, batch, threads, WeightProducts.STORED);
    }

    /** The score, with the time of each batch run through the whole graph, its weights multiplied as said. */
    public static Evaluation of(Graph graph, Samples samples, boolean classification, int batch, int threads,
            WeightProducts products) {
        try (GraphRunner runner = new GraphRunner(graph, threads, products)) {
            return Evaluation.of(graph, samples, classification, batch, inputs -> runner.run(named(graph, inputs))
                    .get(graph.outputs().get(0)));
        }
    }

    /**
     * The score alone, the same as {@link #of}'s, sooner when samples share table rows (drug-target pairs): what
     * a single input feeds runs once per row of its table, the rest once per sample. Its time per sample is the
     * whole run's divided by the samples.
     */
    public static Evaluation score(Graph graph, Samples samples, boolean classification, int batch, int threads) {
        FrozenHead cut = new FrozenHead(graph, graph.nodes().stream().map(Node::name).collect(Collectors.toSet()));
        if (!cut.saves() || !sharesRows(samples)) {
            return of(graph, samples, classification, batch, threads);
        }
        long start = System.nanoTime();
        Samples features = HeadFeatures.samples(cut, graph, samples);
        Evaluation e = of(HeadFeatures.tail(cut, features), features, classification, batch, threads);
        double perSample = (System.nanoTime() - start) / (double) Math.max(1, samples.size());
        return new Evaluation(e.samples(), e.accuracy(), e.mse(), e.concordanceIndex(), perSample,
                WeightSizes.of(graph).storedBytes());
    }

    private static boolean sharesRows(Samples samples) {
        for (int k = 0; k < samples.inputCount(); k++) {
            if (samples.rows(k) != null && samples.table(k).dim(0) < samples.size()) {
                return true;
            }
        }
        return false;
    }

    /** The inputs by the graph's input names, in its order. */
    public static Map<String, Tensor> named(Graph graph, List<Tensor> inputs) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            out.put(graph.inputs().get(k).name(), inputs.get(k));
        }
        return out;
    }
}
