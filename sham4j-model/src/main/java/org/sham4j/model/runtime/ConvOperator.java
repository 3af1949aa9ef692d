package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;

/**
 * Convolution lowered to products with the weight matrix W, whose row (c·k + r) is input channel c of a group
 * and kernel position r, and whose columns are output channels; with groups &gt; 1 each group has its own matrix
 * ({@link Conv#groupWeights()}), made once at construction. Two lowerings give the same bits:
 * <ul>
 * <li>by sample (weights the runtime's kernels multiply, a {@link TransposedProduct}: stored dense or in CSC,
 * or decoded a slice at a time for several samples at once ({@link SlicedProduct});
 * stride 1 along the height; at least {@link #MIN_POSITIONS} output positions): the output planes of a sample are W<sup>T</sup> times its patches, whose rows are views of
 * kernel-width shifted copies of the input ({@link #shift}), so nothing is unrolled kernel row by kernel row
 * and the product writes the output planes in place;</li>
 * <li>by rows (every other case): the patches of a tile of output positions are unrolled (im2col) into a
 * row-major batch that W multiplies in its storage format ({@link TiledProduct}).</li>
 * </ul>
 */
final class ConvOperator implements Operator {
    /** Fewest output positions a sample needs to run by sample: the product's rows are that long. */
    static final int MIN_POSITIONS = 32;

    private final Conv conv;
    private final Window window;
    private final WeightProduct[] groupWeights;
    private final boolean bySample;

    ConvOperator(Conv conv, WeightProducts products) {
        this(conv, products, true);
    }

