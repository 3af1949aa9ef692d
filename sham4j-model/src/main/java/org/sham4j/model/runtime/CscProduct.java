package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Weights stored in CSC, multiplied on their stored columns by the runtime's sparse kernel
 * ({@link Gemm#multiplySparse}): column j of W is row j of W<sup>T</sup>, so C = W<sup>T</sup> B needs no
 * layout of its own; Y = X W transposes blocks of X's rows and the result. A batch of fewer rows than
 * {@link Gemm#PAD} is a sparse dot product per output, the same fused chain.
 */
final class CscProduct extends TransposedProduct {
    /** Rows of X transposed and multiplied at a time. */
    private static final int ROWS = 256;

    private final int[] start;
    private final int[] index;
    private final float[] values;

    CscProduct(SparseMatrix w) {
        super(w.rows(), w.cols());
        this.start = w.colPtr();
        this.index = w.rowIdx();
        this.values = w.values();
    }

    @Override
    void multiplyTransposed(float[] b, int bo, int[] rowsOfB, int n, float[] c, int co, int ldc) {
        Gemm.get().multiplySparse(cols, n, start, index, values, b, bo, rowsOfB, c, co, ldc);
    }

    @Override
    void multiply(float[] x, int count, float[] y) {
        multiplyRange(x, 0, count, y);
    }

    @Override
    void multiply(float[] x, int count, float[] y, ProductExecutor executor) {
        int blocks = (count + Gemm.PAD - 1) / Gemm.PAD;
        Parallel.forRange(executor, blocks, (b0, b1) -> multiplyRange(x, b0 * Gemm.PAD,
                Math.min(b1 * Gemm.PAD, count), y));
    }

    /** Rows [from, to) of Y = X W. */
    private void multiplyRange(float[] x, int from, int to, float[] y) {
        if (to - from < Gemm.PAD) {
            for (int r = from; r < to; r++) {
                dots(x, r * rows, y, r * cols);
            }
            return;
        }
        int ld = Gemm.padded(Math.min(ROWS, to - from));
        float[] xt = new float[rows * ld];
        float[] ct = new float[cols * ld];
        int[] rowsOfB = Gemm.rowOffsets(rows, ld);
        for (int r0 = from; r0 < to; r0 += ROWS) {
            int n = Math.min(ROWS, to - r0);
            Transposes.copy(x, r0 * rows, rows, n, rows, xt, 0, ld);
            multiplyTransposed(xt, 0, rowsOfB, n, ct, 0, ld);
            Transposes.copy(ct, 0, ld, cols, n, y, r0 * cols, cols);
        }
    }

    /** One row: y[yo + j] = the fused chain over column j's entries. */
    private void dots(float[] x, int xo, float[] y, int yo) {
        for (int j = 0; j < cols; j++) {
            float s = 0f;
            for (int p = start[j]; p < start[j + 1]; p++) {
                s = Math.fma(values[p], x[xo + index[p]], s);
            }
            y[yo + j] = s;
        }
    }
}
