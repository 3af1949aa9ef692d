package org.sham4j.core.format.im;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row-by-row index-map product: the scalar kernel gives, bit for bit, each column's float sum taken down its
 * rows for every vector of a batch (the sum a single vector gets alone), and the Vector API kernel the scalar one's
 * bits, for every index width, codebook size (one to eight vectors, or too large for them), batch, column range and
 * bit alignment.
 */
class ImRowProductTest {
    /** Indices packed row by row at {@code width} bits, MSB-first, with the spare bytes the kernels read past. */
    private static byte[] pack(int[][] index, int width) {
        int rows = index.length;
        int cols = rows == 0 ? 0 : index[0].length;
        byte[] bits = new byte[(int) (((long) rows * cols * width + 7) / 8) + ImRowProduct.SPARE_BYTES];
        long pos = 0;
        for (int[] row : index) {
            for (int v : row) {
                for (int b = width - 1; b >= 0; b--, pos++) {
                    if ((v >>> b & 1) != 0) {
                        bits[(int) (pos >>> 3)] |= (byte) (0x80 >>> (pos & 7));
                    }
                }
            }
        }
        return bits;
    }

    /** y[b * cols + j] as a column's float sum down its rows, the order the kernels promise, for each vector b. */
    private static float[] columnSums(int[][] index, float[] codebook, float[] xt, int batch, int cols, int c0,
                                      int c1) {
        float[] y = new float[batch * cols];
        for (int b = 0; b < batch; b++) {
            for (int j = c0; j < c1; j++) {
                float s = 0f;
                for (int i = 0; i < index.length; i++) {
                    s += xt[i * batch + b] * codebook[index[i][j]];
                }
                y[b * cols + j] = s;
            }
        }
        return y;
    }

    private static float[] sparse(ImRowProduct kernel, byte[] bits, int width, int rows, int cols, float[] codebook,
                                  float[] xt, int batch, int c0, int c1) {
        float[] y = new float[batch * cols];
        // A density of 0 sends every kernel down its zero-skipping paths, whatever the map holds.
        kernel.multiply(bits, width, rows, cols, codebook, xt, batch, y, c0, c1, 0.0);
        return y;
    }

    private static void check(ImRowProduct kernel, Random rnd, int rows, int cols, int k, int batch, int c0, int c1) {
        int width = 32 - Integer.numberOfLeadingZeros(k - 1);
        float[] codebook = new float[k];
        for (int s = 1; s < k; s++) {
            codebook[s] = (float) rnd.nextGaussian();
        }
        int[][] index = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            // Every third row zero (value 0 is codebook[0]): runs of zero entries that a sparse product skips.
            for (int j = 0; j < cols && i % 3 != 1; j++) {
                index[i][j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(k);
            }
        }
        float[] xt = new float[rows * batch];
        for (int e = 0; e < xt.length; e++) {
            xt[e] = e % 7 == 3 ? -0f : (float) rnd.nextGaussian();
        }
        float[] y = new float[batch * cols];
        kernel.multiply(pack(index, width), width, rows, cols, codebook, xt, batch, y, c0, c1, 1.0);
        assertArrayEquals(y, sparse(kernel, pack(index, width), width, rows, cols, codebook, xt, batch, c0, c1),
                "skipping zero entries changes a sum");
        String what = kernel.getClass().getSimpleName() + " " + rows + "x" + cols + " k=" + k + " batch " + batch
                + " columns " + c0 + ".." + c1;
        assertArrayEquals(columnSums(index, codebook, xt, batch, cols, c0, c1), y, what);
    }

    private static void everyShape(ImRowProduct kernel) {
        Random rnd = new Random(42);
        for (int k : new int[] {2, 3, 8, 9, 16, 17, 31, 32, 33, 64, 65, 111, 128, 129, 300, 70_000}) {
            for (int cols : new int[] {1, 7, 8, 15, 16, 17, 33, 100, 257}) {
                for (int rows : new int[] {1, 2, 13}) {
                    for (int batch : new int[] {1, 3, 8}) {
                        check(kernel, rnd, rows, cols, k, batch, 0, cols);
                        // Columns from an odd one: rows start at every bit offset within a byte.
                        int c0 = Math.min(cols - 1, 3);
                        check(kernel, rnd, rows, cols, k, batch, c0, cols);
                        check(kernel, rnd, rows, cols, k, batch, c0, Math.max(c0, cols - 5));
                    }
                }
            }
        }
    }

    /** Batches past a tile of columns (a batch of 300 sums 64 columns per pass over the rows). */
    private static void longBatches(ImRowProduct kernel) {
        Random rnd = new Random(7);
        for (int k : new int[] {5, 20, 100}) {
            check(kernel, rnd, 9, 150, k, 300, 0, 150);
            check(kernel, rnd, 9, 150, k, 300, 1, 131);
        }
    }

    @Test
    void scalarKernelSumsEachColumnDownItsRows() {
        longBatches(ImRowProduct.scalar());
        everyShape(ImRowProduct.scalar());
    }

    @Test
    void vectorKernelGivesTheScalarBitsPermutingOrGathering() {
        for (boolean permute : new boolean[] {true, false}) {
            ImRowProduct vector = ImRowProduct.vector(permute);
            assumeTrue(vector != null && vector.usable(),
                    "the JVM lacks jdk.incubator.vector or 8-lane float vectors: the Vector API kernel is not run");
            everyShape(vector);
            longBatches(vector);
        }
    }

    @Test
    void theChosenKernelIsTheVectorOneUnlessTheVectorApiIsMissingOrSwitchedOff() {
        boolean vectorWanted = Boolean.parseBoolean(System.getProperty("sham4j.vector", "true"))
                && ImRowProduct.vector() != null && ImRowProduct.vector().usable();
        assertEquals(vectorWanted ? "VectorImRowProduct" : "ScalarImRowProduct",
                ImRowProduct.get().getClass().getSimpleName());
    }
}
