package org.sham4j.core.format.csc;

import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.SparseArrays;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** A matrix in CSC: each output is a sparse dot product over one column. */
final class CscStored extends ColumnBlockedMatrix {
    private final SparseMatrix m;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final float[] values;

    CscStored(SparseMatrix m) {
        super(m.rows(), m.cols());
        this.m = m;
        this.colPtr = m.colPtr();
        this.rowIdx = m.rowIdx();
        this.values = m.values();
    }

    @Override
    public long nonZeros() {
        return m.nnz();
    }

    @Override
    public MatrixFormat format() {
        return CscFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        return m.toDense();
    }

    @Override
    protected int blockCount() {
        return evenBlockCount();
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        if (batch == 1) {
            for (int j = c0; j < c1; j++) {
                float s = 0f;
                for (int p = colPtr[j], end = colPtr[j + 1]; p < end; p++) {
                    s += xt[rowIdx[p]] * values[p];
                }
                y[j] = s;
            }
            return;
        }
        float[] acc = new float[batch];
        for (int j = c0; j < c1; j++) {
            java.util.Arrays.fill(acc, 0f);
            for (int p = colPtr[j], end = colPtr[j + 1]; p < end; p++) {
                float v = values[p];
                int base = rowIdx[p] * batch;
                for (int b = 0; b < batch; b++) {
                    acc[b] += v * xt[base + b];
                }
            }
            for (int b = 0; b < batch; b++) {
                y[b * cols + j] = acc[b];
            }
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        SparseArrays.write(out, m);
    }
}
