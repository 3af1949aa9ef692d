package org.sham4j.core.format.ham;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * HAM's products give, bit for bit, each column's float sum of its non-zeros' terms in row order, for one vector
 * (where zero is codeword "0", the kernel that skips runs of zeros with a count of leading zeros; else two
 * blocks' column decoders in lockstep) and for batches (the same lockstep where zero is not "0", else the column
 * decoder, which skips runs the same way), on one thread and on several (one block per task), with zero as
 * a 1-bit codeword, a longer one or no codeword: runs of zeros longer than a window, runs across column
 * ends, empty columns and matrices, codewords longer than the decoding table.
 */
class HamProductTest {
    /** A rows x cols matrix, each entry zero with probability p, else one of k values with a skewed frequency. */
    private static SparseMatrix random(Random rnd, int rows, int cols, double p, int k, boolean emptyColumns) {
        float[] shared = new float[k];
        for (int s = 0; s < k; s++) {
            shared[s] = (float) rnd.nextGaussian() + (s + 1) * 1e-3f;
        }
        float[] a = new float[rows * cols];
        for (int j = 0; j < cols; j++) {
            if (emptyColumns && j % 5 == 2) {
                continue;
            }
            for (int i = 0; i < rows; i++) {
                if (rnd.nextDouble() >= p) {
                    // A geometric skew: a few values take most entries, rare ones get codewords past the table.
                    int s = Math.min(k - 1, (int) (-Math.log(1 - rnd.nextDouble()) * 2));
                    a[i * cols + j] = shared[rnd.nextInt(8) == 0 ? rnd.nextInt(k) : s];
                }
            }
        }
        return SparseMatrix.fromDense(new DenseMatrix(rows, cols, a));
    }

    /** The sums the products promise: column j of vector b is the float sum, down the rows, of x * w over w != 0. */
    private static float[] columnSums(DenseMatrix w, float[] x, int batch) {
        int n = w.rows();
        int m = w.cols();
        float[] y = new float[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    if (w.get(i, j) != 0f) {
                        s += x[b * n + i] * w.get(i, j);
                    }
                }
                y[b * m + j] = s;
            }
        }
        return y;
    }

    private static void check(SparseMatrix m, Random rnd, String what) {
        HamStored ham = HamStored.build(m);
        DenseMatrix w = m.toDense();
        for (int batch : new int[] {1, 2, 9}) {
            float[] x = new float[batch * m.rows()];
            for (int e = 0; e < x.length; e++) {
                // Infinities where the matrix is zero must not reach the sums (0 * inf is NaN).
                x[e] = e % 11 == 4 ? -0f : (float) rnd.nextGaussian();
            }
            for (int i = 0; i < m.rows(); i++) {
                if (batch == 1 && i % 13 == 6 && rowIsZero(w, i)) {
                    x[i] = Float.POSITIVE_INFINITY;
                }
            }
            // An infinite input on a row with zeros and non-zeros: its non-zeros' sums become infinite (or NaN), the
            // sums of the columns where it is zero must not.
            x[(batch - 1) * m.rows() + m.rows() / 2] = Float.NEGATIVE_INFINITY;
            float[] expected = columnSums(w, x, batch);
            float[] y = new float[batch * m.cols()];
            Arrays.fill(y, Float.NaN);
            ham.multiply(x, batch, y);
            assertArrayEquals(expected, y, what + ", batch " + batch);
            Arrays.fill(y, Float.NaN);
            try (ProductExecutor ex = new ProductExecutor(3)) {
                ham.multiply(x, batch, y, ex);
            }
            assertArrayEquals(expected, y, what + ", batch " + batch + ", 3 threads");
        }
    }

    private static boolean rowIsZero(DenseMatrix w, int i) {
        for (int j = 0; j < w.cols(); j++) {
            if (w.get(i, j) != 0f) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sparseKernelGivesTheColumnSumsInRowOrder() {
        Random rnd = new Random(7);
        int cases = 0;
        for (double p : new double[] {0, 0.1, 0.3, 0.5, 0.8, 0.95, 0.99, 0.999}) {
            for (int k : new int[] {1, 3, 32, 1500}) {
                for (int[] shape : new int[][] {{1, 1}, {1, 300}, {300, 1}, {40, 2}, {7, 50}, {64, 40}, {65, 33}, {500, 120}}) {
                    SparseMatrix m = random(rnd, shape[0], shape[1], p, k, cases % 2 == 0);
                    check(m, rnd, shape[0] + "x" + shape[1] + " p=" + p + " k=" + k);
                    cases++;
                }
            }
        }
        assertTrue(cases > 0);
    }

    @Test
    void manyBlocksAndLongRuns() {
        Random rnd = new Random(11);
        // Enough coded bits for several blocks; rows past a 64-bit window of zeros.
        check(random(rnd, 3000, 400, 0.995, 40, true), rnd, "3000x400 p=0.995");
        check(random(rnd, 200, 3000, 0.9, 2000, false), rnd, "200x3000 k=2000");
        check(random(rnd, 300, 2000, 0.3, 30, false), rnd, "300x2000 p=0.3");
        // Zero not codeword "0": blocks decoded two at a time in lockstep, an odd block count, long codewords.
        check(random(rnd, 300, 2001, 0.1, 1500, false), rnd, "300x2001 p=0.1 k=1500");
        check(random(rnd, 257, 1203, 0.3, 30, true), rnd, "257x1203 p=0.3 empty columns");
        check(SparseMatrix.fromDense(DenseMatrix.zeros(100, 70)), rnd, "all zero");
    }
}
