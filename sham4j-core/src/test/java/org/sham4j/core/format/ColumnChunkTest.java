package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Columns fed entry by entry to a chunk give, bit for bit, each column's float sum of its terms in entry order,
 * as the whole matrix in one {@link ColumnKernel} call does: runs of empty columns longer than a chunk, a column
 * longer than a chunk, columns after a first column other than 0, batches of 1, 3 and 8.
 */
class ColumnChunkTest {
    @Test
    void givesTheColumnKernelsBitsWhateverTheChunking() {
        Random rnd = new Random(7);
        int n = 500;
        int cols = 3000;
        int first = 11;
        int totalCols = first + cols + 5;
        int[] ptr = new int[cols + 1];
        for (int j = 0; j < cols; j++) {
            int len = j == 1500 ? 2600 : j >= 100 && j < 1400 ? 0 : rnd.nextInt(40);
            ptr[j + 1] = ptr[j] + len;
        }
        int nnz = ptr[cols];
        int[] rows = ColumnKernelTest.rows(rnd, nnz, n);
        float[] vals = ColumnKernelTest.spreadValues(rnd, nnz);
        for (int batch : new int[] {1, 3, 8}) {
            float[] xt = ColumnKernelTest.gaussians(rnd, n * batch);
            float[] expected = new float[batch * totalCols];
            float[] actual = new float[batch * totalCols];
            Arrays.fill(expected, Float.NaN);
            Arrays.fill(actual, Float.NaN);
            ColumnKernel.multiply(ptr, 0, cols, 0, rows, vals, xt, batch, expected, totalCols, first);
            ColumnChunk chunk = new ColumnChunk(xt, batch, actual, totalCols, first);
            for (int j = 0; j < cols; j++) {
                for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                    chunk.add(rows[p], vals[p]);
                }
                chunk.endColumn();
            }
            chunk.flush();
            assertArrayEquals(expected, actual, "batch " + batch);
        }
    }
}
