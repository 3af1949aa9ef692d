package org.sham4j.model.runtime;

import java.util.Arrays;

/**
 * {@link Gemm} in plain Java: four rows of C at a time, each a run of {@link #BLOCK} columns kept in arrays of
 * its own that a row of B (copied, so that every array is indexed from 0 and C2 vectorises the loop) updates
 * with fused multiply-adds.
 */
final class ScalarGemm extends Gemm {
    static final ScalarGemm INSTANCE = new ScalarGemm();
    /** Columns per block: four blocks of sums and a row of B stay in L1. */
    private static final int BLOCK = 256;

    private ScalarGemm() {
    }

    @Override
    String description() {
        return "scalar (start the JVM with --add-modules jdk.incubator.vector for the Vector API)";
    }

    @Override
    void multiply(int m, int n, int depth, float[] a, int ao, int lda, float[] b, int bo, int[] rows,
                  float[] c, int co, int ldc) {
        int width = padded(n);
        float[] row = new float[Math.min(BLOCK, width)];
        float[][] acc = new float[4][row.length];
        for (int j = 0; j < width; j += BLOCK) {
            int nb = Math.min(BLOCK, width - j);
            for (int i = 0; i < m; i += 4) {
                int count = Math.min(4, m - i);
                for (float[] s : acc) {
                    Arrays.fill(s, 0, nb, 0f);
                }
                int ai = ao + i * lda;
                for (int k = 0; k < depth; k++) {
                    System.arraycopy(b, bo + rows[k] + j, row, 0, nb);
                    if (count == 4) {
                        fma4(acc[0], acc[1], acc[2], acc[3], a[ai + k], a[ai + lda + k], a[ai + 2 * lda + k],
                                a[ai + 3 * lda + k], row, nb);
                    } else {
                        for (int r = 0; r < count; r++) {
                            fma(acc[r], a[ai + r * lda + k], row, nb);
                        }
                    }
                }
                for (int r = 0; r < count; r++) {
                    System.arraycopy(acc[r], 0, c, co + (i + r) * ldc + j, nb);
                }
            }
        }
    }

    @Override
    void multiplySparse(int m, int n, int[] start, int[] index, float[] values, float[] b, int bo, int[] rows,
                        float[] c, int co, int ldc, boolean fused) {
        int width = padded(n);
        float[] acc = new float[width];
        float[] row = new float[width];
        for (int i = 0; i < m; i++) {
            Arrays.fill(acc, 0f);
            for (int p = start[i]; p < start[i + 1]; p++) {
                System.arraycopy(b, bo + rows[index[p]], row, 0, width);
                if (fused) {
                    fma(acc, values[p], row, width);
                } else {
                    addProducts(acc, values[p], row, width);
                }
            }
            System.arraycopy(acc, 0, c, co + i * ldc, width);
        }
    }

    /** s[t] = s[t] + v * x[t] (the product rounded first) for t &lt; len. */
    private static void addProducts(float[] s, float v, float[] x, int len) {
        for (int t = 0; t < len; t++) {
            s[t] += v * x[t];
        }
    }

    /** s[t] = fma(v, x[t], s[t]) for t &lt; len. */
    private static void fma(float[] s, float v, float[] x, int len) {
        for (int t = 0; t < len; t++) {
            s[t] = Math.fma(v, x[t], s[t]);
        }
    }

    /** Four rows of sums updated from one row of B, read once. */
    private static void fma4(float[] s0, float[] s1, float[] s2, float[] s3, float v0, float v1, float v2, float v3,
                             float[] x, int len) {
        for (int t = 0; t < len; t++) {
            float xv = x[t];
            s0[t] = Math.fma(v0, xv, s0[t]);
            s1[t] = Math.fma(v1, xv, s1[t]);
            s2[t] = Math.fma(v2, xv, s2[t]);
            s3[t] = Math.fma(v3, xv, s3[t]);
        }
    }
}
