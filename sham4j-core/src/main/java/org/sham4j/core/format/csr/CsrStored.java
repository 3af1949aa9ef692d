package org.sham4j.core.format.csr;

import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.RowBlockedMatrix;
import org.sham4j.core.format.SparseArrays;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/** A matrix in CSR, held as the CSC arrays of its transpose: products scatter each row. */
final class CsrStored extends RowBlockedMatrix {
    private final SparseMatrix t;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] values;

    /** @param transposed the CSC of W<sup>T</sup> */
    CsrStored(SparseMatrix transposed) {
        super(transposed.cols(), transposed.rows());
        this.t = transposed;
        this.rowPtr = transposed.colPtr();
        this.colIdx = transposed.rowIdx();
        this.values = transposed.values();
    }

    @Override
    public long nonZeros() {
        return t.nnz();
    }

    @Override
    public MatrixFormat format() {
        return CsrFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        return t.transpose().toDense();
    }

    @Override
    protected void accumulateRows(float[] xt, int batch, float[] acc, int from, int to) {
        if (batch == 1) {
            for (int i = from; i < to; i++) {
                float xi = xt[i];
                for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                    acc[colIdx[p]] += xi * values[p];
                }
            }
            return;
        }
        for (int i = from; i < to; i++) {
            int xb = i * batch;
            for (int p = rowPtr[i], end = rowPtr[i + 1]; p < end; p++) {
                float v = values[p];
                int base = colIdx[p] * batch;
                for (int b = 0; b < batch; b++) {
                    acc[base + b] += v * xt[xb + b];
                }
            }
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        SparseArrays.write(out, t);
    }

    /** Row pointers and x once per row, then a column index, a value and a product per non-zero, scattered. */
    @Override
    public OperationCounts productCounts() {
        long nnz = t.nnz();
        ProductCounts c = new ProductCounts(rows, cols).words("row pointers", rows + 1L, rows + 1L).input(rows)
                .words("column indices", nnz, nnz).words("values", nnz, nnz).scatter(nnz);
        c.counts().multiply(nnz);
        return c.build();
    }
}
