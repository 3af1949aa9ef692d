package org.sham4j.core.io;

import java.io.IOException;

/**
 * Takes a matrix column by column, as the streaming writers do ({@link MatrixMarketWriter#sink},
 * {@link NpyWriter#fortranSink}), so that a matrix can be written without ever being held whole.
 */
public interface ColumnSink {
    /**
     * Column {@code j}'s non-zeros: {@code rows[0..count)} strictly increasing, each with its value (not zero).
     * Columns come in order, 0 to cols-1, each once.
     */
    void column(int j, int[] rows, float[] values, int count) throws IOException;

    /** Ends the matrix: every column must have come, with the announced number of non-zeros. */
    void finish() throws IOException;
}
