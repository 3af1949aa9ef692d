package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.BatchNorm;

/** y = x · a[c] + b[c] over axis 1, with a = scale / sqrt(var + eps) and b = bias − mean · a folded once. */
final class BatchNormOperator implements Operator {
    private final float[] a;
    private final float[] b;

    BatchNormOperator(BatchNorm bn) {
        int c = bn.scale().length;
        a = new float[c];
        b = new float[c];
        for (int k = 0; k < c; k++) {
            double s = bn.scale()[k] / Math.sqrt((double) bn.variance()[k] + bn.epsilon());
            a[k] = (float) s;
            b[k] = (float) (bn.bias()[k] - bn.mean()[k] * s);
        }
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        if (shape.length < 2 || shape[1] != a.length) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer expects (N, "
                    + a.length + ", ...)");
        }
        int channels = a.length;
        int inner = Shapes.product(shape, 2, shape.length);
        float[] x = inputs[0].data();
        float[] y = new float[x.length];
        Parallel.forRange(executor, shape[0] * channels, (from, to) -> {
            for (int p = from; p < to; p++) {
                float s = a[p % channels];
                float t = b[p % channels];
                for (int k = p * inner, end = k + inner; k < end; k++) {
                    y[k] = x[k] * s + t;
                }
            }
        });
        return new Tensor(shape, y);
    }
}
