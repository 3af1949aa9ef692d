package org.sham4j.core.io;

import java.util.Arrays;
import org.sham4j.core.memory.MemoryBudgetException;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Collects the non-zero entries of a matrix being read. The arrays start small and grow with the
 * entries actually read, so a file that claims more entries than it holds cannot force a large allocation.
 */
final class TripletBuffer {
    private static final int INITIAL_LIMIT = 1 << 20;

    private int[] rows;
    private int[] cols;
    private float[] values;
    private int count;

    /** A buffer sized for {@code expected} entries, up to a bound: beyond it, arrays grow as entries come. */
    TripletBuffer(long expected) {
        int capacity = (int) Math.min(Math.max(expected, 16), INITIAL_LIMIT);
        rows = new int[capacity];
        cols = new int[capacity];
        values = new float[capacity];
    }

    /** Adds entry (i, j) unless {@code v} is zero (of either sign). */
    void add(int i, int j, float v) {
        if (v == 0f) {
            return;
        }
        if (count == rows.length) {
            int capacity = (int) Math.min(2L * count, Integer.MAX_VALUE - 8);
            rows = Arrays.copyOf(rows, capacity);
            cols = Arrays.copyOf(cols, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        rows[count] = i;
        cols[count] = j;
        values[count] = v;
        count++;
    }

    /** The matrix of the entries added; a repeated position is refused with a message naming the file. */
    SparseMatrix toMatrix(String source, int nRows, int nCols) throws InvalidInputException {
        try {
            return SparseMatrix.fromTriplets(nRows, nCols, rows, cols, values, count);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage() + " (0-based row, column)");
        } catch (MemoryBudgetException e) {
            throw new MemoryBudgetException(source + ": " + e.getMessage());
        }
    }
}
