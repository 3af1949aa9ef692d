package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;

/**
 * Weights stored dense, multiplied by the runtime's {@link Gemm}: Y = X W with X's rows as A and W (rows padded
 * to {@link Gemm#PAD}) as B, or, for convolutions, C = W<sup>T</sup> B with W<sup>T</sup> as A
 * ({@link #multiplyTransposed}). Each layout is made on first use. Every entry is one fused multiply-add chain
 * over W's rows in order, so both ways, any split and either GEMM give the same bits.
 */
final class GemmProduct extends TransposedProduct {
    /** Rows of X a thread takes at a time (its output buffer stays small). */
    private static final int ROWS = 256;

    private final CompressedMatrix weights;
    private final int ld;
    private float[] padded;
    private int[] offsets;
    private float[] transposed;

    GemmProduct(CompressedMatrix weights) {
        super(weights.rows(), weights.cols());
        this.weights = weights;
        this.ld = Gemm.padded(cols);
    }

    /** W with rows of {@code ld} entries, zeros past {@code cols}. */
    private synchronized float[] padded() {
        if (padded == null) {
            float[] w = weights.toDense().data();
            if (ld == cols) {
                padded = w;
            } else {
                float[] p = new float[Math.multiplyExact(rows, ld)];
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(w, i * cols, p, i * ld, cols);
                }
                padded = p;
            }
            offsets = Gemm.rowOffsets(rows, ld);
        }
        return padded;
    }

    /** W<sup>T</sup>, row-major (cols x rows). */
    private synchronized float[] transposed() {
        if (transposed == null) {
            float[] w = weights.toDense().data();
            float[] t = new float[w.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j * rows + i] = w[i * cols + j];
                }
            }
            transposed = t;
        }
        return transposed;
    }

    @Override
    void multiply(float[] x, int count, float[] y) {
        multiplyRange(x, 0, count, y);
    }

    @Override
    void multiply(float[] x, int count, float[] y, ProductExecutor executor) {
        int quads = (count + 3) / 4;
        Parallel.forRange(executor, quads, (q0, q1) -> multiplyRange(x, 4 * q0, Math.min(4 * q1, count), y));
    }

    /** Rows [from, to) of Y = X W. */
    private void multiplyRange(float[] x, int from, int to, float[] y) {
        float[] w = padded();
        Gemm gemm = Gemm.get();
        if (ld == cols) {
            gemm.multiply(to - from, cols, rows, x, from * rows, rows, w, 0, offsets, y, from * cols, cols);
            return;
        }
        float[] c = new float[Math.min(ROWS, to - from) * ld];
        for (int r0 = from; r0 < to; r0 += ROWS) {
            int n = Math.min(ROWS, to - r0);
            gemm.multiply(n, cols, rows, x, r0 * rows, rows, w, 0, offsets, c, 0, ld);
            for (int r = 0; r < n; r++) {
                System.arraycopy(c, r * ld, y, (r0 + r) * cols, cols);
            }
        }
    }

    @Override
    void multiplyTransposed(float[] b, int bo, int[] rowsOfB, int n, float[] c, int co, int ldc) {
        Gemm.get().multiply(cols, n, rows, transposed(), 0, rows, b, bo, rowsOfB, c, co, ldc);
    }
}