    /** With {@code bySample} false, always by rows (to test that both lowerings agree). */
    ConvOperator(Conv conv, WeightProducts products, boolean bySample) {
        this.conv = conv;
        this.bySample = bySample;
        this.window = Window.of(conv.kernel(), conv.strides(), conv.padsBegin(), conv.padsEnd(), conv.dilations(),
                false);
        this.groupWeights = conv.groupWeights().stream().map(w -> WeightProduct.of(w, products)).toArray(WeightProduct[]::new);
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        Tensor input = inputs[0];
        int[] shape = input.shape();
        int dims = conv.dims();
        if (shape.length != dims + 2 || shape[1] != conv.inChannels()) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer expects (N, "
                    + conv.inChannels() + (dims == 2 ? ", H, W)" : ", L)"));
        }
        int n = shape[0];
        int h = dims == 2 ? shape[2] : 1;
        int w = shape[dims + 1];
        int oh = window.outH(h);
        int ow = window.outW(w);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + " is smaller than the kernel");
        }
        Geometry geo = new Geometry(n, h, w, oh, ow);
        int[] outShape = dims == 2 ? new int[] {n, conv.outChannels(), oh, ow} : new int[] {n, conv.outChannels(), ow};
        float[] out = new float[Math.toIntExact(Tensor.size(outShape))];
        float[] x = input.data();
        if (bySample && groupWeights[0] instanceof TransposedProduct && window.sh() == 1 && geo.positions() >= MIN_POSITIONS) {
            bySample(x, geo, out, executor);
        } else {
            for (int g = 0; g < conv.groups(); g++) {
                byRows(x, g, geo, out, executor);
            }
        }
        return new Tensor(outShape, out);
    }

    /** The sizes of one application: batch, input and output height and width. */
    private record Geometry(int n, int h, int w, int oh, int ow) {
        int positions() {
            return oh * ow;
        }
    }

    /**
     * Every (run of samples, group) as one task: shifted copies of each sample's input, then one product per
     * sample into its planes (weights decoded a slice at a time take the run's samples at once).
     */
    private void bySample(float[] x, Geometry geo, float[] out, ProductExecutor executor) {
        Window k = window;
        int groups = conv.groups();
        int cg = conv.inChannels() / groups;
        int ocg = conv.outChannels() / groups;
        int positions = geo.positions();
        int rowsUsed = (geo.oh() - 1) + (k.kh() - 1) * k.dh() + 1;
        int plane = rowsUsed * geo.ow();
        int depth = cg * k.kh() * k.kw();
        // Row (c, ki, kj) of the patches: output position (y, z) reads shifted copy kj of channel c at row
        // y + ki·dh, so the whole row is one run of that copy.
        int[] rowsOfB = new int[depth];
        for (int c = 0; c < cg; c++) {
            for (int ki = 0; ki < k.kh(); ki++) {
                for (int kj = 0; kj < k.kw(); kj++) {
                    rowsOfB[(c * k.kh() + ki) * k.kw() + kj] = (kj * cg + c) * plane + ki * k.dh() * geo.ow();
                }
            }
        }
        boolean inPlace = positions % Gemm.PAD == 0;
        int ld = Gemm.padded(positions);
        float[] bias = conv.bias();
        int n = geo.n();
        // Samples a product takes at once (weights decoded a slice at a time read W once for all of them).
        int per = Math.min(n, ((TransposedProduct) groupWeights[0]).productsPerPass(positions));
        int runs = (n + per - 1) / per;
        Parallel.forRange(executor, runs * groups, (t0, t1) -> {
            float[][] shifted = new float[per][k.kw() * cg * plane + Gemm.PAD];
            float[][] c = new float[per][];
            int[] co = new int[per];
            int[] at = new int[per];
            for (int s = 0; s < per; s++) {
                c[s] = inPlace ? out : new float[ocg * ld];
            }
            for (int t = t0; t < t1; t++) {
                int first = t / groups * per;
                int count = Math.min(per, n - first);
                int g = t % groups;
                for (int s = 0; s < count; s++) {
                    shift(x, ((first + s) * conv.inChannels() + g * cg) * geo.h() * geo.w(), cg, geo, rowsUsed,
                            shifted[s]);
                    at[s] = ((first + s) * conv.outChannels() + g * ocg) * positions;
                    co[s] = inPlace ? at[s] : 0;
                }
                TransposedProduct wg = (TransposedProduct) groupWeights[g];
                wg.multiplyTransposed(shifted, rowsOfB, positions, count, c, co, inPlace ? positions : ld);
                for (int s = 0; s < count; s++) {
                    if (!inPlace) {
                        for (int o = 0; o < ocg; o++) {
                            System.arraycopy(c[s], o * ld, out, at[s] + o * positions, positions);
                        }
                    }
                    if (bias != null) {
                        for (int o = 0; o < ocg; o++) {
                            float b = bias[g * ocg + o];
                            int base = at[s] + o * positions;
                            for (int p = 0; p < positions; p++) {
                                out[base + p] += b;
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * Writes, for kernel column kj and channel c of the group starting at {@code in}, the input under that
     * kernel column for every output column z and every input row the windows touch (padding rows and columns
     * as zeros): {@code shifted[((kj*cg + c)*rowsUsed + r)*ow + z] = x[c][r - ph][z*sw - pw + kj*dw]}.
     */
    private void shift(float[] x, int in, int cg, Geometry geo, int rowsUsed, float[] shifted) {
        Window k = window;
        int h = geo.h();
        int w = geo.w();
        int ow = geo.ow();
        int sw = k.sw();
        for (int kj = 0; kj < k.kw(); kj++) {
            int ix0 = kj * k.dw() - k.pw();
            // Output columns [zLo, zHi) read inside the input row.
            int zLo = Math.min(ow, ix0 >= 0 ? 0 : (-ix0 + sw - 1) / sw);
            int zHi = Math.max(zLo, Math.min(ow, w - ix0 <= 0 ? 0 : (w - ix0 + sw - 1) / sw));
            for (int c = 0; c < cg; c++) {
                int src = in + c * h * w;
                int dst = (kj * cg + c) * rowsUsed * ow;
                for (int r = 0; r < rowsUsed; r++, dst += ow) {
                    int iy = r - k.ph();
                    if (iy < 0 || iy >= h) {
                        java.util.Arrays.fill(shifted, dst, dst + ow, 0f);
                        continue;
                    }
                    int row = src + iy * w + ix0;
                    java.util.Arrays.fill(shifted, dst, dst + zLo, 0f);
                    if (sw == 1) {
                        for (int z = zLo; z < zHi; z++) {
                            shifted[dst + z] = x[row + z];
                        }
                    } else {
                        for (int z = zLo; z < zHi; z++) {
                            shifted[dst + z] = x[row + z * sw];
                        }
                    }
                    java.util.Arrays.fill(shifted, dst + zHi, dst + ow, 0f);
                }
            }
        }
    }

    /** Group g by tiles of unrolled rows, each multiplied in W's storage format and scattered to the planes. */
    private void byRows(float[] x, int group, Geometry geo, float[] out, ProductExecutor executor) {
        int outC = conv.outChannels();
        int ocg = outC / conv.groups();
        int positions = geo.positions();
        float[] bias = conv.bias();
        TiledProduct.run(groupWeights[group], Math.multiplyExact(geo.n(), positions),
                (from, count, cols) -> unroll(x, group, geo, from, count, cols),
                (from, count, prod) -> {
                    for (int r = 0; r < count; r++) {
                        int sample = (from + r) / positions;
                        int p = (from + r) % positions;
                        for (int o = 0; o < ocg; o++) {
                            int c = group * ocg + o;
                            out[(sample * outC + c) * positions + p] = prod[r * ocg + o]
                                    + (bias == null ? 0f : bias[c]);
                        }
                    }
                }, executor);
    }

    /**
     * Writes the patches of group {@code g} for product rows [from, from + count), row r being output
     * position r % positions of sample r / positions.
     */
    private void unroll(float[] x, int g, Geometry geo, int from, int count, float[] cols) {
        int cg = conv.inChannels() / conv.groups();
        int h = geo.h();
        int w = geo.w();
        int ow = geo.ow();
        int positions = geo.positions();
        Window k = window;
        int pos = 0;
        int kw = k.kw();
        for (int r = from; r < from + count; r++) {
            int sample = r / positions;
            int y = (r % positions) / ow;
            int z = (r % positions) % ow;
            int ix0 = z * k.sw() - k.pw();
            // The whole kernel row inside the input, contiguous: a plain copy without per-entry tests.
            boolean inside = k.dw() == 1 && ix0 >= 0 && ix0 + kw <= w;
            for (int c = 0; c < cg; c++) {
                int plane = (sample * conv.inChannels() + g * cg + c) * h;
                for (int ki = 0; ki < k.kh(); ki++) {
                    int iy = y * k.sh() - k.ph() + ki * k.dh();
                    boolean rowIn = iy >= 0 && iy < h;
                    int rowBase = (plane + iy) * w;
                    if (rowIn && inside) {
                        for (int kj = 0, at = rowBase + ix0; kj < kw; kj++) {
                            cols[pos++] = x[at + kj];
                        }
                        continue;
                    }
                    for (int kj = 0; kj < kw; kj++) {
                        int ix = ix0 + kj * k.dw();
                        cols[pos++] = rowIn && ix >= 0 && ix < w ? x[rowBase + ix] : 0f;
                    }
                }
            }
        }
    }
}
