package org.sham4j.model.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the Vector API: a micro-kernel keeps a 4 x 4-vector block of C in registers (16 sums of up to
 * 16 floats) while it runs down {@link #DEPTH_BLOCK} rows of A's columns and B's rows, loading each B vector once
 * for four rows and each A entry once for four vectors. Blocks of fewer rows or vectors run narrower kernels.
 * Loaded only by name ({@link Gemm#get}), so the runtime links without the module.
 */
final class VectorGemm extends Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Depth of one pass: a 4-vector column block of B over this many rows stays in L2. */
    private static final int DEPTH_BLOCK = 256;

    @Override
    boolean usable() {
        return L >= 4 && PAD % L == 0;
    }

    @Override
    String description() {
        return "Vector API, " + L + " floats a vector";
    }

    @Override
    void multiply(int m, int n, int depth, float[] a, int ao, int lda, float[] b, int bo, int[] rows,
                  float[] c, int co, int ldc) {
        int vectors = padded(n) / L;
        for (int k0 = 0; k0 < depth; k0 += DEPTH_BLOCK) {
            int kc = Math.min(DEPTH_BLOCK, depth - k0);
            boolean add = k0 > 0;
            for (int v = 0; v < vectors; v += 4) {
                int j = v * L;
                int bi = bo + j;
                boolean whole = v + 4 <= vectors;
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int ai = ao + i * lda + k0;
                    int ci = co + i * ldc + j;
                    if (whole) {
                        k4x4(kc, a, ai, lda, b, bi, rows, k0, c, ci, ldc, add);
                    } else {
                        for (int u = v; u < vectors; u++) {
                            k4x1(kc, a, ai, lda, b, bi + (u - v) * L, rows, k0, c, ci + (u - v) * L, ldc, add);
                        }
                    }
                }
                for (; i < m; i++) {
                    int ai = ao + i * lda + k0;
                    int ci = co + i * ldc + j;
                    if (whole) {
                        k1x4(kc, a, ai, b, bi, rows, k0, c, ci, add);
                    } else {
                        for (int u = v; u < vectors; u++) {
                            k1x1(kc, a, ai, b, bi + (u - v) * L, rows, k0, c, ci + (u - v) * L, add);
                        }
                    }
                }
            }
        }
    }

    /**
     * Four vectors of columns at a time, outermost, so that those columns of B (all its rows) stay in L2 while
     * every row of A runs over them.
     */
    @Override
    void multiplySparse(int m, int n, int[] start, int[] index, float[] values, float[] b, int bo, int[] rows,
                        float[] c, int co, int ldc, boolean fused) {
        int vectors = padded(n) / L;
        int v = 0;
        for (; v + 4 <= vectors; v += 4) {
            int j = bo + v * L;
            for (int i = 0; i < m; i++) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = start[i], p1 = start[i + 1]; p < p1; p++) {
                    FloatVector x = FloatVector.broadcast(S, values[p]);
                    int bk = j + rows[index[p]];
                    s0 = term(FloatVector.fromArray(S, b, bk), x, s0, fused);
                    s1 = term(FloatVector.fromArray(S, b, bk + L), x, s1, fused);
                    s2 = term(FloatVector.fromArray(S, b, bk + 2 * L), x, s2, fused);
                    s3 = term(FloatVector.fromArray(S, b, bk + 3 * L), x, s3, fused);
                }
                int cv = co + i * ldc + v * L;
                s0.intoArray(c, cv);
                s1.intoArray(c, cv + L);
                s2.intoArray(c, cv + 2 * L);
                s3.intoArray(c, cv + 3 * L);
            }
        }
        for (; v < vectors; v++) {
            int j = bo + v * L;
            for (int i = 0; i < m; i++) {
                FloatVector s = FloatVector.zero(S);
                for (int p = start[i], p1 = start[i + 1]; p < p1; p++) {
                    s = term(FloatVector.fromArray(S, b, j + rows[index[p]]), FloatVector.broadcast(S, values[p]), s,
                            fused);
                }
                s.intoArray(c, co + i * ldc + v * L);
            }
        }
    }

    /** s + a x: fused, or with a x rounded first (the branch is the same for a whole product). */
    private static FloatVector term(FloatVector a, FloatVector x, FloatVector s, boolean fused) {
        return fused ? a.fma(x, s) : s.add(a.mul(x));
    }

    private static FloatVector start(float[] c, int at, boolean add) {
        return add ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S);
    }

    /** Four rows by four vectors. */
    private static void k4x4(int kc, float[] a, int ai, int lda, float[] b, int bi, int[] rows, int k0, float[] c,
                             int ci, int ldc, boolean add) {
        int c1 = ci + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00 = start(c, ci, add);
        FloatVector s01 = start(c, ci + L, add);
        FloatVector s02 = start(c, ci + 2 * L, add);
        FloatVector s03 = start(c, ci + 3 * L, add);
        FloatVector s10 = start(c, c1, add);
        FloatVector s11 = start(c, c1 + L, add);
        FloatVector s12 = start(c, c1 + 2 * L, add);
        FloatVector s13 = start(c, c1 + 3 * L, add);
        FloatVector s20 = start(c, c2, add);
        FloatVector s21 = start(c, c2 + L, add);
        FloatVector s22 = start(c, c2 + 2 * L, add);
        FloatVector s23 = start(c, c2 + 3 * L, add);
        FloatVector s30 = start(c, c3, add);
        FloatVector s31 = start(c, c3 + L, add);
        FloatVector s32 = start(c, c3 + 2 * L, add);
        FloatVector s33 = start(c, c3 + 3 * L, add);
        int a1 = ai + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int k = 0; k < kc; k++) {
            int bk = bi + rows[k0 + k];
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bk + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai + k]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, a[a1 + k]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, a[a2 + k]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, a[a3 + k]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
            s33 = b3.fma(x, s33);
        }
        s00.intoArray(c, ci);
        s01.intoArray(c, ci + L);
        s02.intoArray(c, ci + 2 * L);
        s03.intoArray(c, ci + 3 * L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s12.intoArray(c, c1 + 2 * L);
        s13.intoArray(c, c1 + 3 * L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s22.intoArray(c, c2 + 2 * L);
        s23.intoArray(c, c2 + 3 * L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
        s32.intoArray(c, c3 + 2 * L);
        s33.intoArray(c, c3 + 3 * L);
    }

    /** Four rows by one vector. */
    private static void k4x1(int kc, float[] a, int ai, int lda, float[] b, int bi, int[] rows, int k0, float[] c,
                             int ci, int ldc, boolean add) {
        FloatVector s0 = start(c, ci, add);
        FloatVector s1 = start(c, ci + ldc, add);
        FloatVector s2 = start(c, ci + 2 * ldc, add);
        FloatVector s3 = start(c, ci + 3 * ldc, add);
        for (int k = 0; k < kc; k++) {
            FloatVector bv = FloatVector.fromArray(S, b, bi + rows[k0 + k]);
            s0 = bv.fma(FloatVector.broadcast(S, a[ai + k]), s0);
            s1 = bv.fma(FloatVector.broadcast(S, a[ai + lda + k]), s1);
            s2 = bv.fma(FloatVector.broadcast(S, a[ai + 2 * lda + k]), s2);
            s3 = bv.fma(FloatVector.broadcast(S, a[ai + 3 * lda + k]), s3);
        }
        s0.intoArray(c, ci);
        s1.intoArray(c, ci + ldc);
        s2.intoArray(c, ci + 2 * ldc);
        s3.intoArray(c, ci + 3 * ldc);
    }

    /** One row by four vectors. */
    private static void k1x4(int kc, float[] a, int ai, float[] b, int bi, int[] rows, int k0, float[] c, int ci,
                             boolean add) {
        FloatVector s0 = start(c, ci, add);
        FloatVector s1 = start(c, ci + L, add);
        FloatVector s2 = start(c, ci + 2 * L, add);
        FloatVector s3 = start(c, ci + 3 * L, add);
        for (int k = 0; k < kc; k++) {
            int bk = bi + rows[k0 + k];
            FloatVector x = FloatVector.broadcast(S, a[ai + k]);
            s0 = FloatVector.fromArray(S, b, bk).fma(x, s0);
            s1 = FloatVector.fromArray(S, b, bk + L).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, bk + 2 * L).fma(x, s2);
            s3 = FloatVector.fromArray(S, b, bk + 3 * L).fma(x, s3);
        }
        s0.intoArray(c, ci);
        s1.intoArray(c, ci + L);
        s2.intoArray(c, ci + 2 * L);
        s3.intoArray(c, ci + 3 * L);
    }

    /** One row by one vector. */
    private static void k1x1(int kc, float[] a, int ai, float[] b, int bi, int[] rows, int k0, float[] c, int ci,
                             boolean add) {
        FloatVector s = start(c, ci, add);
        for (int k = 0; k < kc; k++) {
            s = FloatVector.fromArray(S, b, bi + rows[k0 + k]).fma(FloatVector.broadcast(S, a[ai + k]), s);
        }
        s.intoArray(c, ci);
    }
}
