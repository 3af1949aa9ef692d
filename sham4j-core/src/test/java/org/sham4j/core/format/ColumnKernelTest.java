package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The column product gives, bit for bit, each column's float sum of its entries' terms in entry order, for one
 * vector (two columns stepped at once where columns are long, one by one where short) and for batches: columns of
 * equal and very unequal lengths, empty ones, an odd count, entries that start past {@code base}.
 */
class ColumnKernelTest {
    /** Column lengths drawn around {@code mean}, some empty, some several times longer. */
    private static int[] pointers(Random rnd, int cols, int mean, int base) {
        int[] ptr = new int[cols + 1];
        ptr[0] = base;
        for (int j = 0; j < cols; j++) {
            int len = switch (rnd.nextInt(6)) {
                case 0 -> 0;
                case 1 -> mean * (2 + rnd.nextInt(4));
                default -> rnd.nextInt(2 * mean + 1);
            };
            ptr[j + 1] = ptr[j] + len;
        }
        return ptr;
    }

    /** {@code count} row indices below {@code n}. */
    static int[] rows(Random rnd, int count, int n) {
        int[] rows = new int[count];
        for (int p = 0; p < count; p++) {
            rows[p] = rnd.nextInt(n);
        }
        return rows;
    }

    /** Values of magnitudes far apart, so that another order of their additions gives other bits. */
    static float[] spreadValues(Random rnd, int count) {
        float[] vals = new float[count];
        for (int p = 0; p < count; p++) {
            vals[p] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
        }
        return vals;
    }

    static float[] gaussians(Random rnd, int count) {
        float[] v = new float[count];
        for (int e = 0; e < count; e++) {
            v[e] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static float[] expected(int[] ptr, int base, int[] rows, float[] vals, float[] xt, int batch) {
        int cols = ptr.length - 1;
        float[] y = new float[batch * cols];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < cols; j++) {
                float s = 0f;
                for (int p = ptr[j] - base; p < ptr[j + 1] - base; p++) {
                    s += vals[p] * xt[rows[p] * batch + b];
                }
                y[b * cols + j] = s;
            }
        }
        return y;
    }

    @Test
    void sumsEveryColumnInEntryOrder() {
        Random rnd = new Random(42);
        for (int mean : new int[] {1, 6, 30, 47, 48, 49, 100, 400}) {
            for (int cols : new int[] {1, 2, 7, 64}) {
                int base = rnd.nextInt(5);
                int n = 300;
                int[] ptr = pointers(rnd, cols, mean, base);
                int nnz = ptr[cols] - base;
                int[] rows = rows(rnd, nnz, n);
                float[] vals = spreadValues(rnd, nnz);
                for (int batch : new int[] {1, 3, 8}) {
                    float[] xt = gaussians(rnd, n * batch);
                    float[] y = new float[batch * cols];
                    Arrays.fill(y, Float.NaN);
                    ColumnKernel.multiply(ptr, 0, cols, base, rows, vals, xt, batch, y, cols, 0);
                    assertArrayEquals(expected(ptr, base, rows, vals, xt, batch), y,
                            "mean " + mean + ", " + cols + " columns, batch " + batch);
                }
            }
        }
    }

    @Test
    void multipliesARangeOfColumnsIntoItsPlace() {
        Random rnd = new Random(7);
        int cols = 9;
        int[] ptr = pointers(rnd, cols, 80, 0);
        int nnz = ptr[cols];
        int[] rows = rows(rnd, nnz, 50);
        float[] vals = gaussians(rnd, nnz);
        float[] xt = gaussians(rnd, 50);
        float[] all = expected(ptr, 0, rows, vals, xt, 1);
        float[] y = new float[cols];
        ColumnKernel.multiply(ptr, 3, 5, 0, rows, vals, xt, 1, y, cols, 3);
        assertArrayEquals(Arrays.copyOfRange(all, 3, 8), Arrays.copyOfRange(y, 3, 8));
        assertArrayEquals(new float[3], Arrays.copyOfRange(y, 0, 3), "columns before the range untouched");
    }
}
