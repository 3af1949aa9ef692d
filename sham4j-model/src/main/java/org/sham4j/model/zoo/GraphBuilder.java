package org.sham4j.model.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Transpose;

/**
 * Appends layers to a graph under construction, each reading the tensor named by the caller and giving a new
 * one, with seeded initial weights: He-uniform for layers followed by a ReLU, Glorot-uniform otherwise, zero
 * biases, embeddings uniform in ±0.05 (as Keras does).
 */
final class GraphBuilder {
    private final Random random;
    private final List<InputSpec> inputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    GraphBuilder(long seed) {
        this.random = new Random(seed);
    }

    String input(String name, int... shape) {
        inputs.add(new InputSpec(name, shape));
        return name;
    }

    Graph build(String output, Preprocessing preprocessing) {
        return new Graph(inputs, nodes, List.of(output), preprocessing);
    }

    private String add(String prefix, Layer layer, String... in) {
        String name = prefix + "_" + nodes.size();
        nodes.add(new Node(name, layer, List.of(in), name));
        return name;
    }

    /** Dense in -> out; {@code reluFollows} picks the initialisation. */
    String dense(String in, int inputs, int outputs, boolean reluFollows) {
        return add("dense", new Dense(weights(inputs, outputs, inputs, outputs, reluFollows), new float[outputs]), in);
    }

    /** 2-D convolution, square kernel, stride 1, the same padding on every side. */
    String conv2d(String in, int inChannels, int outChannels, int kernel, int pad, boolean reluFollows) {
        int fanIn = inChannels * kernel * kernel;
        return add("conv", new Conv(weights(fanIn, outChannels, fanIn, outChannels * kernel * kernel, reluFollows),
                new float[outChannels], inChannels, outChannels, new int[] {kernel, kernel}, new int[] {1, 1},
                new int[] {pad, pad}, new int[] {pad, pad}, new int[] {1, 1}, 1), in);
    }

    /** 1-D convolution, stride 1, no padding ("valid"). */
    String conv1d(String in, int inChannels, int outChannels, int kernel, boolean reluFollows) {
        int fanIn = inChannels * kernel;
        return add("conv", new Conv(weights(fanIn, outChannels, fanIn, outChannels * kernel, reluFollows),
                new float[outChannels], inChannels, outChannels, new int[] {kernel}, new int[] {1}, new int[] {0},
                new int[] {0}, new int[] {1}, 1), in);
    }

    String maxPool2d(String in, int size) {
        return maxPool2d(in, size, false);
    }

    /** Max pooling of {@code size}x{@code size} windows at stride {@code size}, the output size rounded up when {@code ceil}. */
    String maxPool2d(String in, int size, boolean ceil) {
        return add("pool", new Pool(PoolKind.MAX, new int[] {size, size}, new int[] {size, size}, new int[2],
                new int[2], false, ceil), in);
    }

    String globalMaxPool(String in) {
        return add("gmp", new GlobalPool(PoolKind.MAX, false), in);
    }

    String relu(String in) {
        return add("relu", new Activation(Activation.Function.RELU), in);
    }

    String dropout(String in, float rate) {
        return add("dropout", new Dropout(rate), in);
    }

    String flatten(String in) {
        return add("flatten", new Flatten(1), in);
    }

    String transpose(String in, int... perm) {
        return add("transpose", new Transpose(perm), in);
    }

    String concat(int axis, String... in) {
        return add("concat", new Concat(axis), in);
    }

    String embedding(String in, int vocabulary, int dim) {
        float[] table = new float[vocabulary * dim];
        for (int k = 0; k < table.length; k++) {
            table[k] = (random.nextFloat() * 2 - 1) * 0.05f;
        }
        return add("embedding", new Embedding(new DenseMatrix(vocabulary, dim, table)), in);
    }

    private CompressedMatrix weights(int rows, int cols, int fanIn, int fanOut, boolean he) {
        double limit = he ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[rows * cols];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return DenseFormat.INSTANCE.encode(SparseMatrix.fromDense(new DenseMatrix(rows, cols, w)));
    }
}
