package org.sham4j.model.runtime;

import java.util.List;
import java.util.Random;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;

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
}
