package org.sham4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.Evaluation;
import org.sham4j.data.Samples;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;

/** Scores a graph on samples with the pure-Java runtime, straight from its stored (compressed) layers. */
final class RuntimeEvaluation {
    private RuntimeEvaluation() {
    }

    static Evaluation of(Graph graph, Samples samples, boolean classification, int batch, int threads) {
        try (GraphRunner runner = new GraphRunner(graph, threads)) {
            return Evaluation.of(graph, samples, classification, batch, inputs -> runner.run(named(graph, inputs))
                    .get(graph.outputs().get(0)));
        }
    }

    private static Map<String, Tensor> named(Graph graph, List<Tensor> inputs) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            out.put(graph.inputs().get(k).name(), inputs.get(k));
        }
        return out;
    }
}
