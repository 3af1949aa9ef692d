package org.sham4j.core.format;

import org.sham4j.core.matrix.MatrixChecks;

/**
 * Base of the formats whose products split into blocks, of columns ({@link ColumnBlockedMatrix}) or of rows
 * ({@link RowBlockedMatrix}), for threads: holds the shape that products check their arguments against.
 */
public abstract class BlockedMatrix implements CompressedMatrix {
    protected final int rows;
    protected final int cols;

    protected BlockedMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    /** Checks the arguments of a product of {@code batch} vectors against the shape. */
    protected final void checkProduct(float[] x, int batch, float[] y) {
        MatrixChecks.checkProduct(rows, cols, x, batch, y);
    }
}
