package org.sham4j.core.matrix;

import java.util.Arrays;
import org.sham4j.core.memory.MemoryBudget;

/**
 * A dense n x m float32 matrix in row-major order: entry (i, j) is {@code data[i * cols + j]}.
 * Rows are the inputs of a layer and columns its outputs, so a product is y = x<sup>T</sup>W.
 */
public final class DenseMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    /** Wraps {@code data} (not copied). */
    public DenseMatrix(int rows, int cols, float[] data) {
        MatrixChecks.checkShape(rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("data holds " + data.length + " floats, shape " + rows + "x" + cols
                    + " needs " + (long) rows * cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A zero matrix; one larger than the {@link MemoryBudget} allows is refused. */
    public static DenseMatrix zeros(int rows, int cols) {
        MatrixChecks.checkShape(rows, cols);
        MemoryBudget.check(4L * rows * cols, () -> "a dense " + rows + " x " + cols + " matrix");
        return new DenseMatrix(rows, cols, new float[Math.toIntExact((long) rows * cols)]);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array, row-major (not a copy). */
    public float[] data() {
        return data;
    }

    public float get(int i, int j) {
        return data[i * cols + j];
    }

    public void set(int i, int j, float v) {
        data[i * cols + j] = v;
    }

    /** Number of entries that are not zero (negative zero counts as zero). */
    public long nonZeros() {
        long n = 0;
        for (float v : data) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    /** Bitwise equality of shape and every entry (so NaN equals NaN and -0 differs from +0). */
    public boolean bitEquals(DenseMatrix o) {
        if (rows != o.rows || cols != o.cols) {
            return false;
        }
        for (int k = 0; k < data.length; k++) {
            if (Float.floatToRawIntBits(data[k]) != Float.floatToRawIntBits(o.data[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseMatrix && bitEquals((DenseMatrix) o);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + rows + "x" + cols + "]";
    }
}
