package org.sham4j.core.format;

import java.util.Arrays;

/**
 * Base of formats whose columns can be decoded independently in blocks of consecutive columns: each
 * thread computes whole output columns, so single- and multi-threaded products give the same bits.
 */
public abstract class ColumnBlockedMatrix extends BlockedMatrix {
    /** Blocks a format with free column access splits into: enough to balance any small pool. */
    protected static final int DEFAULT_BLOCKS = 64;

    protected ColumnBlockedMatrix(int rows, int cols) {
        super(rows, cols);
    }

    /**
     * Hands every non-zero to {@code out} ({@link ColumnSlices#add}) in column-major order: columns ascending,
     * rows ascending within a column, each with its value (never zero).
     */
    protected abstract void decodeColumns(ColumnSlices out);

    /** Number of column blocks. */
    protected abstract int blockCount();

    /**
     * Writes y[b*cols + j] = sum over i of xt[i*batch + b] * W[i][j] for every column j of the block and
     * every b &lt; batch, where xt is the interleaved batch ({@link BatchLayout#interleave}).
     */
    protected abstract void multiplyBlock(float[] xt, int batch, float[] y, int block);

    /**
     * Multiplies blocks {@code first .. last - 1} as {@link #multiplyBlock} does; a format that decodes several
     * blocks in one loop, so that their dependency chains overlap, overrides it.
     */
    protected void multiplyBlocks(float[] xt, int batch, float[] y, int first, int last) {
        for (int b = first; b < last; b++) {
            multiplyBlock(xt, batch, y, b);
        }
    }

    /** Adds v times row {@code row} of the interleaved batch to the column sums {@code acc}. */
    protected static void addScaledRow(float[] acc, float v, float[] xt, int row, int batch) {
        int base = row * batch;
        for (int b = 0; b < batch; b++) {
            acc[b] += v * xt[base + b];
        }
    }

    /** Writes the column sums of a batch to column j of y and clears them for the next column. */
    protected final void storeColumn(float[] acc, int batch, float[] y, int j) {
        for (int b = 0; b < batch; b++) {
            y[b * cols + j] = acc[b];
            acc[b] = 0f;
        }
    }

    /** First column of block {@code block} for blocks of near-equal width. */
    protected final int evenBlockStart(int block, int blocks) {
        return (int) ((long) cols * block / blocks);
    }

    /** Block count for formats that can start decoding at any column. */
    protected final int evenBlockCount() {
        return Math.max(1, Math.min(cols, DEFAULT_BLOCKS));
    }

    /**
     * Block count for formats whose kernels stream along rows of columns (dense): blocks at least
     * {@code minWidth} columns wide, so inner loops stay long.
     */
    protected final int wideBlockCount(int minWidth) {
        return Math.max(1, Math.min(DEFAULT_BLOCKS, cols / minWidth));
    }

    @Override
    public final void multiply(float[] x, int batch, float[] y) {
        checkProduct(x, batch, y);
        if (clearIfEmpty(batch, y)) {
            return;
        }
        float[] xt = BatchLayout.interleave(x, batch, rows);
        multiplyBlocks(xt, batch, y, 0, blockCount());
    }

    @Override
    public final void multiply(float[] x, int batch, float[] y, ProductExecutor executor) {
        checkProduct(x, batch, y);
        if (clearIfEmpty(batch, y)) {
            return;
        }
        float[] xt = BatchLayout.interleave(x, batch, rows);
        int n = blockCount();
        executor.run((n + 1) / 2, t -> multiplyBlocks(xt, batch, y, 2 * t, Math.min(n, 2 * t + 2)));
    }

    private boolean clearIfEmpty(int batch, float[] y) {
        if (rows == 0 || cols == 0) {
            Arrays.fill(y, 0, batch * cols, 0f);
            return true;
        }
        return batch == 0;
    }
}
