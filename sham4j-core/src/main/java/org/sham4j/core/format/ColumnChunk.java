package org.sham4j.core.format;

import java.util.Arrays;

/**
 * Whole columns decoded entry by entry and multiplied with a batch by {@link ColumnKernel} a run of columns at a
 * time, so that a format whose stream yields one non-zero after another keeps a batch's sums in registers.
 */
public final class ColumnChunk {
    /** Entries gathered before a run of columns is multiplied: its buffers stay in L1. */
    private static final int ENTRIES = 1024;

    private final float[] xt;
    private final int batch;
    private final float[] y;
    private final int cols;
    private final int[] ptr = new int[ENTRIES + 1];
    private int[] rows = new int[ENTRIES];
    private float[] vals = new float[ENTRIES];
    private int entries;
    private int columns;
    private int firstCol;

    /** A chunk writing y[b*cols + j] for the columns j from {@code firstCol} on, as {@link ColumnKernel} does. */
    public ColumnChunk(float[] xt, int batch, float[] y, int cols, int firstCol) {
        this.xt = xt;
        this.batch = batch;
        this.y = y;
        this.cols = cols;
        this.firstCol = firstCol;
    }

    /** Adds the next non-zero of the current column. */
    public void add(int row, float value) {
        if (entries == rows.length) {
            rows = Arrays.copyOf(rows, 2 * entries);
            vals = Arrays.copyOf(vals, 2 * entries);
        }
        rows[entries] = row;
        vals[entries++] = value;
    }

    /** Ends the current column (it may be empty); the next one follows it. */
    public void endColumn() {
        ptr[++columns] = entries;
        if (entries >= ENTRIES || columns == ENTRIES) {
            flush();
        }
    }

    /** Multiplies the ended columns not yet multiplied. */
    public void flush() {
        if (columns > 0) {
            ColumnKernel.multiply(ptr, 0, columns, 0, rows, vals, xt, batch, y, cols, firstCol);
        }
        firstCol += columns;
        columns = 0;
        entries = 0;
    }
}
