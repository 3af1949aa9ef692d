package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.DenseMatrix;

class MatrixCompressionTest {

    @Test
    void prunesThenQuantizes() {
        DenseMatrix m = new DenseMatrix(60, 50, TestWeights.laplacian(3000, 0.1, 5));
        float[] original = m.data().clone();
        MatrixCompression.Result r = MatrixCompression.apply(m, 70, QuantizerSpec.parse("cws:16"));
        assertEquals(70, r.sparsity(), 100.0 / 3000);
        assertEquals("cws-linear", r.quantizer());
        assertTrue(r.k() <= 16 && r.k() > 8);
        assertTrue(r.entropy() > 0 && r.entropy() <= 4);
        assertTrue(r.nanos() > 0);
        float[] w = r.matrix().data();
        double sse = 0;
        java.util.Set<Float> values = new java.util.HashSet<>();
        for (int i = 0; i < w.length; i++) {
            sse += ((double) original[i] - w[i]) * ((double) original[i] - w[i]);
            if (w[i] != 0f) {
                values.add(w[i]);
            }
        }
        assertEquals(r.k(), values.size());
        assertEquals(sse / w.length, r.mse(), 1e-12);
        assertTrue(java.util.Arrays.equals(original, m.data()), "input modified");
    }

    @Test
    void pruningAloneAndUnified() {
        DenseMatrix a = new DenseMatrix(10, 10, TestWeights.gaussian(100, 1, 1));
        DenseMatrix b = new DenseMatrix(20, 5, TestWeights.gaussian(100, 1, 2));
        MatrixCompression.Result p = MatrixCompression.apply(a, 50, null);
        assertEquals("none", p.quantizer());
        assertEquals(50, p.sparsity());
        List<MatrixCompression.Result> rs = MatrixCompression.applyUnified(List.of(a, b), 20,
                QuantizerSpec.parse("pws:4"));
        assertEquals(2, rs.size());
        assertEquals(rs.get(0).k(), rs.get(1).k());
        assertTrue(rs.get(0).sparsity() >= 20);
    }
}
