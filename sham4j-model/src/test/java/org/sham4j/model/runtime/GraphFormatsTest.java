package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.WeightedLayer;

/** A small multi-layer graph gives the same outputs whatever format its weights are stored in, on any threads. */
class GraphFormatsTest {
    /** conv 3x3 pad 1, relu, maxpool 2, grouped conv 3x3, batchnorm, flatten, dense, tanh, dense, softmax. */
    static Graph smallCnn(long seed) {
        Random rnd = new Random(seed);
        List<Layer> layers = List.of(
                new Conv(Fixtures.stored(Fixtures.quantized(rnd, 9, 4, 6), "dense"), Fixtures.gaussian(rnd, 4), 1, 4,
                        new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
                new Activation(Activation.Function.RELU),
                new Pool(PoolKind.MAX, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0}, false,
                        false),
                new Conv(Fixtures.stored(Fixtures.quantized(rnd, 18, 6, 6), "dense"), null, 4, 6, new int[] {3, 3},
                        new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 2),
                new BatchNorm(Fixtures.gaussian(rnd, 6), Fixtures.gaussian(rnd, 6), Fixtures.gaussian(rnd, 6),
                        new float[] {1, 2, 0.5f, 1, 1, 3}, 1e-5f),
                new Flatten(1),
                new Dense(Fixtures.stored(Fixtures.quantized(rnd, 24, 10, 6), "dense"), Fixtures.gaussian(rnd, 10)),
                new Activation(Activation.Function.TANH),
                new Dense(Fixtures.stored(Fixtures.quantized(rnd, 10, 5, 6), "dense"), Fixtures.gaussian(rnd, 5)),
                new Softmax(-1));
        List<Node> nodes = new ArrayList<>();
        String prev = "x";
        for (int k = 0; k < layers.size(); k++) {
            nodes.add(new Node("n" + k, layers.get(k), List.of(prev), "t" + k));
            prev = "t" + k;
        }
        return new Graph(List.of(new InputSpec("x", new int[] {1, 8, 8})), nodes, List.of(prev),
                Preprocessing.IDENTITY);
    }

    /** The same graph with every weight matrix re-encoded in {@code format}. */
    static Graph inFormat(Graph g, String format) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            Layer l = n.layer();
            if (l instanceof WeightedLayer w) {
                DenseMatrix d = w.weights().toDense();
                l = w.withWeights(Fixtures.stored(d, format));
            }
            nodes.add(new Node(n.name(), l, n.inputs(), n.output()));
        }
        return g.withNodes(nodes);
    }

    private static Tensor run(Graph g, int threads, Tensor x) {
        try (GraphRunner r = new GraphRunner(g, threads)) {
            return r.run(x);
        }
    }

    @Test
    void everyFormatGivesTheSameOutputsOnAnyThreadCount() {
        Graph g = smallCnn(21);
        Tensor x = Fixtures.tensor(new Random(22), 7, 1, 8, 8);
        Tensor reference = run(g, 1, x);
        assertArrayEquals(new int[] {7, 5}, reference.shape());
        for (String format : new String[] {"dense", "csc", "sham", "gsham", "ham", "csr"}) {
            Graph f = inFormat(g, format);
            Tensor one = run(f, 1, x);
            for (int k = 0; k < one.data().length; k++) {
                assertEquals(reference.data()[k], one.data()[k], 1e-5, format + " entry " + k);
            }
            assertArrayEquals(one.data(), run(f, 1, x).data(), format + ": repeated runs differ");
            if (!format.equals("csr")) {
                assertArrayEquals(one.data(), run(f, 3, x).data(), format + ": 1 and 3 threads differ");
            }
        }
    }
}
