package org.sham4j.core.matrix;

/** Argument checks shared by the matrix types and the formats. */
public final class MatrixChecks {
    /** Largest number of entries a matrix may have: a dense copy must fit one Java array. */
    public static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

    private MatrixChecks() {
    }

    /** Refuses negative shapes and shapes whose dense form does not fit in one array. */
    public static void checkShape(long rows, long cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || rows * cols > MAX_ENTRIES) {
            throw new IllegalArgumentException("shape " + rows + "x" + cols + " has more than " + MAX_ENTRIES
                    + " entries");
        }
    }

    /** Checks the arrays of a product y = x<sup>T</sup>W over a batch of {@code batch} vectors. */
    public static void checkProduct(int rows, int cols, float[] x, int batch, float[] y) {
        if (batch < 0) {
            throw new IllegalArgumentException("negative batch " + batch);
        }
        if (x.length < (long) batch * rows) {
            throw new IllegalArgumentException("x holds " + x.length + " floats, a batch of " + batch + " x "
                    + rows + " needs " + (long) batch * rows);
        }
        if (y.length < (long) batch * cols) {
            throw new IllegalArgumentException("y holds " + y.length + " floats, a batch of " + batch + " x "
                    + cols + " needs " + (long) batch * cols);
        }
    }
}
