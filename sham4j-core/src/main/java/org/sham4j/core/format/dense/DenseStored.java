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

    @Override
    protected int blockCount() {
        return evenBlockCount();
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        for (int b = 0; b < batch; b++) {
            int yb = b * cols;
            Arrays.fill(y, yb + c0, yb + c1, 0f);
            for (int i = 0; i < rows; i++) {
                float xi = xt[i * batch + b];
                int base = i * cols - yb;
                for (int j = yb + c0; j < yb + c1; j++) {
                    y[j] += xi * w[base + j];
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
