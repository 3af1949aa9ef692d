package org.sham4j.core.format.dense;

import java.util.Arrays;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
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
        int c1 = evenBlockStart(block + 1, blockCount());
        for (int b = 0; b < batch; b++) {
            Arrays.fill(y, b * cols + c0, b * cols + c1, 0f);
        }
        // Each row slice of W is read once and added into every vector's outputs; zero inputs (after a ReLU,
        // say) are skipped.
        for (int i = 0; i < rows; i++) {
            int w0 = i * cols;
            for (int b = 0; b < batch; b++) {
                float xi = xt[i * batch + b];
                if (xi == 0f) {
                    continue;
                }
                int shift = w0 - b * cols;
                for (int j = b * cols + c0, end = b * cols + c1; j < end; j++) {
                    y[j] += xi * w[shift + j];
                }
            }
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        out.part(SizeBreakdown.PAYLOAD);
        out.writeFloats(w, 0, w.length);
    }
}
