package org.sham4j.core.format.im;

import org.sham4j.core.bits.ByteBits;

/**
 * The row-by-row index-map product in plain Java. One vector: two indices read from each 64-bit window (where runs
 * of zeros are likely, a window's first 57 / width indices skipped at once when all zero), each entry's value
 * multiplied by its row's input and added (scaling each row's codebook first was measured slower, 3.5 against
 * 1.8 ms on a 512 x 4096 map with JDK 17). A batch: each entry's value
 * decoded once and multiplied into the sums of every vector of the batch, held per column (zero entries skipped
 * when the matrix is sparse).
 */
final class ScalarImRowProduct extends ImRowProduct {
    static final ScalarImRowProduct INSTANCE = new ScalarImRowProduct();

    private ScalarImRowProduct() {
    }

    @Override
    void multiply(byte[] bits, int width, int rows, int cols, float[] codebook, float[] xt, int batch, float[] y,
                  int c0, int c1, double density) {
        boolean sparse = density <= SPARSE;
        if (batch == 1) {
            int zero = sparse ? zeroIndex(codebook) : -1;
            // Runs of 57 / width zeros (at least 3) are looked for when at least one window in ten would hold one.
            int run = 57 / width;
            if (zero >= 0 && run > 2 && Math.pow(1 - density, run) >= 0.1) {
                sparse(bits, width, rows, cols, codebook, zero, xt, y, c0, c1);
            } else {
                one(bits, width, rows, cols, codebook, xt, y, c0, c1);
            }
            return;
        }
        int tile = tile(c1 - c0, batch);
        float[][] acc = new float[tile][batch];
        int down = 64 - width;
        for (int j0 = c0; j0 < c1; j0 += tile) {
            int n = Math.min(tile, c1 - j0);
            for (int i = 0; i < rows; i++) {
                long pos = ((long) i * cols + j0) * width;
                int base = i * batch;
                for (int t = 0; t < n; t++, pos += width) {
                    float v = codebook[(int) (ByteBits.window(bits, pos) >>> down)];
                    if (sparse && v == 0f) {
                        continue;
                    }
                    float[] a = acc[t];
                    for (int b = 0; b < batch; b++) {
                        a[b] += v * xt[base + b];
                    }
                }
            }
            for (int t = 0; t < n; t++) {
                float[] a = acc[t];
                for (int b = 0; b < batch; b++) {
                    y[b * cols + j0 + t] = a[b];
                    a[b] = 0f;
                }
            }
        }
    }

    /** One vector: two indices per window. */
    private static void one(byte[] bits, int width, int rows, int cols, float[] codebook, float[] x, float[] y,
                            int c0, int c1) {
        int n = c1 - c0;
        float[] acc = new float[n];
        int down = 64 - width;
        int second = 64 - 2 * width;
        int mask = (1 << width) - 1;
        // A window holds 57 bits at least: two indices of up to 28 bits each.
        int pairs = 2 * width <= 57 ? n / 2 : 0;
        for (int i = 0; i < rows; i++) {
            float xi = x[i];
            long pos = ((long) i * cols + c0) * width;
            int t = 0;
            for (int q = 0; q < pairs; q++, t += 2, pos += 2 * width) {
                long window = ByteBits.window(bits, pos);
                acc[t] += xi * codebook[(int) (window >>> down)];
                acc[t + 1] += xi * codebook[(int) (window >>> second) & mask];
            }
            for (; t < n; t++, pos += width) {
                acc[t] += xi * codebook[(int) (ByteBits.window(bits, pos) >>> down)];
            }
        }
        System.arraycopy(acc, 0, y, c0, n);
    }

    /**
     * One vector of a sparse matrix (indices of at most 19 bits): a window whose first 57 / width indices are all
     * {@code zero} skips them at once, else gives two entries.
     */
    private static void sparse(byte[] bits, int width, int rows, int cols, float[] codebook, int zero, float[] x,
                               float[] y, int c0, int c1) {
        int n = c1 - c0;
        float[] acc = new float[n];
        int down = 64 - width;
        int second = 64 - 2 * width;
        int mask = (1 << width) - 1;
        int run = 57 / width;
        long zeros = 0;
        for (int q = 0; q < run; q++) {
            zeros = zeros << width | zero;
        }
        int runBits = run * width;
        int runDown = 64 - runBits;
        for (int i = 0; i < rows; i++) {
            float xi = x[i];
            long pos = ((long) i * cols + c0) * width;
            int t = 0;
            while (t + run <= n) {
                long window = ByteBits.window(bits, pos);
                if (window >>> runDown == zeros) {
                    t += run;
                    pos += runBits;
                } else {
                    acc[t] += xi * codebook[(int) (window >>> down)];
                    acc[t + 1] += xi * codebook[(int) (window >>> second) & mask];
                    t += 2;
                    pos += 2 * width;
                }
            }
            for (; t < n; t++, pos += width) {
                acc[t] += xi * codebook[(int) (ByteBits.window(bits, pos) >>> down)];
            }
        }
        System.arraycopy(acc, 0, y, c0, n);
    }
}
