package org.sham4j.model.graph;

import java.util.HashMap;
import java.util.Map;
import org.sham4j.core.memory.MemoryBudget;
import org.sham4j.core.memory.MemoryBudgetException;

/**
 * The memory a model's activations take, sized by {@link ShapeInference} and checked against the
 * {@link MemoryBudget}: a loader calls it for a batch of one, so that a forged size (a convolution padded by
 * millions, a dense layer of billions of outputs) is refused when the model is read, in one line naming the node
 * ("needs 6.4 GB for node 'conv1' output"), rather than as an OutOfMemoryError when it first runs; the runtime
 * calls it for the batch it is given.
 */
public final class ActivationMemory {
    private ActivationMemory() {
    }

    /** Refuses, with a {@link MemoryBudgetException}, a tensor of {@code graph} too large for a batch of one. */
    public static void check(Graph graph) {
        check(graph, ShapeInference.of(graph), 1);
    }

    /** Refuses a tensor too large for these shapes (sizes or symbolic, for a batch of {@code batch}). */
    static void check(Graph graph, Map<String, TensorShape> shapes, int batch) {
        Map<String, String> producer = new HashMap<>();
        for (Node n : graph.nodes()) {
            producer.put(n.output(), "node '" + n.name() + "' output");
        }
        for (Map.Entry<String, TensorShape> e : shapes.entrySet()) {
            TensorShape s = e.getValue();
            if (!s.isKnown()) {
                continue;
            }
            long bytes;
            try {
                bytes = MemoryBudget.bytes(s.elements(batch), Float.BYTES);
            } catch (ArithmeticException overflow) {
                bytes = Long.MAX_VALUE;
            }
            String what = producer.getOrDefault(e.getKey(), "model input '" + e.getKey() + "'");
            MemoryBudget.check(bytes, () -> what + " " + s + (batch == 1 ? "" : " for a batch of " + batch));
        }
    }

    /** Refuses a tensor too large when the model inputs have these shapes (batch axis included). */
    public static void check(Graph graph, Map<String, int[]> inputShapes) {
        Map<String, TensorShape> given = new HashMap<>();
        for (InputSpec spec : graph.inputs()) {
            int[] shape = inputShapes.get(spec.name());
            if (shape == null) {
                return;
            }
            given.put(spec.name(), TensorShape.of(shape));
        }
        check(graph, ShapeInference.infer(graph.inputs(), graph.nodes(), given), 1);
    }
}
