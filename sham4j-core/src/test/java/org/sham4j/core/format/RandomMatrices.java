package org.sham4j.core.format;

import java.util.Random;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** Seeded random matrices for format tests. */
final class RandomMatrices {
    private RandomMatrices() {
    }

    /**
     * An n x m matrix whose entries are zero with probability {@code sparsity} and otherwise one of
     * {@code k} distinct non-zero values (k = 0 means all distinct).
     */
    static SparseMatrix random(long seed, int n, int m, double sparsity, int k) {
        Random rnd = new Random(seed);
        float[] shared = new float[Math.max(k, 1)];
        for (int s = 0; s < shared.length; s++) {
            float v;
            do {
                v = (float) rnd.nextGaussian();
            } while (v == 0f);
            shared[s] = v;
        }
        float[] a = new float[n * m];
        for (int e = 0; e < a.length; e++) {
            if (rnd.nextDouble() >= sparsity) {
                float v = k == 0 ? (float) rnd.nextGaussian() + 1e-7f * e : shared[skewed(rnd, k)];
                a[e] = v == 0f ? 1f : v;
            }
        }
        return SparseMatrix.fromDense(new DenseMatrix(n, m, a));
    }

    /** An index in 0..k-1 with a geometric-like skew, so Huffman codes have varied lengths. */
    private static int skewed(Random rnd, int k) {
        int s = (int) Math.floor(-Math.log(1 - rnd.nextDouble()) * k / 4.0);
        return Math.min(k - 1, s);
    }

    /** y = x^T W in double, for a row-major batch. */
    static double[] reference(DenseMatrix w, float[] x, int batch) {
        int n = w.rows();
        int m = w.cols();
        double[] y = new double[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                double xi = x[b * n + i];
                for (int j = 0; j < m; j++) {
                    y[b * m + j] += xi * w.get(i, j);
                }
            }
        }
        return y;
    }

    static float[] vector(long seed, int length) {
        Random rnd = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
