package org.sham4j.core.format.dense;

import java.util.Arrays;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
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

    /** Columns per block at least: the AXPY over a row of a block stays long enough to vectorise. */
    private static final int MIN_BLOCK_WIDTH = 128;

    @Override
    protected int blockCount() {
        return wideBlockCount(MIN_BLOCK_WIDTH);
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int width = evenBlockStart(block + 1, blockCount()) - c0;
        float[] a0 = new float[width];
        float[] a1 = new float[width];
        float[] a2 = new float[width];
        float[] a3 = new float[width];
        float[] slice = new float[width];
        // Four vectors at a time: each row slice of W is copied once and added into four accumulator rows,
        // all indexed from 0 in arrays of their own, which is the loop shape the JIT vectorises; rows whose
        // four inputs are all zero (after a ReLU, say) are skipped.
        for (int b = 0; b < batch; b += 4) {
            int n = Math.min(4, batch - b);
            Arrays.fill(a0, 0f);
            Arrays.fill(a1, 0f);
            Arrays.fill(a2, 0f);
            Arrays.fill(a3, 0f);
            for (int i = 0; i < rows; i++) {
                int xi = i * batch + b;
                float x0 = xt[xi];
                float x1 = n > 1 ? xt[xi + 1] : 0f;
                float x2 = n > 2 ? xt[xi + 2] : 0f;
                float x3 = n > 3 ? xt[xi + 3] : 0f;
                if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f) {
                    continue;
                }
                System.arraycopy(w, i * cols + c0, slice, 0, width);
                for (int j = 0; j < width; j++) {
                    float wv = slice[j];
                    a0[j] += x0 * wv;
                    a1[j] += x1 * wv;
                    a2[j] += x2 * wv;
                    a3[j] += x3 * wv;
                }
            }
            float[][] acc = {a0, a1, a2, a3};
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
