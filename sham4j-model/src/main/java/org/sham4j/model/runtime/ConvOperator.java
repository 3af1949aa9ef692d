package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;

/**
 * Convolution lowered to products: the input patches of a chunk of samples are unrolled (im2col) into a
 * row-major batch of (inChannels / groups) · prod(kernel) vectors, one per output position, that the weight
 * matrix multiplies in its storage format. With groups &gt; 1 each group has its own matrix
 * ({@link Conv#groupWeights()}), made once at construction.
 * The patches are unrolled tile by tile ({@link TiledProduct}), so they never take more than a tile's buffer.
 */
final class ConvOperator implements Operator {
    private final Conv conv;
    private final Window window;
    private final CompressedMatrix[] groupWeights;

    ConvOperator(Conv conv) {
        this.conv = conv;
        this.window = Window.of(conv.kernel(), conv.strides(), conv.padsBegin(), conv.padsEnd(), conv.dilations(),
                false);
        this.groupWeights = conv.groupWeights().toArray(new CompressedMatrix[0]);
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
        int groups = conv.groups();
        int outC = conv.outChannels();
        int ocg = outC / groups;
        int positions = oh * ow;
        int[] outShape = dims == 2 ? new int[] {n, outC, oh, ow} : new int[] {n, outC, ow};
        float[] out = new float[Math.toIntExact(Tensor.size(outShape))];
        float[] x = input.data();
        float[] bias = conv.bias();
        for (int g = 0; g < groups; g++) {
            int group = g;
            TiledProduct.run(groupWeights[g], Math.multiplyExact(n, positions),
                    (from, count, cols) -> unroll(x, group, h, w, ow, positions, from, count, cols),
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
        return new Tensor(outShape, out);
    }

    /**
     * Writes the patches of group {@code g} for product rows [from, from + count), row r being output
     * position r % positions of sample r / positions.
     */
    private void unroll(float[] x, int g, int h, int w, int ow, int positions, int from, int count, float[] cols) {
        int cg = conv.inChannels() / conv.groups();
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
