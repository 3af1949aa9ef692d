package org.sham4j.model.runtime;

import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;

/**
 * Convolution lowered to products: the input patches of a chunk of samples are unrolled (im2col) into a
 * row-major batch of (inChannels / groups) · prod(kernel) vectors, one per output position, that the weight
 * matrix multiplies in its storage format. With groups &gt; 1 each group has its own matrix: the column block
 * of its output channels, re-encoded once at construction in the layer's format (formats are lossless).
 * Samples are processed in chunks so the unrolled patches stay within a few megabytes.
 */
final class ConvOperator implements Operator {
    /** Largest unrolled chunk, in floats. */
    private static final int CHUNK_FLOATS = 1 << 21;

    private final Conv conv;
    private final Window window;
    private final CompressedMatrix[] groupWeights;

    ConvOperator(Conv conv) {
        this.conv = conv;
        this.window = Window.of(conv.kernel(), conv.strides(), conv.padsBegin(), conv.padsEnd(), conv.dilations(),
                false);
        this.groupWeights = splitByGroup(conv.weights(), conv.groups());
    }

    private static CompressedMatrix[] splitByGroup(CompressedMatrix w, int groups) {
        if (groups == 1) {
            return new CompressedMatrix[] {w};
        }
        DenseMatrix all = w.toDense();
        int rows = all.rows();
        int per = all.cols() / groups;
        CompressedMatrix[] out = new CompressedMatrix[groups];
        for (int g = 0; g < groups; g++) {
            float[] block = new float[rows * per];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(all.data(), i * all.cols() + g * per, block, i * per, per);
            }
            out[g] = w.format().encode(SparseMatrix.fromDense(new DenseMatrix(rows, per, block)));
        }
        return out;
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
        int rows = groupWeights[0].rows();
        int[] outShape = dims == 2 ? new int[] {n, outC, oh, ow} : new int[] {n, outC, ow};
        float[] out = new float[Math.toIntExact(Tensor.size(outShape))];
        int perSample = Math.max(1, positions * rows);
        int chunk = Math.max(1, Math.min(n, CHUNK_FLOATS / perSample));
        float[] cols = new float[Math.toIntExact((long) chunk * positions * rows)];
        float[] prod = new float[Math.toIntExact((long) chunk * positions * ocg)];
        float[] x = input.data();
        float[] bias = conv.bias();
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int first = n0;
            int samples = Math.min(chunk, n - n0);
            for (int g = 0; g < groups; g++) {
                int group = g;
                executor.run(samples, s -> unroll(x, first + s, group, h, w, oh, ow, cols, s * perSample));
                groupWeights[g].multiply(cols, samples * positions, prod, executor);
                executor.run(samples, s -> {
                    for (int o = 0; o < ocg; o++) {
                        int c = group * ocg + o;
                        float b = bias == null ? 0f : bias[c];
                        int dst = ((first + s) * outC + c) * positions;
                        int src = s * positions * ocg + o;
                        for (int p = 0; p < positions; p++) {
                            out[dst + p] = prod[src + p * ocg] + b;
                        }
                    }
                });
            }
        }
        return new Tensor(outShape, out);
    }

    /** Writes the patches of sample {@code sample}, group {@code g}: one row per output position. */
    private void unroll(float[] x, int sample, int g, int h, int w, int oh, int ow, float[] cols, int at) {
        int cg = conv.inChannels() / conv.groups();
        Window k = window;
        int pos = at;
        for (int y = 0; y < oh; y++) {
            for (int z = 0; z < ow; z++) {
                for (int c = 0; c < cg; c++) {
                    int plane = (sample * conv.inChannels() + g * cg + c) * h;
                    for (int ki = 0; ki < k.kh(); ki++) {
                        int iy = y * k.sh() - k.ph() + ki * k.dh();
                        boolean rowIn = iy >= 0 && iy < h;
                        int rowBase = (plane + iy) * w;
                        for (int kj = 0; kj < k.kw(); kj++) {
                            int ix = z * k.sw() - k.pw() + kj * k.dw();
                            cols[pos++] = rowIn && ix >= 0 && ix < w ? x[rowBase + ix] : 0f;
                        }
                    }
                }
            }
        }
    }
}
