package org.sham4j.core.format;

/**
 * A matrix's columns decoded a slice at a time into small reusable CSC arrays, so that a batch product can run a
 * fast kernel on decoded columns without ever holding the whole matrix decoded: the format writes each column's
 * non-zeros, in order, straight into the arrays ({@link #column}, {@link #end}), and each slice of consecutive
 * whole columns goes to the handler as soon as the next column might not fit. A slice holds at most
 * {@code capacity} columns and {@code capacity} non-zeros (the arrays are as long as the matrix's rows when it
 * has more): they take 12 * capacity bytes, or 4 * capacity + 8 * rows, whatever the matrix's number of
 * non-zeros. Not thread-safe: one per thread.
 */
public final class ColumnSlices {
    /** Takes one slice; its arrays are reused once it returns. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Columns {@code first .. first + count - 1}: column first + k has the non-zeros
         * {@code start[k] .. start[k + 1] - 1} of {@code rows} (ascending) and {@code values}.
         */
        void slice(int first, int count, int[] start, int[] rows, float[] values);
    }

    private final int capacity;
    private final int[] start;
    private int[] rowIdx;
    private float[] values;
    private Handler handler;
    /** Rows of the matrix being decoded: the room a column may need. */
    private int rows;
    /** First column of the slice being filled. */
    private int first;
    /** Columns first .. col - 1 are complete; start[col - first] is where column col begins. */
    private int col;
    private int size;

    /** Slices of at most {@code capacity} columns and non-zeros (a longer column goes alone). */
    public ColumnSlices(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.start = new int[capacity + 1];
        this.rowIdx = new int[capacity];
        this.values = new float[capacity];
    }

    /** Bytes of the arrays now: 12 * capacity, or 8 * rows more for a matrix of more rows than capacity. */
    public long bytes() {
        return 4L * start.length + 4L * rowIdx.length + 4L * values.length;
    }

    /** Hands every column of {@code m}, 0 to cols - 1, to {@code handler} in slices, in order. */
    public void decode(ColumnBlockedMatrix m, Handler handler) {
        this.handler = handler;
        this.rows = m.rows();
        if (rowIdx.length < rows) {
            rowIdx = new int[rows];
            values = new float[rows];
        }
        first = 0;
        col = 0;
        size = 0;
        start[0] = 0;
        try {
            m.decodeColumns(this);
            completeThrough(m.cols());
            if (col > first) {
                flush();
            }
        } finally {
            this.handler = null;
        }
    }

    /**
     * Starts column {@code j} (after every column before it, which had no non-zeros if not started): returns the
     * index of {@link #rows()} and {@link #values()} where its non-zeros go, with room for one per row of the
     * matrix; {@link #end} closes it. Called by a format's {@link ColumnBlockedMatrix#decodeColumns}.
     */
    public int column(int j) {
        completeThrough(j);
        if (size + rows > rowIdx.length) {
            flush();
        }
        return size;
    }

    /** The row indices of the slice being filled: a column's go from {@link #column}'s index, ascending. */
    public int[] rows() {
        return rowIdx;
    }

    /** The values of the slice being filled, beside {@link #rows()} (never zero). */
    public float[] values() {
        return values;
    }

    /** Ends the column started last, whose non-zeros end just before index {@code end}. */
    public void end(int end) {
        size = end;
        completeThrough(col + 1);
    }

    /** Completes columns col .. j - 1 (with the entries up to size), handing over every full slice. */
    private void completeThrough(int j) {
        while (col < j) {
            col++;
            start[col - first] = size;
            if (col - first == capacity || size == rowIdx.length) {
                flush();
            }
        }
    }

    /** Hands over the complete columns and starts the next slice at col. */
    private void flush() {
        if (col > first) {
            handler.slice(first, col - first, start, rowIdx, values);
        }
        first = col;
        size = 0;
        start[0] = 0;
    }
}
