package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.ColumnBlockedMatrix;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;

/**
 * Products on weights decoded a slice at a time ({@link SlicedProduct}), for every column-ordered format, against
 * direct sums in double precision: odd shapes, empty columns, sparse and dense matrices, slices of 1, 5 and 16,384
 * columns or non-zeros (so that slice edges fall anywhere), every batch size around the switch from the format's
 * own product; to the bit against the format's own product, on 1 and 3 threads, and for a row alone. Convolutions
 * too, by sample (several samples per decoding) and by rows, to the bit.
 */
class SlicedProductTest {
    private static void assertClose(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], got[k], 1e-4 * (1 + Math.abs(want[k])), what + " entry " + k);
        }
    }

    private static float[] multiply(WeightProduct p, float[] x, int batch, int threads) {
        float[] y = new float[batch * p.cols()];
        // Filled with garbage first: every output must be written.
        java.util.Arrays.fill(y, Float.NaN);
        try (ProductExecutor ex = new ProductExecutor(threads)) {
            p.multiply(x, batch, y, ex);
        }
        return y;
    }

    private static double[] reference(DenseMatrix w, float[] x, int batch) {
        int n = w.rows();
        int m = w.cols();
        double[] y = new double[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (double) x[b * n + i] * w.get(i, j);
                }
                y[b * m + j] = s;
            }
        }
        return y;
    }

    /** m with its first, last and every seventh column zero. */
    private static DenseMatrix withEmptyColumns(DenseMatrix m) {
        DenseMatrix d = new DenseMatrix(m.rows(), m.cols(), m.data().clone());
        for (int j = 0; j < m.cols(); j++) {
            if (j == 0 || j == m.cols() - 1 || j % 7 == 3) {
                for (int i = 0; i < m.rows(); i++) {
                    d.set(i, j, 0f);
                }
            }
        }
        return d;
    }

    @Test
    void everyColumnOrderedFormatMatchesTheReferenceOnAnySliceAndThreadCount() {
        Random rnd = new Random(41);
        DenseMatrix[] weights = {
            Fixtures.quantized(rnd, 37, 21, 5),
            withEmptyColumns(Fixtures.pruned(rnd, Fixtures.quantized(rnd, 53, 29, 9), 0.15)),
            Fixtures.pruned(rnd, Fixtures.quantized(rnd, 300, 50, 16), 0.08),
            Fixtures.quantized(rnd, 1, 1, 1),
            new DenseMatrix(6, 4, new float[24]),
        };
        int formats = 0;
        for (MatrixFormat f : Formats.all()) {
            CompressedMatrix probe = f.encode(SparseMatrix.fromDense(weights[0]));
            if (!(probe instanceof ColumnBlockedMatrix)) {
                continue;
            }
            formats++;
            for (DenseMatrix w : weights) {
                ColumnBlockedMatrix stored = (ColumnBlockedMatrix) Fixtures.stored(w, f.name());
                for (int slice : new int[] {1, 5, SlicedProduct.SLICE}) {
                    SlicedProduct p = new SlicedProduct(stored, slice);
                    for (int batch : new int[] {1, SlicedProduct.MIN_BATCH - 1, SlicedProduct.MIN_BATCH, 17, 70, 2 * 256 + 9}) {
                        float[] x = Fixtures.gaussian(rnd, batch * w.rows());
                        String what = f.name() + " " + w.rows() + "x" + w.cols() + " slice " + slice + " batch " + batch;
                        float[] one = multiply(p, x, batch, 1);
                        assertClose(reference(w, x, batch), one, what);
                        assertArrayEquals(one, multiply(p, x, batch, 3), what + ": 1 and 3 threads differ");
                        float[] y = new float[batch * w.cols()];
                        p.multiply(x, batch, y);
                        assertArrayEquals(one, y, what + ": on the calling thread");
                        float[] own = new float[batch * w.cols()];
                        stored.multiply(x, batch, own);
                        assertArrayEquals(own, one, what + ": not the format's own product's bits");
                        // The last row alone (the format's own product) gives the bits it had in the batch.
                        float[] last = new float[w.cols()];
                        p.multiply(java.util.Arrays.copyOfRange(x, (batch - 1) * w.rows(), batch * w.rows()), 1, last);
                        assertArrayEquals(java.util.Arrays.copyOfRange(one, (batch - 1) * w.cols(), batch * w.cols()),
                                last, what + ": the last row alone differs");
                    }
                }
            }
        }
        assertTrue(formats >= 5, formats + " column-ordered formats");
    }

    @Test
    void storedColumnOrderedWeightsRunSliced() {
        Random rnd = new Random(42);
        DenseMatrix w = Fixtures.pruned(rnd, Fixtures.quantized(rnd, 40, 30, 5), 0.2);
        for (String format : new String[] {"ham", "sham", "gsham", "im", "coo"}) {
            assertTrue(WeightProduct.of(Fixtures.stored(w, format), WeightProducts.STORED, 1L << 30)
                    instanceof SlicedProduct, format);
        }
        for (String format : new String[] {"csr", "cser"}) {
            assertTrue(WeightProduct.of(Fixtures.stored(w, format), WeightProducts.STORED, 1L << 30)
                    instanceof FormatProduct, format);
        }
    }

    @Test
    void convolutionsOnSlicesMatchTheReferenceAndAreThreadIndependent() {
        Random rnd = new Random(43);
        int inC = 4;
        int outC = 6;
        // 9 x 17 inputs, 3 x 3 kernels: 7 x 15 = 105 positions (not a multiple of 16) or 9 x 17 = 153 padded.
        for (String format : new String[] {"gsham", "ham", "im", "sham", "coo"}) {
            for (double keep : new double[] {0.15, 1.0}) {
                for (int sw : new int[] {1, 2}) {
                    for (int pad : new int[] {0, 1}) {
                        DenseMatrix wt = Fixtures.pruned(rnd, Fixtures.quantized(rnd, inC * 9, outC, 7), keep);
                        float[] bias = Fixtures.gaussian(rnd, outC);
                        int[] kernel = {3, 3};
                        int[] s = {1, sw};
                        int[] pads = {pad, pad};
                        int[] d = {1, 1};
                        Tensor x = Fixtures.tensor(rnd, 11, inC, 9, 17);
                        Conv conv = new Conv(Fixtures.stored(wt, format), bias, inC, outC, kernel, s, pads, pads, d, 1);
                        int[] ohw = new int[2];
                        double[] want = LayerReferenceTest.convReference(x, 9, 17, wt, bias, inC, outC, kernel, s,
                                pads, pads, d, 1, ohw);
                        String what = format + " keep " + keep + " stride " + sw + " pad " + pad;
                        Tensor one = apply(new ConvOperator(conv, WeightProducts.STORED), x, 1);
                        assertClose(want, one.data(), what);
                        assertArrayEquals(one.data(), apply(new ConvOperator(conv, WeightProducts.STORED), x, 3).data(),
                                what + ": 1 and 3 threads differ");
                        assertArrayEquals(one.data(), apply(new ConvOperator(conv, WeightProducts.STORED, false), x, 1)
                                .data(), what + ": by sample and by rows differ");
                    }
                }
            }
        }
    }

    /** Weights of more non-zeros than a slice: each decoding serves a run of samples, the last run shorter. */
    @Test
    void convolutionsOfManySlicesTakeSeveralSamplesPerDecoding() {
        Random rnd = new Random(44);
        int inC = 32;
        int outC = 96;
        DenseMatrix wt = Fixtures.quantized(rnd, inC * 9, outC, 11);
        assertTrue(SparseMatrix.fromDense(wt).nnz() > SlicedProduct.SLICE, "more non-zeros than a slice");
        float[] bias = Fixtures.gaussian(rnd, outC);
        int[] kernel = {3, 3};
        int[] one1 = {1, 1};
        int[] zero = {0, 0};
        Tensor x = Fixtures.tensor(rnd, 11, inC, 9, 17);
        int[] ohw = new int[2];
        double[] want = LayerReferenceTest.convReference(x, 9, 17, wt, bias, inC, outC, kernel, one1, zero, zero, one1,
                1, ohw);
        SlicedProduct p = new SlicedProduct((ColumnBlockedMatrix) Fixtures.stored(wt, "gsham"));
        int per = p.productsPerPass(ohw[0] * ohw[1]);
        assertTrue(per > 1 && 11 % per != 0, per + " samples per decoding");
        for (String format : new String[] {"gsham", "im"}) {
            Conv conv = new Conv(Fixtures.stored(wt, format), bias, inC, outC, kernel, one1, zero, zero, one1, 1);
            Tensor one = apply(new ConvOperator(conv, WeightProducts.STORED), x, 1);
            assertClose(want, one.data(), format);
            assertArrayEquals(one.data(), apply(new ConvOperator(conv, WeightProducts.STORED), x, 3).data(),
                    format + ": 1 and 3 threads differ");
            assertArrayEquals(one.data(), apply(new ConvOperator(conv, WeightProducts.STORED, false), x, 1).data(),
                    format + ": by sample and by rows differ");
        }
    }

    private static Tensor apply(Operator op, Tensor x, int threads) {
        try (ProductExecutor ex = new ProductExecutor(threads)) {
            return op.apply(new Tensor[] {x}, ex);
        }
    }
}
