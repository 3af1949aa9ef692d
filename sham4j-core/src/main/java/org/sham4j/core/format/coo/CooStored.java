package org.sham4j.core.format.coo;

import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.ColumnSlices;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ProductCounts;
import org.sham4j.core.format.SizeBreakdown;
import org.sham4j.core.matrix.DenseMatrix;

/**
 * A matrix as coordinates in column order; threads take runs of whole columns. Only the coordinates are held
 * (nothing per row or column), so a file's coordinates are all that reading it allocates.
 */
final class CooStored extends ColumnBlockedMatrix {
    private final int[] rowOf;
    private final int[] colOf;
    private final float[] values;
    /** First entry of each block's columns (derived in memory, not stored). */
    private final int[] blockStart;

    /** Coordinates in column-major order, checked by the caller. */
    CooStored(int rows, int cols, int[] rowOf, int[] colOf, float[] values) {
        super(rows, cols);
        this.rowOf = rowOf;
        this.colOf = colOf;
        this.values = values;
        int blocks = evenBlockCount();
        blockStart = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++) {
            blockStart[b] = firstEntryOfColumn(evenBlockStart(b, blocks));
        }
    }

    /** Index of the first entry in column {@code j} or after it. */
    private int firstEntryOfColumn(int j) {
        int lo = 0;
        int hi = colOf.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (colOf[mid] < j) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public long nonZeros() {
        return values.length;
    }

    @Override
    public MatrixFormat format() {
        return CooFormat.INSTANCE;
    }

    @Override
    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        for (int p = 0; p < values.length; p++) {
            d.set(rowOf[p], colOf[p], values[p]);
        }
        return d;
    }

    @Override
    protected void decodeColumns(ColumnSlices out) {
        for (int q = 0; q < values.length; ) {
            int j = colOf[q];
            int p = out.column(j);
            int[] r = out.rows();
            float[] v = out.values();
            for (; q < values.length && colOf[q] == j; q++, p++) {
                r[p] = rowOf[q];
                v[p] = values[q];
            }
            out.end(p);
        }
    }

    @Override
    protected int blockCount() {
        return blockStart.length - 1;
    }

    @Override
    protected void multiplyBlock(float[] xt, int batch, float[] y, int block) {
        int c0 = evenBlockStart(block, blockCount());
        int c1 = evenBlockStart(block + 1, blockCount());
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(y, b * cols + c0, b * cols + c1, 0f);
        }
        for (int p = blockStart[block], end = blockStart[block + 1]; p < end; p++) {
            float v = values[p];
            int base = rowOf[p] * batch;
            int j = colOf[p];
            for (int b = 0; b < batch; b++) {
                y[b * cols + j] += v * xt[base + b];
            }
        }
    }

    @Override
    public void writePayload(PayloadOutput out) {
        int nnz = values.length;
        out.part(SizeBreakdown.HEADER);
        out.writeVarLong(nnz);
        out.part(SizeBreakdown.INDICES);
        out.writeInts(rowOf, 0, nnz);
        out.writeInts(colOf, 0, nnz);
        out.part(SizeBreakdown.PAYLOAD);
        out.writeFloats(values, 0, nnz);
    }

    /** Per non-zero its row, column, value and x, a product scattered into y. */
    @Override
    public OperationCounts productCounts() {
        long nnz = values.length;
        ProductCounts c = new ProductCounts(rows, cols).words("row indices", nnz, nnz)
                .words("column indices", nnz, nnz).words("values", nnz, nnz).input(nnz).scatter(nnz);
        c.counts().multiply(nnz);
        return c.build();
    }
}
