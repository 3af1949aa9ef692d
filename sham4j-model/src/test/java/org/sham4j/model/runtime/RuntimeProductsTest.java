package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;

/**
 * The runtime's own products (weights stored dense or in CSC, or decoded from sHAM into either, by density):
 * convolutions by sample and by rows, dense layers of every batch size, against direct sums in double precision,
 * and to the bit against each other and across thread counts; the formats' own products (STORED) against the
 * same sums.
 */
class RuntimeProductsTest {
    private static void assertClose(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], got[k], 1e-4 * (1 + Math.abs(want[k])), what + " entry " + k);
        }
    }

    private static Tensor apply(Operator op, Tensor x, int threads) {
        try (ProductExecutor ex = new ProductExecutor(threads)) {
            return op.apply(new Tensor[] {x}, ex);
        }
    }

    @Test
    void convolutionsBySampleMatchTheReferenceAndTheRowsLoweringToTheBit() {
        Random rnd = new Random(31);
        int inC = 4;
        int outC = 6;
        for (int[] k : new int[][] {{3, 3}, {1, 5}, {2, 1}}) {
            for (int sw : new int[] {1, 2}) {
                for (int[] pads : new int[][] {{0, 0, 0, 0}, {1, 2, 2, 1}}) {
                    for (int dil : new int[] {1, 2}) {
                        for (int groups : new int[] {1, 2}) {
                            for (String format : new String[] {"dense", "csc", "sham"}) {
                                int[] kernel = k;
                                DenseMatrix wt = Fixtures.quantized(rnd, inC / groups * kernel[0] * kernel[1], outC, 7);
                                if (dil == 2) {
                                    wt = Fixtures.pruned(rnd, wt, 0.3);
                                }
                                float[] bias = groups == 1 ? Fixtures.gaussian(rnd, outC) : null;
                                int[] s = {1, sw};
                                int[] d = {dil, dil};
                                int[] pb = {pads[0], pads[1]};
                                int[] pe = {pads[2], pads[3]};
                                Tensor x = Fixtures.tensor(rnd, 3, inC, 9, 17);
                                Conv conv = new Conv(Fixtures.stored(wt, format), bias, inC, outC, kernel, s, pb, pe,
                                        d, groups);
                                int[] ohw = new int[2];
                                double[] want = LayerReferenceTest.convReference(x, 9, 17, wt, bias, inC, outC, kernel,
                                        s, pb, pe, d, groups, ohw);
                                String what = format + " kernel " + kernel[0] + "x" + kernel[1] + " stride " + sw
                                        + " pads " + pads[0] + " dilation " + dil + " groups " + groups;
                                assertTrue(ohw[0] * ohw[1] >= ConvOperator.MIN_POSITIONS, what);
                                Tensor bySample = apply(new ConvOperator(conv, WeightProducts.DECODED), x, 1);
                                assertArrayEquals(new int[] {3, outC, ohw[0], ohw[1]}, bySample.shape(), what);
                                assertClose(want, bySample.data(), what);
                                assertArrayEquals(apply(new ConvOperator(conv, WeightProducts.DECODED, false), x, 1)
                                        .data(), bySample.data(),
                                        what + ": by sample and by rows differ");
                                assertArrayEquals(bySample.data(), apply(new ConvOperator(conv, WeightProducts.DECODED),
                                        x, 3).data(), what + ": 1 and 3 threads differ");
                                assertClose(want, apply(new ConvOperator(conv, WeightProducts.STORED), x, 1).data(),
                                        what + " (stored)");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void weightsAreDecodedByDensityAndOnlyWhenTheHeapAllowsIt() {
        Random rnd = new Random(33);
        DenseMatrix w = Fixtures.quantized(rnd, 40, 30, 5);
        DenseMatrix sparse = Fixtures.pruned(rnd, w, 0.2);
        long room = 1L << 30;
        assertTrue(WeightProduct.of(Fixtures.stored(w, "sham"), WeightProducts.DECODED, room) instanceof GemmProduct);
        assertTrue(WeightProduct.of(Fixtures.stored(sparse, "sham"), WeightProducts.DECODED, room)
                instanceof CscProduct);
        assertTrue(WeightProduct.of(Fixtures.stored(sparse, "sham"), WeightProducts.STORED, room)
                instanceof SlicedProduct);
        assertTrue(WeightProduct.of(Fixtures.stored(sparse, "sham"), WeightProducts.DECODED, 4 * 40 * 30 - 1)
                instanceof SlicedProduct, "a dense form larger than the room left is not made");
        assertTrue(WeightProduct.of(Fixtures.stored(sparse, "csr"), WeightProducts.DECODED, 4 * 40 * 30 - 1)
                instanceof FormatProduct, "row-ordered formats keep their own product");
        assertTrue(WeightProduct.of(Fixtures.stored(sparse, "csc"), WeightProducts.DECODED, 0) instanceof CscProduct,
                "CSC runs on its stored arrays");
    }

    @Test
    void denseLayersOfEveryBatchSizeMatchTheReferenceOnAnyThreadCount() {
        Random rnd = new Random(32);
        for (int[] size : new int[][] {{37, 21}, {16, 64}, {300, 50}}) {
            int in = size[0];
            int out = size[1];
            DenseMatrix w = Fixtures.quantized(rnd, in, out, 9);
            if (in == 300) {
                w = Fixtures.pruned(rnd, w, 0.2);
            }
            float[] bias = Fixtures.gaussian(rnd, out);
            for (String format : new String[] {"dense", "csc", "sham"}) {
                DenseOperator op = new DenseOperator(new Dense(Fixtures.stored(w, format), bias),
                        WeightProducts.DECODED);
                DenseOperator stored = new DenseOperator(new Dense(Fixtures.stored(w, format), bias),
                        WeightProducts.STORED);
                for (int batch : new int[] {1, 3, 15, 16, 17, 70, 2 * TiledProduct.TILE + 9}) {
                    Tensor x = Fixtures.tensor(rnd, batch, in);
                    double[] want = new double[batch * out];
                    for (int b = 0; b < batch; b++) {
                        for (int j = 0; j < out; j++) {
                            double s = bias[j];
                            for (int i = 0; i < in; i++) {
                                s += (double) x.data()[b * in + i] * w.get(i, j);
                            }
                            want[b * out + j] = s;
                        }
                    }
                    String what = format + " " + in + "x" + out + " batch " + batch;
                    Tensor one = apply(op, x, 1);
                    assertClose(want, one.data(), what);
                    assertArrayEquals(one.data(), apply(op, x, 3).data(), what + ": 1 and 3 threads differ");
                    assertClose(want, apply(stored, x, 1).data(), what + " (stored)");
                    // Row b's outputs do not depend on the rows around it.
                    Tensor row = apply(op, new Tensor(new int[] {1, in}, java.util.Arrays.copyOfRange(x.data(),
                            (batch - 1) * in, batch * in)), 1);
                    assertArrayEquals(java.util.Arrays.copyOfRange(one.data(), (batch - 1) * out, batch * out),
                            row.data(), what + ": the last row alone differs");
                }
            }
        }
    }
}
