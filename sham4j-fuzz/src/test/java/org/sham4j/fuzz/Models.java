package org.sham4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/**
 * Tiny models that run, together holding every layer type and the fields the fuzzers should reach ({@link ModelsTest}
 * checks), with weights in a chosen storage format.
 */
final class Models {
    /** How many models {@link #model} builds. */
    static final int COUNT = 6;

    private Models() {
    }

    static Graph model(int which, String format, long seed) {
        Random rnd = new Random(seed);
        return switch (which) {
            case 0 -> chain(new int[] {6}, List.of(
                    new Dense(weights(rnd, 6, 5, format), floats(rnd, 5)), new Activation(Activation.Function.RELU),
                    new Dense(weights(rnd, 5, 3, format), null), new Softmax(1)));
            case 1 -> chain(new int[] {1, 6, 6}, List.of(
                    new Conv(weights(rnd, 9, 2, format), floats(rnd, 2), 1, 2, new int[] {3, 3}, new int[] {1, 1},
                            new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
                    new Pool(PoolKind.MAX, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0},
                            false, false),
                    new Flatten(1),
                    new Dense(weights(rnd, 18, 3, format), floats(rnd, 3)),
                    new Activation(Activation.Function.SIGMOID)));
            case 2 -> mixed(rnd, format);
            case 3 -> image(rnd, format);
            case 4 -> sequence(rnd, format);
            default -> normalised(rnd);
        };
    }

