package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Softmax;

/** Softmax (or its logarithm) along one axis, shifted by the maximum so large inputs cannot overflow. */
final class SoftmaxOperator implements Operator {
    private final int axis;
    private final boolean log;

    SoftmaxOperator(Softmax softmax) {
        this.axis = softmax.axis();
        this.log = softmax.log();
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int a = Shapes.axis(axis, shape.length, "softmax");
        int len = shape[a];
        int inner = Shapes.product(shape, a + 1, shape.length);
        int outer = Shapes.product(shape, 0, a);
        float[] x = inputs[0].data();
        float[] y = new float[x.length];
        Parallel.forRange(executor, outer * inner, (from, to) -> {
            for (int line = from; line < to; line++) {
                int base = (line / inner) * len * inner + line % inner;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    float e = (float) Math.exp(x[base + k * inner] - max);
                    y[base + k * inner] = e;
                    sum += e;
                }
                if (log) {
                    double shift = max + Math.log(sum);
                    for (int k = 0; k < len; k++) {
                        y[base + k * inner] = (float) (x[base + k * inner] - shift);
                    }
                    continue;
                }
                float inv = (float) (1.0 / sum);
                for (int k = 0; k < len; k++) {
                    y[base + k * inner] *= inv;
                }
            }
        });
        return new Tensor(shape, y);
    }
}
