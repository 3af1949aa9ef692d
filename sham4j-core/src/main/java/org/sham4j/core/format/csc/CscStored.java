package org.sham4j.core.format.csc;

import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.ColumnKernel;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
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

    /** The stored columns. */
    SparseMatrix matrix() {
        return m;
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
    protected void decodeColumns(ColumnSlices out) {
        for (int j = 0; j < cols; j++) {
            int p = out.column(j);
            int len = colPtr[j + 1] - colPtr[j];
            System.arraycopy(rowIdx, colPtr[j], out.rows(), p, len);
            System.arraycopy(values, colPtr[j], out.values(), p, len);
            out.end(p + len);
        }
    }

    @Override
    protected int blockCount() {
        return evenBlockCount();
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        ColumnKernel.multiply(colPtr, c0, c1 - c0, 0, rowIdx, values, xt, batch, y, cols, c0);
    }

    @Override
    public void writePayload(PayloadOutput out) {
        SparseArrays.write(out, m);
    }

    /** Column pointers, then a row index, a value and x per non-zero, into column sums. */
    @Override
    public OperationCounts productCounts() {
        long nnz = m.nnz();
        return new ProductCounts(rows, cols).words("column pointers", cols + 1L, cols + 1L)
                .words("row indices", nnz, nnz).words("values", nnz, nnz).columnSums(nnz).build();
    }
}
