package org.sham4j.model.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
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

/** Seeded random tensors and matrices, and one-node graphs, for runtime tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) rnd.nextGaussian();
        }
        return a;
    }

    public static Tensor tensor(Random rnd, int... shape) {
        return new Tensor(shape, gaussian(rnd, Math.toIntExact(Tensor.size(shape))));
    }

    /** A rows x cols matrix whose entries take one of {@code k} values, about a third zero. */
    public static DenseMatrix quantized(Random rnd, int rows, int cols, int k) {
        float[] levels = gaussian(rnd, k);
        float[] a = new float[rows * cols];
        for (int e = 0; e < a.length; e++) {
            a[e] = rnd.nextInt(3) == 0 ? 0f : levels[rnd.nextInt(k)];
        }
        return new DenseMatrix(rows, cols, a);
    }

    /** {@code m} with each entry kept with probability {@code keep}, else zero. */
    public static DenseMatrix pruned(Random rnd, DenseMatrix m, double keep) {
        float[] a = m.data().clone();
        for (int e = 0; e < a.length; e++) {
            if (rnd.nextDouble() >= keep) {
                a[e] = 0f;
            }
        }
        return new DenseMatrix(m.rows(), m.cols(), a);
    }

    public static CompressedMatrix stored(DenseMatrix m, String format) {
        return Formats.byName(format).encode(SparseMatrix.fromDense(m));
    }

    public static CompressedMatrix dense(Random rnd, int rows, int cols) {
        return stored(new DenseMatrix(rows, cols, gaussian(rnd, rows * cols)), "dense");
    }

    /** A graph of one node reading input "x" of the given shape (batch axis excluded). */
    public static Graph single(Layer layer, int... inputShape) {
        return new Graph(List.of(new InputSpec("x", inputShape)), List.of(new Node("n", layer, List.of("x"), "y")),
                List.of("y"), Preprocessing.IDENTITY);
    }

    /** Runs a one-node graph on one thread. */
    public static Tensor runSingle(Layer layer, Tensor input) {
        int[] s = input.shape();
        int[] spec = java.util.Arrays.copyOfRange(s, 1, s.length);
        try (GraphRunner r = new GraphRunner(single(layer, spec), 1)) {
            return r.run(input);
        }
    }

    /** conv 3x3 pad 1, relu, maxpool 2, grouped conv 3x3, batchnorm, flatten, dense, tanh, dense, softmax. */
    public static Graph smallCnn(long seed) {
        Random rnd = new Random(seed);
        List<Layer> layers = List.of(
                new Conv(stored(quantized(rnd, 9, 4, 6), "dense"), gaussian(rnd, 4), 1, 4,
                        new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
                new Activation(Activation.Function.RELU),
                new Pool(PoolKind.MAX, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0}, false,
                        false),
                new Conv(stored(quantized(rnd, 18, 6, 6), "dense"), null, 4, 6, new int[] {3, 3},
                        new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 2),
                new BatchNorm(gaussian(rnd, 6), gaussian(rnd, 6), gaussian(rnd, 6),
                        new float[] {1, 2, 0.5f, 1, 1, 3}, 1e-5f),
                new Flatten(1),
                new Dense(stored(quantized(rnd, 24, 10, 6), "dense"), gaussian(rnd, 10)),
                new Activation(Activation.Function.TANH),
                new Dense(stored(quantized(rnd, 10, 5, 6), "dense"), gaussian(rnd, 5)),
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
    public static Graph inFormat(Graph g, String format) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            Layer l = n.layer();
            if (l instanceof WeightedLayer w) {
                DenseMatrix d = w.weights().toDense();
                l = w.withWeights(stored(d, format));
            }
            nodes.add(new Node(n.name(), l, n.inputs(), n.output()));
        }
        return g.withNodes(nodes);
    }
}
