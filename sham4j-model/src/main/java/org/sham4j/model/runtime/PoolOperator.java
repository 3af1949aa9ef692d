package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;

/**
 * Max or average pooling of each (sample, channel) plane, over dilated windows. Average pooling divides, as
 * PyTorch does, by the window's positions within the padded input when {@code countIncludePad}, else by its
 * valid positions.
 */
final class PoolOperator implements Operator {
    private final Pool pool;
    private final Window window;

    PoolOperator(Pool pool) {
        this.pool = pool;
        this.window = Window.of(pool.kernel(), pool.strides(), pool.padsBegin(), pool.padsEnd(), pool.dilations(),
                pool.ceilMode());
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int dims = pool.dims();
        if (shape.length != dims + 2) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer expects "
                    + (dims == 2 ? "(N, C, H, W)" : "(N, C, L)"));
        }
        int h = dims == 2 ? shape[2] : 1;
        int w = shape[dims + 1];
        int oh = window.outH(h);
        int ow = window.outW(w);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + " is smaller than the kernel");
        }
        int planes = shape[0] * shape[1];
        int[] outShape = dims == 2 ? new int[] {shape[0], shape[1], oh, ow} : new int[] {shape[0], shape[1], ow};
        float[] out = new float[Math.toIntExact(Tensor.size(outShape))];
        float[] x = inputs[0].data();
        Parallel.forRange(executor, planes, (from, to) -> {
            for (int p = from; p < to; p++) {
                plane(x, p * h * w, h, w, out, p * oh * ow, oh, ow);
            }
        });
        return new Tensor(outShape, out);
    }

    private void plane(float[] x, int in, int h, int w, float[] out, int at, int oh, int ow) {
        Window k = window;
        boolean max = pool.poolKind() == PoolKind.MAX;
        if (k.ph() == 0 && k.pw() == 0 && k.dh() == 1 && k.dw() == 1 && (oh - 1) * k.sh() + k.kh() <= h
                && (ow - 1) * k.sw() + k.kw() <= w) {
            inside(x, in, w, out, at, oh, ow, max);
            return;
        }
        for (int y = 0; y < oh; y++) {
            int y0 = y * k.sh() - k.ph();
            for (int z = 0; z < ow; z++) {
                int z0 = z * k.sw() - k.pw();
                float v = max ? Float.NEGATIVE_INFINITY : 0f;
                int valid = 0;
                int padded = 0;
                for (int ky = 0; ky < k.kh(); ky++) {
                    int i = y0 + ky * k.dh();
                    if (i >= h + k.phEnd()) {
                        break;
                    }
                    for (int kz = 0; kz < k.kw(); kz++) {
                        int j = z0 + kz * k.dw();
                        if (j >= w + k.pwEnd()) {
                            break;
                        }
                        padded++;
                        if (i < 0 || i >= h || j < 0 || j >= w) {
                            continue;
                        }
                        valid++;
                        float value = x[in + i * w + j];
                        v = max ? Math.max(v, value) : v + value;
                    }
                }
                out[at + y * ow + z] = max ? v : v / (pool.countIncludePad() ? padded : valid);
            }
        }
    }

    /**
     * A plane whose every window lies inside the input: the same sums and maxima in the same order as
     * {@link #plane}, without the clipping.
     */
    private void inside(float[] x, int in, int w, float[] out, int at, int oh, int ow, boolean max) {
        Window k = window;
        int kh = k.kh();
        int kw = k.kw();
        int sh = k.sh() * w;
        int sw = k.sw();
        if (max) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0, o = at + y * ow, base = in + y * sh; z < ow; z++, base += sw) {
                    float v = Float.NEGATIVE_INFINITY;
                    for (int i = 0, r = base; i < kh; i++, r += w) {
                        for (int j = 0; j < kw; j++) {
                            v = Math.max(v, x[r + j]);
                        }
                    }
                    out[o + z] = v;
                }
            }
            return;
        }
        float count = kh * kw;
        for (int y = 0; y < oh; y++) {
            for (int z = 0, o = at + y * ow, base = in + y * sh; z < ow; z++, base += sw) {
                float v = 0f;
                for (int i = 0, r = base; i < kh; i++, r += w) {
                    for (int j = 0; j < kw; j++) {
                        v += x[r + j];
                    }
                }
                out[o + z] = v / count;
            }
        }
    }
}