    /**
     * Grouped transposed convolution, reflect padding, dilated max pool, leaky ReLU, strided slice, a product with
     * a per-channel constant, a mean over both spatial axes, hard sigmoid and log-softmax.
     */
    private static Graph image(Random rnd, String format) {
        return chain(new int[] {2, 4, 4}, List.of(
                new ConvTranspose(weights(rnd, 2, 4, format), floats(rnd, 2), 2, 2, new int[] {2, 2},
                        new int[] {2, 2}, new int[] {1, 0}, new int[] {0, 1}, new int[] {1, 1}, new int[] {1, 0}, 2),
                new Pad(Pad.Mode.REFLECT, new int[] {0, 0, 1, 0}, new int[] {0, 0, 0, 1}, 0f),
                new Pool(PoolKind.MAX, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0},
                        new int[] {2, 2}, false, false),
                new Activation(Activation.Function.LEAKY_RELU, 0.2f, 0f),
                new Slice(new int[] {2, 3}, new int[] {0, 1}, new int[] {Integer.MAX_VALUE, -1}, new int[] {2, 2}),
                Binary.withConstant(Binary.Op.MUL, new Tensor(new int[] {2, 1, 1}, floats(rnd, 2)), false),
                new Reduce(Reduce.Op.MEAN, new int[] {2, 3}, false),
                new Activation(Activation.Function.HARD_SIGMOID, 0.3f, 0.4f),
                new Softmax(1, true)));
    }

    /**
     * A batch-first sequence made time-major: a reverse LSTM and a GRU of each reset form on their input
     * projections, the GRUs' states added, made batch-major again.
     */
    private static Graph sequence(Random rnd, String format) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("time-major", new Transpose(new int[] {1, 0, 2}), List.of("x"), "t"));
        nodes.add(new Node("lstm-in", new Dense(weights(rnd, 2, 8, format), floats(rnd, 8)), List.of("t"), "p1"));
        nodes.add(new Node("lstm", new Recurrent(Recurrent.Cell.LSTM, weights(rnd, 2, 8, format), null, 2, true,
                false), List.of("p1"), "h1"));
        nodes.add(new Node("gru-in", new Dense(weights(rnd, 2, 6, format), null), List.of("h1"), "p2"));
        nodes.add(new Node("gru", new Recurrent(Recurrent.Cell.GRU, weights(rnd, 2, 6, format), floats(rnd, 6), 2,
                false, true), List.of("p2"), "h2"));
        nodes.add(new Node("gru2", new Recurrent(Recurrent.Cell.GRU, weights(rnd, 2, 6, format), null, 2, false,
                false), List.of("p2"), "h3"));
        nodes.add(new Node("both", new Binary(Binary.Op.ADD), List.of("h2", "h3"), "h"));
        nodes.add(new Node("batch-major", new Transpose(new int[] {1, 0, 2}), List.of("h"), "y"));
        return new Graph(List.of(new InputSpec("x", new int[] {3, 2})), nodes, List.of("y"), Preprocessing.IDENTITY);
    }

    /**
     * Layer norm, constant and edge padding, differences with a sum- and a max-reduction of themselves, a minimum
     * with a constant first, a min-reduction and a clip.
     */
    private static Graph normalised(Random rnd) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("norm", new LayerNorm(-1, floats(rnd, 2), floats(rnd, 2), 1e-3f), List.of("x"), "n"));
        nodes.add(new Node("pad", new Pad(Pad.Mode.CONSTANT, new int[] {0, 1, 0}, new int[] {0, 0, 1}, 0.5f),
                List.of("n"), "c"));
        nodes.add(new Node("edge", new Pad(Pad.Mode.EDGE, new int[] {0, 0, 1}, new int[] {0, 1, 0}, 0f),
                List.of("c"), "e"));
        nodes.add(new Node("sum", new Reduce(Reduce.Op.SUM, new int[] {1}, true), List.of("e"), "s"));
        nodes.add(new Node("centre", new Binary(Binary.Op.SUB), List.of("e", "s"), "d"));
        nodes.add(new Node("top", new Reduce(Reduce.Op.MAX, new int[] {-1}, true), List.of("d"), "t"));
        nodes.add(new Node("below", new Binary(Binary.Op.SUB), List.of("d", "t"), "b"));
        nodes.add(new Node("floor", Binary.withConstant(Binary.Op.MIN, new Tensor(new int[] {4}, floats(rnd, 4)),
                true), List.of("b"), "m"));
        nodes.add(new Node("least", new Reduce(Reduce.Op.MIN, new int[] {-2}, false), List.of("m"), "r"));
        nodes.add(new Node("clip", new Activation(Activation.Function.CLIP, -1f, 1f), List.of("r"), "y"));
        return new Graph(List.of(new InputSpec("x", new int[] {3, 2})), nodes, List.of("y"), Preprocessing.IDENTITY);
    }

    /** Embedding, transpose, 1-D convolution, batch norm, pools, reshape, concat, add, dropout, tanh. */
    private static Graph mixed(Random rnd, String format) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("embed", new Embedding(new DenseMatrix(5, 2, floats(rnd, 10))), List.of("ids"), "e"));
        nodes.add(new Node("nlc-to-ncl", new Transpose(new int[] {0, 2, 1}), List.of("e"), "t"));
        nodes.add(new Node("conv1d", new Conv(weights(rnd, 3, 4, format), null, 2, 4, new int[] {3}, new int[] {1},
                new int[] {1}, new int[] {1}, new int[] {1}, 2), List.of("t"), "c"));
        nodes.add(new Node("norm", new BatchNorm(floats(rnd, 4), floats(rnd, 4), floats(rnd, 4),
                new float[] {1, 2, 3, 4}, 1e-3f), List.of("c"), "n"));
        nodes.add(new Node("avg", new Pool(PoolKind.AVERAGE, new int[] {2}, new int[] {1}, new int[] {1},
                new int[] {0}, true, true), List.of("n"), "p"));
        nodes.add(new Node("gmax", new GlobalPool(PoolKind.MAX, false), List.of("p"), "g"));
        nodes.add(new Node("gavg", new GlobalPool(PoolKind.AVERAGE, true), List.of("p"), "ga"));
        nodes.add(new Node("flat", new Reshape(new int[] {0, -1}), List.of("ga"), "f"));
        nodes.add(new Node("join", new Concat(1), List.of("g", "f"), "j"));
        nodes.add(new Node("plus", new Add(), List.of("j", "x"), "s"));
        nodes.add(new Node("drop", new Dropout(0.25f), List.of("s"), "d"));
        nodes.add(new Node("out", new Activation(Activation.Function.TANH), List.of("d"), "y"));
        return new Graph(List.of(new InputSpec("ids", new int[] {4}), new InputSpec("x", new int[] {8})), nodes,
                List.of("y"), new Preprocessing(1f / 255, new float[] {0.5f}, new float[] {0.25f},
                Preprocessing.Layout.NCHW));
    }

    private static Graph chain(int[] input, List<Layer> layers) {
        List<Node> nodes = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            nodes.add(new Node("n" + k, layers.get(k), List.of(k == 0 ? "x" : "t" + (k - 1)), "t" + k));
        }
        return new Graph(List.of(new InputSpec("x", input)), nodes, List.of("t" + (layers.size() - 1)),
                Preprocessing.IDENTITY);
    }

    private static CompressedMatrix weights(Random rnd, int rows, int cols, String format) {
        float[] codebook = {-0.5f, 0.25f, 0.75f, 1.5f};
        float[] w = new float[rows * cols];
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextInt(3) == 0 ? 0f : codebook[rnd.nextInt(codebook.length)];
        }
        return Formats.byName(format).encode(SparseMatrix.fromDense(new DenseMatrix(rows, cols, w)));
    }

    private static float[] floats(Random rnd, int n) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
