package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both GEMM implementations against a double-precision sum, and against each other to the bit, on shapes that
 * cover every kernel (whole and partial blocks of rows, vectors and depth) and offsets into the arrays.
 */
class GemmTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {4, 64, 3}, {5, 70, 257}, {3, 16, 600}, {9, 130, 40}, {20, 576, 25}, {50, 64, 500},
        {7, 10, 800}, {4, 200, 1}, {13, 33, 513},
    };

    private static boolean vectorPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void theTestJvmRunsTheVectorPath() {
        assertTrue(vectorPresent(), "surefire starts the tests with --add-modules jdk.incubator.vector");
        assertTrue(Gemm.get() instanceof VectorGemm, Gemm.get().description());
    }

    @Test
    void bothImplementationsMatchTheDoubleSumAndEachOtherToTheBit() {
        Random rnd = new Random(3);
        Gemm[] all = {Gemm.scalar(), new VectorGemm()};
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int depth = s[2];
            int lda = depth + 3;
            int ldb = Gemm.padded(n) + 16;
            int ldc = Gemm.padded(n) + 32;
            int ao = 5;
            int bo = 7;
            int co = 11;
            float[] a = new float[ao + m * lda];
            float[] b = new float[bo + depth * ldb];
            for (int k = 0; k < a.length; k++) {
                a[k] = (float) rnd.nextGaussian();
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) rnd.nextGaussian();
            }
            // Rows of B in a shuffled order, as a convolution's shifted views are.
            int[] rows = Gemm.rowOffsets(depth, ldb);
            for (int k = depth - 1; k > 0; k--) {
                int r = rnd.nextInt(k + 1);
                int t = rows[k];
                rows[k] = rows[r];
                rows[r] = t;
            }
            float[][] got = new float[all.length][];
            for (int g = 0; g < all.length; g++) {
                float[] c = new float[co + m * ldc];
                Arrays.fill(c, Float.NaN);
                all[g].multiply(m, n, depth, a, ao, lda, b, bo, rows, c, co, ldc);
                got[g] = c;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double want = 0;
                        double mag = 0;
                        for (int k = 0; k < depth; k++) {
                            double p = (double) a[ao + i * lda + k] * b[bo + rows[k] + j];
                            want += p;
                            mag += Math.abs(p);
                        }
                        assertEquals(want, c[co + i * ldc + j], 1e-5 * (1 + mag), all[g].description() + " "
                                + m + "x" + n + "x" + depth + " at " + i + "," + j);
                    }
                }
                assertTrue(Float.isNaN(c[co - 1]), "nothing written before C");
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int at = co + i * ldc + j;
                    assertEquals(Float.floatToRawIntBits(got[0][at]), Float.floatToRawIntBits(got[1][at]),
                            "scalar and vector differ at " + i + "," + j + " of " + m + "x" + n + "x" + depth);
                }
            }
        }
    }

    @Test
    void sparseProductsMatchTheDoubleSumAndEachOtherToTheBit() {
        Random rnd = new Random(4);
        Gemm[] all = {Gemm.scalar(), new VectorGemm()};
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int depth = s[2];
            int ld = Gemm.padded(n) + 16;
            // Rows of A with 0 to depth entries, columns in any order (the sum follows the stored order).
            int[] start = new int[m + 1];
            List<Integer> cols = new ArrayList<>();
            List<Float> vals = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                int count = i == 0 ? 0 : rnd.nextInt(depth + 1);
                for (int e = 0; e < count; e++) {
                    cols.add(rnd.nextInt(depth));
                    vals.add((float) rnd.nextGaussian());
                }
                start[i + 1] = cols.size();
            }
            int[] index = cols.stream().mapToInt(Integer::intValue).toArray();
            float[] values = new float[vals.size()];
            for (int e = 0; e < values.length; e++) {
                values[e] = vals.get(e);
            }
            int bo = 3;
            float[] b = new float[bo + depth * ld];
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) rnd.nextGaussian();
            }
            int[] rows = Gemm.rowOffsets(depth, ld);
            for (boolean fused : new boolean[] {true, false}) {
                float[][] got = new float[all.length][];
                for (int g = 0; g < all.length; g++) {
                    float[] c = new float[m * ld];
                    all[g].multiplySparse(m, n, start, index, values, b, bo, rows, c, 0, ld, fused);
                    got[g] = c;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double want = 0;
                            double mag = 0;
                            float chain = 0f;
                            for (int p = start[i]; p < start[i + 1]; p++) {
                                float x = b[bo + rows[index[p]] + j];
                                double v = (double) values[p] * x;
                                want += v;
                                mag += Math.abs(v);
                                chain = fused ? Math.fma(values[p], x, chain) : chain + values[p] * x;
                            }
                            String what = all[g].description() + (fused ? " fused" : " unfused") + " sparse " + m
                                    + "x" + n + "x" + depth + " at " + i + "," + j;
                            assertEquals(want, c[i * ld + j], 1e-5 * (1 + mag), what);
                            assertEquals(Float.floatToRawIntBits(chain), Float.floatToRawIntBits(c[i * ld + j]),
                                    what + ": not the chain's bits");
                        }
                    }
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int at = i * ld + j;
                        assertEquals(Float.floatToRawIntBits(got[0][at]), Float.floatToRawIntBits(got[1][at]),
                                "scalar and vector sparse products differ at " + i + "," + j);
                    }
                }
            }
        }
    }
}
