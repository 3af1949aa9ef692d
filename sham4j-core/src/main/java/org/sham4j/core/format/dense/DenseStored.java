package org.sham4j.core.format.dense;

import java.util.Arrays;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.matrix.DenseMatrix;

/** A matrix stored dense: products are row-wise AXPYs over column blocks. */
final class DenseStored extends ColumnBlockedMatrix {
    private final float[] w;

    DenseStored(DenseMatrix m) {
        super(m.rows(), m.cols());
        this.w = m.data();
    }

    @Override
    public long nonZeros() {
        return new DenseMatrix(rows, cols, w).nonZeros();
    }

    @Override
    public MatrixFormat format() {
        return DenseFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        float[] copy = w.clone();
        for (int k = 0; k < copy.length; k++) {
            if (copy[k] == 0f) {
                copy[k] = 0f;
            }
        }
        return new DenseMatrix(rows, cols, copy);
    }

    @Override
    protected void decodeColumns(ColumnSlices out) {
        for (int j = 0; j < cols; j++) {
            int p = out.column(j);
            int[] r = out.rows();
            float[] v = out.values();
            for (int i = 0, at = j; i < rows; i++, at += cols) {
                // Written whatever the value, kept only if not zero: no branch on the pattern.
                r[p] = i;
                v[p] = w[at];
                p += w[at] != 0f ? 1 : 0;
            }
            out.end(p);
        }
    }

    /** Columns per block at least: the AXPY over a row of a block stays long enough to vectorise. */
    private static final int MIN_BLOCK_WIDTH = 128;
    /** Output columns whose sums over a whole batch a batch product keeps at once (in L1 for 256 vectors). */
    private static final int PANEL = 16;
    /** Smallest batch that runs along the batch ({@link #panel}); smaller ones run along the columns. */
    private static final int MIN_PANEL_BATCH = 16;

    @Override
    protected int blockCount() {
        return wideBlockCount(MIN_BLOCK_WIDTH);
    }

    // The JIT of JDK 17 vectorises an AXPY only when both arrays are indexed from 0: so every inner loop
    // below runs over arrays of its own (accumulators, a copied slice), never at an offset.

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        if (batch >= MIN_PANEL_BATCH) {
            float[] row = new float[batch];
            for (int j = c0; j < c1; j += PANEL) {
                panel(xt, batch, y, j, Math.min(PANEL, c1 - j), row);
            }
        } else if (batch == 1) {
            multiplyOne(xt, y, c0, c1 - c0);
        } else {
            alongColumns(xt, batch, y, c0, c1 - c0);
        }
    }

    /**
     * Columns j0 .. j0 + width - 1 for a whole batch: each column's sums are an array over the batch, and
     * each weight adds its row of the interleaved batch (copied to {@code row}) into them. Zero weights (a
     * pruned layer stored dense) are skipped.
     */
    private void panel(float[] xt, int batch, float[] y, int j0, int width, float[] row) {
        float[][] acc = new float[width][batch];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(xt, i * batch, row, 0, batch);
            int wi = i * cols + j0;
            int k = 0;
            for (; k + 4 <= width; k += 4) {
                float w0 = w[wi + k];
                float w1 = w[wi + k + 1];
                float w2 = w[wi + k + 2];
                float w3 = w[wi + k + 3];
                if (w0 != 0f || w1 != 0f || w2 != 0f || w3 != 0f) {
                    axpy4(acc[k], acc[k + 1], acc[k + 2], acc[k + 3], w0, w1, w2, w3, row, batch);
                }
            }
            for (; k < width; k++) {
                float wv = w[wi + k];
                if (wv != 0f) {
                    axpy(acc[k], wv, row, batch);
                }
            }
        }
        for (int k = 0; k < width; k++) {
            float[] a = acc[k];
            for (int b = 0; b < batch; b++) {
                y[b * cols + j0 + k] = a[b];
            }
        }
    }

    /** acc[0 .. len) += v * x[0 .. len). */
    private static void axpy(float[] acc, float v, float[] x, int len) {
        for (int t = 0; t < len; t++) {
            acc[t] += v * x[t];
        }
    }

    /** a_k[0 .. len) += v_k * x[0 .. len) for four sums at once: x is read once for all four. */
    private static void axpy4(float[] a0, float[] a1, float[] a2, float[] a3, float v0, float v1, float v2, float v3,
                              float[] x, int len) {
        for (int t = 0; t < len; t++) {
            float xv = x[t];
            a0[t] += v0 * xv;
            a1[t] += v1 * xv;
            a2[t] += v2 * xv;
            a3[t] += v3 * xv;
        }
    }

    /** One vector: the sum of the block's row slices (each copied once) scaled by x; zero inputs skipped. */
    private void multiplyOne(float[] x, float[] y, int c0, int width) {
        float[] acc = new float[width];
        float[] slice = new float[width];
        for (int i = 0; i < rows; i++) {
            float xi = x[i];
            if (xi != 0f) {
                System.arraycopy(w, i * cols + c0, slice, 0, width);
                axpy(acc, xi, slice, width);
            }
        }
        System.arraycopy(acc, 0, y, c0, width);
    }

    /**
     * A small batch, eight vectors a pass: each row slice of W is copied once and added into eight sums (two
     * loops of four, the most C2 vectorises in one loop), so W is read once per eight vectors; rows whose inputs
     * are all zero (after a ReLU, say) are skipped.
     */
    private void alongColumns(float[] xt, int batch, float[] y, int c0, int width) {
        float[][] acc = new float[8][width];
        float[] slice = new float[width];
        for (int b = 0; b < batch; b += 8) {
            int n = Math.min(8, batch - b);
            for (float[] a : acc) {
                Arrays.fill(a, 0f);
            }
            for (int i = 0; i < rows; i++) {
                int xi = i * batch + b;
                float x0 = xt[xi];
                float x1 = n > 1 ? xt[xi + 1] : 0f;
                float x2 = n > 2 ? xt[xi + 2] : 0f;
                float x3 = n > 3 ? xt[xi + 3] : 0f;
                boolean low = x0 != 0f || x1 != 0f || x2 != 0f || x3 != 0f;
                float x4 = n > 4 ? xt[xi + 4] : 0f;
                float x5 = n > 5 ? xt[xi + 5] : 0f;
                float x6 = n > 6 ? xt[xi + 6] : 0f;
                float x7 = n > 7 ? xt[xi + 7] : 0f;
                boolean high = x4 != 0f || x5 != 0f || x6 != 0f || x7 != 0f;
                if (!low && !high) {
                    continue;
                }
                System.arraycopy(w, i * cols + c0, slice, 0, width);
                if (low) {
                    axpy4(acc[0], acc[1], acc[2], acc[3], x0, x1, x2, x3, slice, width);
                }
                if (high) {
                    axpy4(acc[4], acc[5], acc[6], acc[7], x4, x5, x6, x7, slice, width);
                }
            }
            for (int k = 0; k < n; k++) {
                System.arraycopy(acc[k], 0, y, (b + k) * cols + c0, width);
            }
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.PAYLOAD);
        out.writeFloats(w, 0, w.length);
    }

    /** Every weight read; the non-zeros multiplied into column sums. */
    @Override
    public OperationCounts productCounts() {
        long entries = (long) rows * cols;
        return new ProductCounts(rows, cols).words("weights", entries, entries).columnSums(nonZeros()).build();
    }
}
