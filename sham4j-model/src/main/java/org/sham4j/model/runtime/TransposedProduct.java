package org.sham4j.model.runtime;

/**
 * Weights that also multiply a batch held entry-major, C = W<sup>T</sup> B, as convolutions do by sample: the
 * products of the runtime's own kernels ({@link Gemm}), whose every entry is one fused multiply-add chain over
 * W's non-zeros in row order, in either orientation.
 */
abstract class TransposedProduct extends WeightProduct {
    TransposedProduct(int rows, int cols) {
        super(rows, cols);
    }

    /**
     * C[j][t] = sum over i of W[i][j] B[i][t] for j &lt; cols, t &lt; n, where B[i][t] = {@code b[bo + rowsOfB[i] + t]}
     * and C[j][t] = {@code c[co + j*ldc + t]} (columns up to n rounded up to {@link Gemm#PAD} are read and
     * written), on the calling thread.
     */
    abstract void multiplyTransposed(float[] b, int bo, int[] rowsOfB, int n, float[] c, int co, int ldc);

    /**
     * The same product for {@code count} B's of the same shape: C<sub>s</sub> = W<sup>T</sup> B<sub>s</sub> with
     * B<sub>s</sub> in {@code b[s]} from 0 and C<sub>s</sub> in {@code c[s]} from {@code co[s]}; each as
     * {@link #multiplyTransposed} computes it, one after the other unless W is cheaper to read once for all.
     */
    void multiplyTransposed(float[][] b, int[] rowsOfB, int n, int count, float[][] c, int[] co, int ldc) {
        for (int s = 0; s < count; s++) {
            multiplyTransposed(b[s], 0, rowsOfB, n, c[s], co[s], ldc);
        }
    }

    /** How many B's of {@code n} columns {@link #multiplyTransposed(float[][], int[], int, int, float[][], int[], int)} should take at once. */
    int productsPerPass(int n) {
        return 1;
    }
}
