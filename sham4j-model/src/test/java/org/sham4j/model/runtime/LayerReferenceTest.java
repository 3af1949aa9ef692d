package org.sham4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;

/** Every layer of the runtime against a direct, naive implementation on small seeded cases. */
class LayerReferenceTest {
    private static void assertClose(double[] want, Tensor got, int[] shape) {
        assertArrayEquals(shape, got.shape(), "shape");
        float[] g = got.data();
        assertEquals(want.length, g.length);
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], g[k], 1e-4 * (1 + Math.abs(want[k])), "entry " + k);
        }
    }

    @Test
    void denseMatchesDirectSum() {
        Random rnd = new Random(1);
        DenseMatrix w = new DenseMatrix(5, 3, Fixtures.gaussian(rnd, 15));
        float[] bias = Fixtures.gaussian(rnd, 3);
        Tensor x = Fixtures.tensor(rnd, 4, 5);
        double[] want = new double[12];
        for (int b = 0; b < 4; b++) {
            for (int j = 0; j < 3; j++) {
                double s = bias[j];
                for (int i = 0; i < 5; i++) {
                    s += x.data()[b * 5 + i] * w.get(i, j);
                }
                want[b * 3 + j] = s;
            }
        }
        assertClose(want, Fixtures.runSingle(new Dense(Fixtures.stored(w, "dense"), bias), x), new int[] {4, 3});
        Tensor noBias = Fixtures.runSingle(new Dense(Fixtures.stored(w, "csc"), null), x);
        for (int k = 0; k < 12; k++) {
            want[k] -= bias[k % 3];
        }
        assertClose(want, noBias, new int[] {4, 3});
    }

    /** Direct convolution over (N, C, H, W), a 1-D layer being H = 1. */
    static double[] convReference(Tensor x, int h, int w, DenseMatrix wt, float[] bias, int inC, int outC,
                                  int[] k, int[] s, int[] pb, int[] pe, int[] d, int groups, int[] outHw) {
        int n = x.dim(0);
        int oh = (h + pb[0] + pe[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
        int ow = (w + pb[1] + pe[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
        outHw[0] = oh;
        outHw[1] = ow;
        int cg = inC / groups;
        int og = outC / groups;
        double[] y = new double[n * outC * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < outC; oc++) {
                int g = oc / og;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = bias == null ? 0 : bias[oc];
                        for (int c = 0; c < cg; c++) {
                            for (int ky = 0; ky < k[0]; ky++) {
                                for (int kx = 0; kx < k[1]; kx++) {
                                    int iy = oy * s[0] - pb[0] + ky * d[0];
                                    int ix = ox * s[1] - pb[1] + kx * d[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        float v = x.data()[((b * inC + g * cg + c) * h + iy) * w + ix];
                                        sum += v * wt.get((c * k[0] + ky) * k[1] + kx, oc);
                                    }
                                }
                            }
                        }
                        y[((b * outC + oc) * oh + oy) * ow + ox] = sum;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void conv2dMatchesDirectConvolution() {
        Random rnd = new Random(2);
        int inC = 4;
        int outC = 6;
        int[] kernel = {3, 2};
        for (int stride : new int[] {1, 2}) {
            for (int[] pads : new int[][] {{0, 0, 0, 0}, {1, 2, 0, 1}}) {
                for (int dil : new int[] {1, 2}) {
                    for (int groups : new int[] {1, 2}) {
                        for (String format : new String[] {"dense", "sham"}) {
                            DenseMatrix wt = Fixtures.quantized(rnd, inC / groups * 6, outC, 5);
                            float[] bias = Fixtures.gaussian(rnd, outC);
                            int[] s = {stride, stride + 1 - stride % 2};
                            int[] d = {dil, 1};
                            int[] pb = {pads[0], pads[1]};
                            int[] pe = {pads[2], pads[3]};
                            Tensor x = Fixtures.tensor(rnd, 2, inC, 7, 8);
                            Conv conv = new Conv(Fixtures.stored(wt, format), bias, inC, outC, kernel, s, pb, pe, d,
                                    groups);
                            int[] ohw = new int[2];
                            double[] want = convReference(x, 7, 8, wt, bias, inC, outC, kernel, s, pb, pe, d, groups,
                                    ohw);
                            assertClose(want, Fixtures.runSingle(conv, x), new int[] {2, outC, ohw[0], ohw[1]});
                        }
                    }
                }
            }
        }
    }

    @Test
    void conv1dMatchesDirectConvolution() {
        Random rnd = new Random(3);
        for (int stride : new int[] {1, 3}) {
            for (int pad : new int[] {0, 2}) {
                for (int dil : new int[] {1, 2}) {
                    for (int groups : new int[] {1, 3}) {
                        int inC = 3;
                        int outC = 6;
                        DenseMatrix wt = new DenseMatrix(inC / groups * 3, outC,
                                Fixtures.gaussian(rnd, inC / groups * 3 * outC));
                        float[] bias = groups == 1 ? null : Fixtures.gaussian(rnd, outC);
                        Tensor x = Fixtures.tensor(rnd, 3, inC, 11);
                        Conv conv = new Conv(Fixtures.stored(wt, "csc"), bias, inC, outC, new int[] {3},
                                new int[] {stride}, new int[] {pad}, new int[] {pad / 2}, new int[] {dil}, groups);
                        int[] ohw = new int[2];
                        double[] want = convReference(x, 1, 11, wt, bias, inC, outC, new int[] {1, 3},
                                new int[] {1, stride}, new int[] {0, pad}, new int[] {0, pad / 2}, new int[] {1, dil},
                                groups, ohw);
                        assertClose(want, Fixtures.runSingle(conv, x), new int[] {3, outC, ohw[1]});
                    }
                }
            }
        }
    }

    @Test
    void productsSpanningSeveralTilesMatchTheReference() {
        Random rnd = new Random(14);
        DenseMatrix wt = Fixtures.quantized(rnd, 2 * 9, 3, 4);
        float[] bias = Fixtures.gaussian(rnd, 3);
        Tensor x = Fixtures.tensor(rnd, 7, 2, 9, 9);
        int[] one = {1, 1};
        int[] pad = {1, 1};
        Conv conv = new Conv(Fixtures.stored(wt, "gsham"), bias, 2, 3, new int[] {3, 3}, one, pad, pad, one, 1);
        int[] ohw = new int[2];
        double[] want = convReference(x, 9, 9, wt, bias, 2, 3, new int[] {3, 3}, one, pad, pad, one, 1, ohw);
        assertTrue(7 * ohw[0] * ohw[1] > 2 * TiledProduct.TILE);
        assertClose(want, Fixtures.runSingle(conv, x), new int[] {7, 3, 9, 9});
        int batch = 3 * TiledProduct.TILE + 7;
        DenseMatrix w = new DenseMatrix(6, 4, Fixtures.gaussian(rnd, 24));
        Tensor in = Fixtures.tensor(rnd, batch, 6);
        double[] dense = new double[batch * 4];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < 4; j++) {
                double sum = bias[j % 3];
                for (int i = 0; i < 6; i++) {
                    sum += in.data()[b * 6 + i] * w.get(i, j);
                }
                dense[b * 4 + j] = sum;
            }
        }
        float[] b4 = {bias[0], bias[1], bias[2], bias[0]};
        Dense layer = new Dense(Fixtures.stored(w, "csr"), b4);
        assertClose(dense, Fixtures.runSingle(layer, in), new int[] {batch, 4});
        try (GraphRunner three = new GraphRunner(Fixtures.single(layer, 6), 3)) {
            assertArrayEquals(Fixtures.runSingle(layer, in).data(), three.run(in).data(), "tiles differ by threads");
        }
    }

    /**
     * Pooling by its definition over padded coordinates: a window position counts towards the divisor when it
     * lies in the padded input (countIncludePad) or in the input, and holds a value when it lies in the input.
     */
    private static double[] poolReference(Tensor x, int h, int w, Pool p, int[] outHw) {
        int dims = p.dims();
        int[] k = dims == 2 ? p.kernel() : new int[] {1, p.kernel()[0]};
        int[] s = dims == 2 ? p.strides() : new int[] {1, p.strides()[0]};
        int[] pb = dims == 2 ? p.padsBegin() : new int[] {0, p.padsBegin()[0]};
        int[] pe = dims == 2 ? p.padsEnd() : new int[] {0, p.padsEnd()[0]};
        int[] in = {h, w};
        int[] out = new int[2];
        for (int a = 0; a < 2; a++) {
            double span = (double) (in[a] + pb[a] + pe[a] - k[a]) / s[a];
            out[a] = (int) (p.ceilMode() ? Math.ceil(span) : Math.floor(span)) + 1;
            if (p.ceilMode() && (out[a] - 1) * s[a] >= in[a] + pb[a]) {
                out[a]--;
            }
        }
        outHw[0] = out[0];
        outHw[1] = out[1];
        int planes = x.dim(0) * x.dim(1);
        double[] y = new double[planes * out[0] * out[1]];
        for (int pl = 0; pl < planes; pl++) {
            for (int oy = 0; oy < out[0]; oy++) {
                for (int ox = 0; ox < out[1]; ox++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < k[0]; ky++) {
                        for (int kx = 0; kx < k[1]; kx++) {
                            int iy = oy * s[0] - pb[0] + ky;
                            int ix = ox * s[1] - pb[1] + kx;
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            boolean padded = iy < h + pe[0] && ix < w + pe[1];
                            if (inside) {
                                double v = x.data()[(pl * h + iy) * w + ix];
                                max = Math.max(max, v);
                                sum += v;
                            }
                            if (inside || (p.countIncludePad() && padded)) {
                                count++;
                            }
                        }
                    }
                    y[(pl * out[0] + oy) * out[1] + ox] = p.poolKind() == PoolKind.MAX ? max : sum / count;
                }
            }
        }
        return y;
    }

    @Test
    void poolsMatchTheirDefinition() {
        Random rnd = new Random(4);
        for (PoolKind kind : PoolKind.values()) {
            for (boolean ceil : new boolean[] {false, true}) {
                for (boolean include : new boolean[] {false, true}) {
                    for (int[] pads : new int[][] {{0, 0, 0, 0}, {1, 0, 2, 1}}) {
                        Tensor x2 = Fixtures.tensor(rnd, 2, 3, 8, 9);
                        Pool p2 = new Pool(kind, new int[] {3, 3}, new int[] {2, 2}, new int[] {pads[0], pads[1]},
                                new int[] {pads[2], pads[3]}, include, ceil);
                        int[] ohw = new int[2];
                        double[] want = poolReference(x2, 8, 9, p2, ohw);
                        assertClose(want, Fixtures.runSingle(p2, x2), new int[] {2, 3, ohw[0], ohw[1]});
                        Tensor x1 = Fixtures.tensor(rnd, 2, 3, 10);
                        Pool p1 = new Pool(kind, new int[] {3}, new int[] {2}, new int[] {pads[0]},
                                new int[] {pads[2]}, include, ceil);
                        want = poolReference(x1, 1, 10, p1, ohw);
                        assertClose(want, Fixtures.runSingle(p1, x1), new int[] {2, 3, ohw[1]});
                    }
                }
            }
        }
    }

    @Test
    void maxPoolsGiveTheMaximumBitForBitWithNaNsAndSignedZeros() {
        Random rnd = new Random(5);
        for (int[] ks : new int[][] {{2, 2, 2, 2}, {3, 3, 2, 2}, {2, 3, 1, 2}, {3, 2, 3, 1}, {1, 1, 1, 1}}) {
            Tensor x = Fixtures.tensor(rnd, 2, 3, 11, 12);
            float[] d = x.data();
            for (int e = 0; e < d.length; e++) {
                int r = rnd.nextInt(40);
                d[e] = r == 0 ? Float.NaN : r == 1 ? -0f : r == 2 ? 0f : r < 6 ? Float.NEGATIVE_INFINITY : d[e];
            }
            Pool p = new Pool(PoolKind.MAX, new int[] {ks[0], ks[1]}, new int[] {ks[2], ks[3]}, new int[] {0, 0},
                    new int[] {0, 0}, false, false);
            int oh = (11 - ks[0]) / ks[2] + 1;
            int ow = (12 - ks[1]) / ks[3] + 1;
            float[] got = Fixtures.runSingle(p, x).data();
            for (int pl = 0; pl < 6; pl++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float want = Float.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < ks[0]; ky++) {
                            for (int kx = 0; kx < ks[1]; kx++) {
                                want = Math.max(want, d[(pl * 11 + oy * ks[2] + ky) * 12 + ox * ks[3] + kx]);
                            }
                        }
                        int at = (pl * oh + oy) * ow + ox;
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[at]),
                                "kernel " + java.util.Arrays.toString(ks) + " output " + at + ": " + got[at] + " vs "
                                        + want);
                    }
                }
            }
        }
    }

    @Test
    void averagePoolInCeilModeMatchesPyTorch() {
        // torch.nn.AvgPool1d(2, 2, padding=1, ceil_mode=True, count_include_pad=True)([1, 2, 3, 4, 5])
        Tensor x = new Tensor(new int[] {1, 1, 5}, new float[] {1, 2, 3, 4, 5});
        Pool p = new Pool(PoolKind.AVERAGE, new int[] {2}, new int[] {2}, new int[] {1}, new int[] {1}, true, true);
        assertArrayEquals(new float[] {0.5f, 2.5f, 4.5f}, Fixtures.runSingle(p, x).data());
        Pool exclude = new Pool(PoolKind.AVERAGE, new int[] {2}, new int[] {2}, new int[] {1}, new int[] {1}, false,
                true);
        assertArrayEquals(new float[] {1f, 2.5f, 4.5f}, Fixtures.runSingle(exclude, x).data());
    }

    @Test
    void globalPoolsKeepOrDropTheSpatialAxes() {
        Random rnd = new Random(5);
        Tensor x = Fixtures.tensor(rnd, 2, 3, 4, 5);
        for (PoolKind kind : PoolKind.values()) {
            double[] want = new double[6];
            for (int p = 0; p < 6; p++) {
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (int k = 0; k < 20; k++) {
                    max = Math.max(max, x.data()[p * 20 + k]);
                    sum += x.data()[p * 20 + k];
                }
                want[p] = kind == PoolKind.MAX ? max : sum / 20;
            }
            assertClose(want, Fixtures.runSingle(new GlobalPool(kind, false), x), new int[] {2, 3});
            assertClose(want, Fixtures.runSingle(new GlobalPool(kind, true), x), new int[] {2, 3, 1, 1});
        }
    }

    @Test
    void flattenAndReshapeFollowOnnx() {
        Random rnd = new Random(6);
        Tensor x = Fixtures.tensor(rnd, 2, 3, 4, 5);
        assertArrayEquals(new int[] {2, 60}, Fixtures.runSingle(new Flatten(1), x).shape());
        assertArrayEquals(new int[] {6, 20}, Fixtures.runSingle(new Flatten(-2), x).shape());
        assertArrayEquals(new int[] {1, 120}, Fixtures.runSingle(new Flatten(0), x).shape());
        assertArrayEquals(new int[] {120, 1}, Fixtures.runSingle(new Flatten(4), x).shape());
        Tensor r = Fixtures.runSingle(new Reshape(new int[] {0, -1, 10}), x);
        assertArrayEquals(new int[] {2, 6, 10}, r.shape());
        assertArrayEquals(x.data(), r.data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.runSingle(new Reshape(new int[] {0, 7, -1}), x));
        assertEquals("node n (Reshape): input shape (N, 3, 4, 5) cannot take the shape (0, 7, -1) for every batch "
                + "size", e.getMessage());
    }

    @Test
    void transposeMatchesIndexPermutation() {
        Random rnd = new Random(7);
        Tensor x = Fixtures.tensor(rnd, 2, 3, 4, 5);
        int[][] perms = {{0, 2, 3, 1}, {3, 1, 0, 2}, {}};
        for (int[] perm : perms) {
            int[] p = perm.length == 0 ? new int[] {3, 2, 1, 0} : perm;
            int[] in = x.shape();
            int[] out = {in[p[0]], in[p[1]], in[p[2]], in[p[3]]};
            double[] want = new double[120];
            int[] idx = new int[4];
            for (int a = 0; a < out[0]; a++) {
                for (int b = 0; b < out[1]; b++) {
                    for (int c = 0; c < out[2]; c++) {
                        for (int d = 0; d < out[3]; d++) {
                            idx[p[0]] = a;
                            idx[p[1]] = b;
                            idx[p[2]] = c;
                            idx[p[3]] = d;
                            want[((a * out[1] + b) * out[2] + c) * out[3] + d] =
                                    x.data()[((idx[0] * 3 + idx[1]) * 4 + idx[2]) * 5 + idx[3]];
                        }
                    }
                }
            }
            assertClose(want, Fixtures.runSingle(new Transpose(perm), x), out);
        }
    }

    @Test
    void embeddingLooksUpRowsAndRefusesBadIndices() {
        Random rnd = new Random(8);
        DenseMatrix table = new DenseMatrix(10, 4, Fixtures.gaussian(rnd, 40));
        Tensor ids = new Tensor(new int[] {2, 3}, new float[] {0, 9, 3, 3, 1, 7});
        Tensor y = Fixtures.runSingle(new Embedding(table), ids);
        double[] want = new double[24];
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 4; j++) {
                want[k * 4 + j] = table.get((int) ids.data()[k], j);
            }
        }
        assertClose(want, y, new int[] {2, 3, 4});
        for (float bad : new float[] {10f, -1f, 2.5f, Float.NaN}) {
            Tensor t = new Tensor(new int[] {1, 2}, new float[] {1, bad});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Fixtures.runSingle(new Embedding(table), t));
            assertTrue(e.getMessage().contains("node n (Embedding)") && e.getMessage().contains("10 x 4"),
                    e.getMessage());
        }
    }

    private static Graph twoInputs(org.sham4j.model.graph.Layer layer, int[] a, int[] b) {
        return new Graph(List.of(new InputSpec("a", a), new InputSpec("b", b)),
                List.of(new Node("n", layer, List.of("a", "b"), "y")), List.of("y"), Preprocessing.IDENTITY);
    }

    @Test
    void concatJoinsAlongAnyAxis() {
        Random rnd = new Random(9);
        Tensor a = Fixtures.tensor(rnd, 2, 3, 4);
        for (int axis : new int[] {1, 2, -1, -2}) {
            int ax = axis < 0 ? axis + 3 : axis;
            int[] sb = {2, 3, 4};
            sb[ax] = 5;
            Tensor b = Fixtures.tensor(rnd, sb);
            int[] out = {2, 3, 4};
            out[ax] += 5;
            double[] want = new double[Math.toIntExact(Tensor.size(out))];
            for (int i = 0; i < out[0]; i++) {
                for (int j = 0; j < out[1]; j++) {
                    for (int k = 0; k < out[2]; k++) {
                        int[] at = {i, j, k};
                        boolean fromA = at[ax] < a.dim(ax);
                        if (!fromA) {
                            at[ax] -= a.dim(ax);
                        }
                        Tensor t = fromA ? a : b;
                        want[(i * out[1] + j) * out[2] + k] = t.data()[(at[0] * t.dim(1) + at[1]) * t.dim(2) + at[2]];
                    }
                }
            }
            try (GraphRunner r = new GraphRunner(twoInputs(new Concat(axis), new int[] {3, 4},
                    java.util.Arrays.copyOfRange(sb, 1, 3)), 2)) {
                assertClose(want, r.run(java.util.Map.of("a", a, "b", b)).get("y"), out);
            }
        }
    }

    @Test
    void addSumsEqualShapesAndBroadcastsBiasLikeOperands() {
        Random rnd = new Random(10);
        Tensor a = Fixtures.tensor(rnd, 2, 3, 2, 2);
        Tensor b = Fixtures.tensor(rnd, 2, 3, 2, 2);
        double[] want = new double[24];
        for (int k = 0; k < 24; k++) {
            want[k] = a.data()[k] + b.data()[k];
        }
        try (GraphRunner r = new GraphRunner(twoInputs(new Add(), new int[] {3, 2, 2}, new int[] {3, 2, 2}), 1)) {
            assertClose(want, r.run(java.util.Map.of("a", a, "b", b)).get("y"), new int[] {2, 3, 2, 2});
        }
        Tensor c = Fixtures.tensor(rnd, 1, 3, 1, 1);
        for (int k = 0; k < 24; k++) {
            want[k] = a.data()[k] + c.data()[(k / 4) % 3];
        }
        try (GraphRunner r = new GraphRunner(twoInputs(new Add(), new int[] {3, 2, 2}, new int[] {3, 1, 1}), 1)) {
            assertClose(want, r.run(java.util.Map.of("a", a, "b", c)).get("y"), new int[] {2, 3, 2, 2});
        }
        Tensor row = Fixtures.tensor(rnd, 1, 1, 1, 2);
        for (int k = 0; k < 24; k++) {
            want[k] = a.data()[k] + row.data()[k % 2];
        }
        try (GraphRunner r = new GraphRunner(twoInputs(new Add(), new int[] {3, 2, 2}, new int[] {1, 1, 2}), 1)) {
            assertClose(want, r.run(java.util.Map.of("a", a, "b", row)).get("y"), new int[] {2, 3, 2, 2});
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoInputs(new Add(), new int[] {3, 2, 2}, new int[] {4, 2, 2}));
        assertEquals("node n (Add): input shapes (N, 3, 2, 2) and (N, 4, 2, 2) do not broadcast (axis 1: 3 and 4)",
                e.getMessage());
    }

    @Test
    void batchNormDropoutAndActivationsMatchFormulas() {
        Random rnd = new Random(11);
        Tensor x = Fixtures.tensor(rnd, 2, 3, 4);
        float[] scale = Fixtures.gaussian(rnd, 3);
        float[] bias = Fixtures.gaussian(rnd, 3);
        float[] mean = Fixtures.gaussian(rnd, 3);
        float[] var = {0.5f, 1f, 2f};
        double[] want = new double[24];
        for (int k = 0; k < 24; k++) {
            int c = (k / 4) % 3;
            want[k] = scale[c] * (x.data()[k] - mean[c]) / Math.sqrt(var[c] + 1e-5) + bias[c];
        }
        assertClose(want, Fixtures.runSingle(new BatchNorm(scale, bias, mean, var, 1e-5f), x), new int[] {2, 3, 4});
        assertArrayEquals(x.data(), Fixtures.runSingle(new Dropout(0.5f), x).data());
        for (Activation.Function f : Activation.Function.values()) {
            Activation a = f == Activation.Function.CLIP ? new Activation(f, -0.5f, 0.75f) : new Activation(f);
            boolean positive = f == Activation.Function.LOG || f == Activation.Function.SQRT;
            float[] in = x.data().clone();
            for (int k = 0; positive && k < in.length; k++) {
                in[k] = Math.abs(in[k]);
            }
            for (int k = 0; k < 24; k++) {
                double v = in[k];
                double sigmoid = 1 / (1 + Math.exp(-v));
                want[k] = switch (f) {
                    case RELU -> Math.max(0, v);
                    case TANH -> Math.tanh(v);
                    case SIGMOID -> sigmoid;
                    case LEAKY_RELU -> v < 0 ? 0.01 * v : v;
                    case ELU -> v < 0 ? Math.exp(v) - 1 : v;
                    case SELU -> 1.0507009873554805 * (v < 0 ? 1.6732632423543772 * (Math.exp(v) - 1) : v);
                    case CLIP -> Math.max(-0.5, Math.min(0.75, v));
                    case HARD_SIGMOID -> Math.max(0, Math.min(1, 0.2 * v + 0.5));
                    case HARD_SWISH -> v * Math.max(0, Math.min(1, (v + 3) / 6));
                    case GELU -> v * 0.5 * (1 + integratedErf(v / Math.sqrt(2)));
                    case SILU -> v * sigmoid;
                    case ERF -> integratedErf(v);
                    case EXP -> Math.exp(v);
                    case LOG -> Math.log(v);
                    case SQRT -> Math.sqrt(v);
                    case ABS -> Math.abs(v);
                    case NEG -> -v;
                    case SOFTPLUS -> Math.log(1 + Math.exp(v));
                };
            }
            assertClose(want, Fixtures.runSingle(a, new Tensor(x.shape(), in)), new int[] {2, 3, 4});
        }
    }

    /** erf as 2/√π times the integral of exp(−t²) from 0 to x, by Simpson's rule on 4000 intervals. */
    private static double integratedErf(double x) {
        int n = 4000;
        double h = x / n;
        double sum = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-(i * h) * (i * h));
        }
        return 2 / Math.sqrt(Math.PI) * sum * h / 3;
    }

    @Test
    void erfIsExactToFloatAcrossItsRange() {
        for (double x = -7; x <= 7; x += 0.01) {
            float got = Fixtures.runSingle(new Activation(Activation.Function.ERF),
                    new Tensor(new int[] {1, 1}, new float[] {(float) x})).data()[0];
            double want = integratedErf((float) x);
            assertEquals(want, got, 1e-7, "erf(" + x + ")");
        }
    }

    @Test
    void softmaxOnSeveralAxesIsStable() {
        Random rnd = new Random(12);
        Tensor x = Fixtures.tensor(rnd, 2, 3, 4);
        for (int k = 0; k < 24; k += 5) {
            x.data()[k] *= 300f;
        }
        int[] shape = {2, 3, 4};
        for (int axis : new int[] {0, 1, 2, -1, -3}) {
            int ax = axis < 0 ? axis + 3 : axis;
            double[] want = new double[24];
            int[] stride = {12, 4, 1};
            for (int k = 0; k < 24; k++) {
                int pos = (k / stride[ax]) % shape[ax];
                int base = k - pos * stride[ax];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < shape[ax]; j++) {
                    max = Math.max(max, x.data()[base + j * stride[ax]]);
                }
                double sum = 0;
                for (int j = 0; j < shape[ax]; j++) {
                    sum += Math.exp(x.data()[base + j * stride[ax]] - max);
                }
                want[k] = Math.exp(x.data()[k] - max) / sum;
            }
            assertClose(want, Fixtures.runSingle(new Softmax(axis), x), shape);
        }
    }

    @Test
    void shapeErrorsNameNodeOpAndShapes() {
        Random rnd = new Random(13);
        Dense dense = new Dense(Fixtures.dense(rnd, 5, 3), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.runSingle(dense, Fixtures.tensor(rnd, 2, 6)));
        assertEquals("node n (Dense): input shape (N, 6), the layer expects (N, 5)", e.getMessage());
        Conv conv = new Conv(Fixtures.dense(rnd, 9, 2), null, 1, 2, new int[] {3, 3}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 1);
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.runSingle(conv, Fixtures.tensor(rnd, 2, 3, 5, 5)));
        assertEquals("node n (Conv2D): input shape (N, 3, 5, 5), the layer expects (N, 1, H, W)", e.getMessage());
        try (GraphRunner r = new GraphRunner(Fixtures.single(dense, 5), 1)) {
            e = assertThrows(IllegalArgumentException.class, () -> r.run(Fixtures.tensor(rnd, 2, 4)));
            assertEquals("model input 'x' expects (N, 5), got (2, 4)", e.getMessage());
        }
    }
}
