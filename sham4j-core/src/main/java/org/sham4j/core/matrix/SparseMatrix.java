package org.sham4j.core.matrix;

import java.util.Arrays;
import org.sham4j.core.memory.MemoryBudget;

/**
 * An immutable n x m float32 matrix held by its non-zero entries in compressed sparse column order:
 * the entries of column j are at positions {@code colPtr[j] .. colPtr[j+1]-1}, with strictly increasing
 * row indices. Zeros (either sign) are never stored. This is the common input of every format.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final float[] values;

    private SparseMatrix(int rows, int cols, int[] colPtr, int[] rowIdx, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.values = values;
    }

    /**
     * Builds from CSC arrays, which are validated: every pointer in 0..nnz and none below the one before it,
     * rows in range and strictly increasing within a column, no stored zero; anything else is an
     * IllegalArgumentException. The arrays are not copied unless they are longer than nnz (then the first nnz
     * entries are).
     */
    public static SparseMatrix ofCsc(int rows, int cols, int[] colPtr, int[] rowIdx, float[] values) {
        MatrixChecks.checkShape(rows, cols);
        if (colPtr.length != cols + 1 || colPtr[0] != 0) {
            throw new IllegalArgumentException("column pointers must have cols+1 entries starting at 0");
        }
        int nnz = colPtr[cols];
        if (nnz < 0 || rowIdx.length < nnz || values.length < nnz) {
            throw new IllegalArgumentException("nnz " + nnz + " is negative or more than the " + rowIdx.length
                    + " row indices and " + values.length + " values");
        }
        for (int j = 0; j < cols; j++) {
            if (colPtr[j + 1] < colPtr[j] || colPtr[j + 1] > nnz) {
                throw new IllegalArgumentException("column pointer " + colPtr[j + 1] + " at column " + (j + 1)
                        + " is below the one before it or above nnz " + nnz);
            }
        }
        for (int j = 0; j < cols; j++) {
            int prev = -1;
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) {
                int i = rowIdx[p];
                if (i <= prev || i >= rows) {
                    throw new IllegalArgumentException("row index " + i + " out of order or range in column " + j);
                }
                if (values[p] == 0f) {
                    throw new IllegalArgumentException("stored zero at (" + i + ", " + j + ")");
                }
                prev = i;
            }
        }
        return new SparseMatrix(rows, cols, colPtr, rowIdx.length == nnz ? rowIdx : Arrays.copyOf(rowIdx, nnz),
                values.length == nnz ? values : Arrays.copyOf(values, nnz));
    }

    /**
     * As {@link #ofCsc}, after sorting in place, by row, the columns whose rows are out of order (a repeated
     * position is an IllegalArgumentException): for readers that place entries in file order.
     */
    public static SparseMatrix ofCscSorting(int rows, int cols, int[] colPtr, int[] rowIdx, float[] values) {
        MatrixChecks.checkShape(rows, cols);
        if (colPtr.length != cols + 1 || colPtr[0] != 0) {
            throw new IllegalArgumentException("column pointers must have cols+1 entries starting at 0");
        }
        for (int j = 0; j < cols; j++) {
            if (colPtr[j + 1] < colPtr[j] || colPtr[j + 1] > Math.min(rowIdx.length, values.length)) {
                throw new IllegalArgumentException("column pointer " + colPtr[j + 1] + " at column " + (j + 1)
                        + " is below the one before it or past the entries");
            }
        }
        for (int j = 0; j < cols; j++) {
            sortColumn(rowIdx, values, colPtr[j], colPtr[j + 1], j);
        }
        return ofCsc(rows, cols, colPtr, rowIdx, values);
    }

    /** Collects the non-zeros of a dense matrix. Negative zero is dropped like positive zero. */
    public static SparseMatrix fromDense(DenseMatrix d) {
        int n = d.rows();
        int m = d.cols();
        float[] a = d.data();
        int[] colPtr = new int[m + 1];
        for (int i = 0; i < n; i++) {
            int base = i * m;
            for (int j = 0; j < m; j++) {
                if (a[base + j] != 0f) {
                    colPtr[j + 1]++;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        int nnz = colPtr[m];
        int[] rowIdx = new int[nnz];
        float[] values = new float[nnz];
        int[] next = Arrays.copyOf(colPtr, m);
        for (int i = 0; i < n; i++) {
            int base = i * m;
            for (int j = 0; j < m; j++) {
                float v = a[base + j];
                if (v != 0f) {
                    int p = next[j]++;
                    rowIdx[p] = i;
                    values[p] = v;
                }
            }
        }
        return new SparseMatrix(n, m, colPtr, rowIdx, values);
    }

    /**
     * Builds from coordinate triplets in any order. Entries of equal position are refused, as are
     * out-of-range indices; zeros are dropped.
     */
    public static SparseMatrix fromTriplets(int rows, int cols, int[] ti, int[] tj, float[] tv, int count) {
        MatrixChecks.checkShape(rows, cols);
        MemoryBudget.check(4L * cols + 4, () -> "the column pointers of a " + rows + " x " + cols + " matrix");
        int[] colPtr = new int[cols + 1];
        for (int t = 0; t < count; t++) {
            if (ti[t] < 0 || ti[t] >= rows || tj[t] < 0 || tj[t] >= cols) {
                throw new IllegalArgumentException("entry (" + ti[t] + ", " + tj[t] + ") outside " + rows + "x" + cols);
            }
            if (tv[t] != 0f) {
                colPtr[tj[t] + 1]++;
            }
        }
        for (int j = 0; j < cols; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        int nnz = colPtr[cols];
        int[] rowIdx = new int[nnz];
        float[] values = new float[nnz];
        int[] next = Arrays.copyOf(colPtr, cols);
        for (int t = 0; t < count; t++) {
            if (tv[t] != 0f) {
                int p = next[tj[t]]++;
                rowIdx[p] = ti[t];
                values[p] = tv[t];
            }
        }
        for (int j = 0; j < cols; j++) {
            sortColumn(rowIdx, values, colPtr[j], colPtr[j + 1], j);
        }
        return new SparseMatrix(rows, cols, colPtr, rowIdx, values);
    }

    private static void sortColumn(int[] rowIdx, float[] values, int from, int to, int j) {
        boolean sorted = true;
        for (int p = from + 1; p < to; p++) {
            if (rowIdx[p] <= rowIdx[p - 1]) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return;
        }
        long[] keyed = new long[to - from];
        for (int p = from; p < to; p++) {
            keyed[p - from] = ((long) rowIdx[p] << 32) | (Float.floatToRawIntBits(values[p]) & 0xffffffffL);
        }
        Arrays.sort(keyed);
        for (int p = from; p < to; p++) {
            long k = keyed[p - from];
            rowIdx[p] = (int) (k >>> 32);
            values[p] = Float.intBitsToFloat((int) k);
            if (p > from && rowIdx[p] == rowIdx[p - 1]) {
                throw new IllegalArgumentException("duplicate entry (" + rowIdx[p] + ", " + j + ")");
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of stored (non-zero) entries. */
    public int nnz() {
        return colPtr[cols];
    }

    /** Column pointers, cols+1 entries (not a copy: do not modify). */
    public int[] colPtr() {
        return colPtr;
    }

    /** Row index of each non-zero in CSC order (not a copy: do not modify). */
    public int[] rowIdx() {
        return rowIdx;
    }

    /** Value of each non-zero in CSC order (not a copy: do not modify). */
    public float[] values() {
        return values;
    }

    /** Number of entries n * m. */
    public long entries() {
        return (long) rows * cols;
    }

    public DenseMatrix toDense() {
        DenseMatrix d = DenseMatrix.zeros(rows, cols);
        float[] a = d.data();
        for (int j = 0; j < cols; j++) {
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) {
                a[rowIdx[p] * cols + j] = values[p];
            }
        }
        return d;
    }

    /** The transpose, as CSC of W<sup>T</sup> (equivalently, CSR of W). */
    public SparseMatrix transpose() {
        int nnz = nnz();
        int[] tPtr = new int[rows + 1];
        for (int p = 0; p < nnz; p++) {
            tPtr[rowIdx[p] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            tPtr[i + 1] += tPtr[i];
        }
        int[] tIdx = new int[nnz];
        float[] tVal = new float[nnz];
        int[] next = Arrays.copyOf(tPtr, rows);
        for (int j = 0; j < cols; j++) {
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) {
                int q = next[rowIdx[p]]++;
                tIdx[q] = j;
                tVal[q] = values[p];
            }
        }
        return new SparseMatrix(cols, rows, tPtr, tIdx, tVal);
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + rows + "x" + cols + ", nnz=" + nnz() + "]";
    }
}
