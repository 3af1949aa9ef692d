package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.ConvTranspose;

/**
 * Transposed convolution as products: the channel vectors of a sample's input positions, a tile at a time,
 * times the weight matrix (a {@link WeightProduct}) give each position's output patch, which is added into the
 * output (col2im). With groups &gt; 1 each group has its own matrix, the row block of its input channels,
 * re-encoded once in the layer's format. A (sample, group) pair is one task, so the sums are the same for any
 * thread count.
 */
final class ConvTransposeOperator implements Operator {
    private final ConvTranspose layer;
    private final Window window;
    private final WeightProduct[] groupWeights;

    ConvTransposeOperator(ConvTranspose layer, WeightProducts products) {
        this.layer = layer;
        this.window = Window.of(layer.kernel(), layer.strides(), layer.padsBegin(), layer.padsEnd(),
                layer.dilations(), false);
        CompressedMatrix[] split = splitByGroup(layer.weights(), layer.groups());
        this.groupWeights = new WeightProduct[split.length];
        for (int g = 0; g < split.length; g++) {
            groupWeights[g] = WeightProduct.of(split[g], products);
        }
    }

    private static CompressedMatrix[] splitByGroup(CompressedMatrix w, int groups) {
        if (groups == 1) {
            return new CompressedMatrix[] {w};
        }
        DenseMatrix all = w.toDense();
        int per = all.rows() / groups;
        int cols = all.cols();
        CompressedMatrix[] out = new CompressedMatrix[groups];
        for (int g = 0; g < groups; g++) {
            float[] block = new float[per * cols];
            System.arraycopy(all.data(), g * per * cols, block, 0, per * cols);
            out[g] = w.format().encode(SparseMatrix.fromDense(new DenseMatrix(per, cols, block)));
        }
        return out;
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int dims = layer.dims();
        if (shape.length != dims + 2 || shape[1] != layer.inChannels()) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer expects (N, "
                    + layer.inChannels() + (dims == 2 ? ", H, W)" : ", L)"));
        }
        int n = shape[0];
        int h = dims == 2 ? shape[2] : 1;
        int w = shape[dims + 1];
        int oh = dims == 2 ? layer.outputSize(0, h) : 1;
        int ow = layer.outputSize(dims - 1, w);
        int groups = layer.groups();
        int inC = layer.inChannels();
        int outC = layer.outChannels();
        int[] outShape = dims == 2 ? new int[] {n, outC, oh, ow} : new int[] {n, outC, ow};
        float[] out = new float[Math.toIntExact(Tensor.size(outShape))];
        float[] x = inputs[0].data();
        int positions = h * w;
        int outPositions = oh * ow;
        int cg = inC / groups;
        int ocg = outC / groups;
        Window k = window;
        int patch = k.kh() * k.kw();
        Parallel.forRange(executor, n * groups, (from, to) -> {
            float[] rows = new float[TiledProduct.TILE * cg];
            float[] prod = new float[TiledProduct.TILE * ocg * patch];
            for (int task = from; task < to; task++) {
                int sample = task / groups;
                int g = task % groups;
                WeightProduct wg = groupWeights[g];
                for (int p0 = 0; p0 < positions; p0 += TiledProduct.TILE) {
                    int count = Math.min(TiledProduct.TILE, positions - p0);
                    for (int r = 0; r < count; r++) {
                        for (int c = 0; c < cg; c++) {
                            rows[r * cg + c] = x[(sample * inC + g * cg + c) * positions + p0 + r];
                        }
                    }
                    wg.multiply(rows, count, prod);
                    for (int r = 0; r < count; r++) {
                        int iy = (p0 + r) / w;
                        int ix = (p0 + r) % w;
                        for (int o = 0; o < ocg; o++) {
                            int plane = (sample * outC + g * ocg + o) * outPositions;
                            int base = (r * ocg + o) * patch;
                            for (int ky = 0; ky < k.kh(); ky++) {
                                int oy = iy * k.sh() - k.ph() + ky * k.dh();
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < k.kw(); kx++) {
                                    int ox = ix * k.sw() - k.pw() + kx * k.dw();
                                    if (ox >= 0 && ox < ow) {
                                        out[plane + oy * ow + ox] += prod[base + ky * k.kw() + kx];
                                    }
                                }
                            }
                        }
                    }
                }
                float[] bias = layer.bias();
                if (bias != null) {
                    for (int o = 0; o < ocg; o++) {
                        int plane = (sample * outC + g * ocg + o) * outPositions;
                        float b = bias[g * ocg + o];
                        for (int q = 0; q < outPositions; q++) {
                            out[plane + q] += b;
                        }
                    }
                }
            }
        });
        return new Tensor(outShape, out);
    }
}
