package org.sham4j.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** Seeded random matrices for format tests. */
final class RandomMatrices {
    /** A named test matrix. */
    record Case(String name, SparseMatrix m) {
    }

    private RandomMatrices() {
    }

    /**
     * The format tests' seeded cases: empty and one-entry shapes, single rows and columns, all-zero, dense and very
     * sparse, few to all-distinct values, blocks, columns past a kernel chunk, more than 65,536 rows.
     */
    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("empty 0x0", random(1, 0, 0, 0, 4)));
        c.add(new Case("empty 0x5", random(1, 0, 5, 0, 4)));
        c.add(new Case("empty 7x0", random(1, 7, 0, 0, 4)));
        c.add(new Case("1x1", random(2, 1, 1, 0, 1)));
        c.add(new Case("1x1 zero", random(2, 1, 1, 1, 1)));
        c.add(new Case("one column", random(3, 300, 1, 0.5, 7)));
        c.add(new Case("one row", random(4, 1, 300, 0.5, 7)));
        c.add(new Case("all zero", random(5, 40, 30, 1, 3)));
        c.add(new Case("all distinct", random(6, 50, 40, 0, 0)));
        c.add(new Case("dense k=1", random(7, 30, 20, 0, 1)));
        c.add(new Case("dense k=2", random(8, 30, 20, 0, 2)));
        c.add(new Case("dense k=32", random(9, 64, 48, 0, 32)));
        c.add(new Case("half k=16", random(10, 100, 70, 0.5, 16)));
        c.add(new Case("99.9% sparse", random(11, 700, 600, 0.999, 32)));
        c.add(new Case("96% k=32", random(12, 256, 512, 0.96, 32)));
        c.add(new Case("k=1000", random(13, 200, 150, 0.2, 1000)));
        c.add(new Case("k=100000", random(14, 400, 400, 0.1, 100_000)));
        c.add(new Case("big blocks", random(15, 600, 900, 0.7, 200)));
        c.add(new Case("columns past a kernel chunk", random(16, 5000, 3, 0.5, 12)));
        c.add(new Case("over 65,536 rows", random(17, 70_000, 2, 0.97, 40)));
        return c;
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
